import { sequentialize } from '@grammyjs/runner';
import { Api, Bot } from 'grammy';
import type { Update, UserFromGetMe } from 'grammy/types';
import { CONTACT_COMMANDS, SECRETARIAT_COMMANDS } from '../../conversation/command-menu';
import type { Conversation } from '../../conversation/conversation';
import type { ChannelSender } from '../../conversation/messages';
import type { HttpServer } from '../../http/server';
import type { Logger } from '../../logger';
import { type ChannelStatus, onLongPollHeld, POLL_FAILURES_UNHEALTHY } from '../channel';
import { createWebhookInbox, type WebhookInbox, type WebhookInboxSettings } from '../webhook-inbox';
import { apiRetry } from './api-retry';
import { type DurablePolling, startDurablePolling } from './durable-polling';
import { normalizeTelegramUpdate } from './normalize';
import {
  createTelegramRateLimiter,
  createTelegramSender,
  sendTelegramMessage,
  TELEGRAM_MAX_TEXT,
} from './sender';
import { telegramWebhookHandler } from './webhook';

export interface TelegramChannelOptions {
  token: string;
  apiRoot: string;
  webhook: { url: string; secret: string } | undefined;
  conversation: Conversation;
  logger: Logger;
  http: HttpServer;
  /** Largest file to download (Bot API: 20 MB). */
  maxDownloadBytes: number;
  /** Longest wait for one Bot API call; defaults to TELEGRAM_REQUEST_TIMEOUT_SECONDS. */
  requestTimeoutSeconds?: number;
  /** The sender built with the platform's connection (one rate limiter per bot); a new one otherwise. */
  sender?: ChannelSender;
  /** getMe's answer when already known: the start does not ask again. */
  botInfo?: UserFromGetMe;
  /** Webhook mode: where received updates are stored before Telegram is answered. */
  webhookInbox?: WebhookInboxSettings;
}

export const TELEGRAM_WEBHOOK_PATH = '/telegram/webhook';

/**
 * Longest wait for one Bot API call: a hung request delays one reply by at most this. (grammY's
 * default is 500 s, and a chat's updates are handled one at a time.) BOT_API_TIMEOUT_SECONDS.
 */
export const TELEGRAM_REQUEST_TIMEOUT_SECONDS = 10;
/** Long-poll wait of getUpdates; its own client waits this plus a margin. */
const POLL_SECONDS = 25;
/** Largest wait for a file download from Telegram's file server. */
const DOWNLOAD_TIMEOUT_MS = 60_000;

/** The Vietnamese command menu shown by Telegram clients (src/conversation/command-menu.ts). */
export const TELEGRAM_COMMANDS = CONTACT_COMMANDS.map(({ command, description }) => ({
  command,
  description,
}));

/** Added to the menu of secretariat members' chats only (a chat-scoped command list). */
export const TELEGRAM_SECRETARIAT_COMMANDS = SECRETARIAT_COMMANDS.map(({ command, description }) => ({
  command,
  description,
}));

export interface TelegramChannel {
  readonly sender: ChannelSender;
  readonly username: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  status(): ChannelStatus;
}

/**
 * Telegram through grammY: long polling (per-chat sequential) or a webhook checked against its
 * secret; every update is normalised and handed to the conversation service.
 */
export function createTelegramChannel(options: TelegramChannelOptions): TelegramChannel {
  const { conversation, logger } = options;
  const timeoutSeconds = options.requestTimeoutSeconds ?? TELEGRAM_REQUEST_TIMEOUT_SECONDS;
  const bot = new Bot(options.token, {
    botInfo: options.botInfo,
    client: { apiRoot: options.apiRoot, timeoutSeconds },
  });
  // One bounded retry layer: 429 retry_after, then brief backoff on network errors, timeouts, 5xx.
  bot.api.config.use(apiRetry());

  const download = async (fileId: string): Promise<Buffer> => {
    const file = await bot.api.getFile(fileId);
    if (!file.file_path) throw new Error('Telegram returned no file path');
    const response = await fetch(`${options.apiRoot}/file/bot${options.token}/${file.file_path}`, {
      signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS),
    });
    if (!response.ok) throw new Error(`file download failed: HTTP ${response.status}`);
    return Buffer.from(await response.arrayBuffer());
  };

  bot.use(sequentialize((ctx) => ctx.chat?.id.toString()));
  bot.on(['message', 'callback_query'], async (ctx) => {
    const inbound = normalizeTelegramUpdate(ctx, download);
    if (ctx.callbackQuery) await ctx.answerCallbackQuery().catch(() => undefined);
    if (!inbound) return;
    // Replies go out before the update is marked done: see Conversation.handle.
    await conversation.handle(inbound, TELEGRAM_MAX_TEXT, async (replies) => {
      for (const reply of replies) await sendTelegramMessage(ctx.api, inbound.chatId, reply);
    });
  });
  bot.catch((error) => {
    logger.error({ err: error.error, update_id: error.ctx.update.update_id }, 'telegram update failed');
  });

  // getUpdates has a client of its own: its timeout must outlast a long poll, unlike the bot's calls.
  const pollingApi = new Api(options.token, {
    apiRoot: options.apiRoot,
    timeoutSeconds: POLL_SECONDS + timeoutSeconds,
  });
  // Counted for /healthz: the poller keeps retrying a failing getUpdates without telling anyone.
  let pollFailures = 0;
  pollingApi.config.use(async (call, method, payload, signal) => {
    if (method !== 'getUpdates') return call(method, payload, signal);
    const cancel = onLongPollHeld(() => {
      pollFailures = 0;
    });
    try {
      const result = await call(method, payload, signal);
      pollFailures = result.ok ? 0 : pollFailures + 1;
      return result;
    } catch (error) {
      pollFailures++;
      throw error;
    } finally {
      cancel();
    }
  });

  const sender = options.sender ?? createTelegramSender(bot.api, createTelegramRateLimiter());
  let polling: DurablePolling | undefined;
  let webhookSet = false;
  let inbox: WebhookInbox | undefined;

  return {
    sender,
    get username() {
      return bot.botInfo.username;
    },
    async start() {
      await bot.init();
      await bot.api
        .setMyCommands(TELEGRAM_COMMANDS)
        .catch((error: unknown) => logger.warn({ err: error }, 'setMyCommands failed'));
      if (options.webhook) {
        if (!options.webhookInbox) throw new Error('telegram webhook mode needs the store inbox');
        // Stored first, answered at once, handled in the background: see webhook-inbox.ts.
        inbox = createWebhookInbox(
          'telegram',
          options.webhookInbox,
          (update) => bot.handleUpdate(update as Update),
          logger,
        );
        options.http.route(
          'POST',
          TELEGRAM_WEBHOOK_PATH,
          telegramWebhookHandler(inbox, options.webhook.secret, logger),
        );
        await inbox.start();
        await bot.api.setWebhook(options.webhook.url, {
          secret_token: options.webhook.secret,
          allowed_updates: ['message', 'callback_query'],
        });
        webhookSet = true;
        logger.info({ url: options.webhook.url }, 'telegram: webhook mode');
      } else {
        // Polling and a webhook are exclusive; a server that doesn't know the call is no reason to stop.
        await bot.api
          .deleteWebhook()
          .catch((error: unknown) => logger.warn({ err: error }, 'deleteWebhook failed'));
        polling = startDurablePolling(bot, {
          pollingApi,
          allowedUpdates: ['message', 'callback_query'],
          pollSeconds: POLL_SECONDS,
          logger,
        });
        logger.info({ username: bot.botInfo.username }, 'telegram: long polling');
      }
    },
    async stop() {
      if (polling?.isRunning()) await polling.stop();
      await inbox?.stop();
      webhookSet = false;
    },
    status() {
      return options.webhook
        ? { mode: 'webhook', running: webhookSet }
        : {
            mode: 'polling',
            running: (polling?.isRunning() ?? false) && pollFailures < POLL_FAILURES_UNHEALTHY,
            pollFailures,
          };
    },
  };
}
