import { Api } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import { z } from 'zod';
import type { ChannelEntry } from '../channel';
import { apiRetry } from './api-retry';
import { createTelegramRateLimiter, createTelegramSender, TELEGRAM_MAX_TEXT } from './sender';
import { createTelegramChannel, TELEGRAM_COMMANDS, TELEGRAM_SECRETARIAT_COMMANDS } from './telegram-channel';

/** Telegram in the channel registry: its environment block, its Bot API client and its channel. */
export const telegramEntry: ChannelEntry = {
  platform: 'telegram',
  maxTextLength: TELEGRAM_MAX_TEXT,
  env: {
    prefix: 'TELEGRAM',
    token: {
      pattern: /^\d+:[A-Za-z0-9_-]{20,}$/,
      error: 'expected a token from @BotFather, like 123456:ABC-DEF…',
    },
    apiRoot: { default: 'https://api.telegram.org', describe: 'the Bot API root' },
    webhookUrl: 'the public HTTPS address Telegram should call',
    webhookSecret: z
      .string()
      .regex(/^[A-Za-z0-9_-]{16,256}$/, { error: 'expected 16–256 characters of A–Z, a–z, 0–9, _ or -' }),
  },
  connect(config, deps) {
    const logger = deps.logger.child({ channel: 'telegram' });
    const api = new Api(config.token, {
      apiRoot: config.apiRoot,
      timeoutSeconds: deps.requestTimeoutSeconds,
    });
    // One bounded retry layer: 429 retry_after, then brief backoff on network errors, timeouts, 5xx.
    api.config.use(apiRetry());
    const sender = createTelegramSender(api, createTelegramRateLimiter());
    return {
      platform: 'telegram',
      sender,
      async identify() {
        const me = await api.getMe();
        return { username: me.username, me };
      },
      async showSecretariatMenu(chatId) {
        await api
          .setMyCommands([...TELEGRAM_COMMANDS, ...TELEGRAM_SECRETARIAT_COMMANDS], {
            scope: { type: 'chat', chat_id: Number(chatId) },
          })
          .catch((error: unknown) => logger.warn({ err: error, chatId }, 'secretariat menu not set'));
      },
      channel({ conversation, http, identity, webhookInbox }) {
        const channel = createTelegramChannel({
          token: config.token,
          apiRoot: config.apiRoot,
          webhook: config.webhook,
          conversation,
          logger,
          http,
          maxDownloadBytes: deps.maxDownloadBytes,
          requestTimeoutSeconds: deps.requestTimeoutSeconds,
          sender,
          botInfo: identity.me as UserFromGetMe | undefined,
          webhookInbox,
        });
        return {
          platform: 'telegram',
          start: () => channel.start(),
          stop: () => channel.stop(),
          status: () => channel.status(),
        };
      },
    };
  },
};
