import { autoRetry } from '@grammyjs/auto-retry';
import { type RunnerHandle, run, sequentialize } from '@grammyjs/runner';
import { Bot, webhookCallback } from 'grammy';
import type { HttpServer } from '../../http/server';
import type { Logger } from '../../logger';
import type { Conversation } from '../../services/conversation';
import { type ChannelSender, type ChannelStatus, onLongPollHeld, POLL_FAILURES_UNHEALTHY } from '../types';
import { normalizeTelegramUpdate } from './normalize';
import {
  createTelegramRateLimiter,
  createTelegramSender,
  sendTelegramMessage,
  TELEGRAM_MAX_TEXT,
} from './sender';

export interface TelegramChannelOptions {
  token: string;
  apiRoot: string;
  webhook: { url: string; secret: string } | undefined;
  conversation: Conversation;
  logger: Logger;
  http: HttpServer;
  /** Largest file to download (Bot API: 20 MB). */
  maxDownloadBytes: number;
}

export const TELEGRAM_WEBHOOK_PATH = '/telegram/webhook';

/** The Vietnamese command menu shown by Telegram clients. */
export const TELEGRAM_COMMANDS = [
  { command: 'baocao', description: 'Làm hoặc tiếp tục báo cáo' },
  { command: 'xem', description: 'Xem lại các câu đã trả lời' },
  { command: 'sua', description: 'Sửa một câu trả lời' },
  { command: 'nop', description: 'Nộp báo cáo' },
  { command: 'tamdung', description: 'Tạm dừng' },
  { command: 'trogiup', description: 'Hướng dẫn sử dụng' },
];

/** Added to the menu of secretariat members' chats only (a chat-scoped command list). */
export const TELEGRAM_SECRETARIAT_COMMANDS = [
  { command: 'tinhhinh', description: 'Tình hình nộp báo cáo' },
  { command: 'xembc', description: 'Xem báo cáo của một đơn vị' },
  { command: 'yeucau', description: 'Yêu cầu báo cáo đột xuất' },
  { command: 'nhac', description: 'Nhắc ngay các đơn vị chưa nộp' },
  { command: 'xuat', description: 'Xuất báo cáo (Word, Excel)' },
  { command: 'donvi', description: 'Đơn vị, người liên hệ, mã mời' },
  { command: 'moi', description: 'Mời thành viên Ban Xây dựng Đảng' },
  { command: 'bangdieukhien', description: 'Đường dẫn đăng nhập bảng điều khiển' },
];

export interface TelegramChannel {
  readonly sender: ChannelSender;
  readonly username: string;
  /** Shows the secretariat's commands in this chat's menu. */
  showSecretariatMenu(chatId: string): Promise<void>;
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
  const bot = new Bot(options.token, { client: { apiRoot: options.apiRoot } });
  // Honour 429 retry_after and retry 5xx/network errors, but never wait minutes inside a reply.
  bot.api.config.use(
    autoRetry({ maxRetryAttempts: 5, maxDelaySeconds: 60, rethrowInternalServerErrors: false }),
  );

  const download = async (fileId: string): Promise<Buffer> => {
    const file = await bot.api.getFile(fileId);
    if (!file.file_path) throw new Error('Telegram returned no file path');
    const response = await fetch(`${options.apiRoot}/file/bot${options.token}/${file.file_path}`);
    if (!response.ok) throw new Error(`file download failed: HTTP ${response.status}`);
    return Buffer.from(await response.arrayBuffer());
  };

  bot.use(sequentialize((ctx) => ctx.chat?.id.toString()));
  bot.on(['message', 'callback_query'], async (ctx) => {
    const inbound = normalizeTelegramUpdate(ctx, download);
    if (ctx.callbackQuery) await ctx.answerCallbackQuery().catch(() => undefined);
    if (!inbound) return;
    const replies = await conversation.handle(inbound, TELEGRAM_MAX_TEXT);
    for (const reply of replies) await sendTelegramMessage(ctx.api, inbound.chatId, reply);
  });
  bot.catch((error) => {
    logger.error({ err: error.error, update_id: error.ctx.update.update_id }, 'telegram update failed');
  });

  // Counted for /healthz: the runner keeps retrying a failing getUpdates without telling anyone.
  let pollFailures = 0;
  bot.api.config.use(async (call, method, payload, signal) => {
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

  const sender = createTelegramSender(bot.api, createTelegramRateLimiter());
  let runner: RunnerHandle | undefined;
  let webhookSet = false;

  return {
    sender,
    get username() {
      return bot.botInfo.username;
    },
    async showSecretariatMenu(chatId) {
      await bot.api
        .setMyCommands([...TELEGRAM_COMMANDS, ...TELEGRAM_SECRETARIAT_COMMANDS], {
          scope: { type: 'chat', chat_id: Number(chatId) },
        })
        .catch((error: unknown) => logger.warn({ err: error, chatId }, 'secretariat menu not set'));
    },
    async start() {
      await bot.init();
      await bot.api
        .setMyCommands(TELEGRAM_COMMANDS)
        .catch((error: unknown) => logger.warn({ err: error }, 'setMyCommands failed'));
      if (options.webhook) {
        const handleUpdate = webhookCallback(bot, 'http', { secretToken: options.webhook.secret });
        options.http.route('POST', TELEGRAM_WEBHOOK_PATH, handleUpdate);
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
        runner = run(bot, { runner: { fetch: { allowed_updates: ['message', 'callback_query'] } } });
        logger.info({ username: bot.botInfo.username }, 'telegram: long polling');
      }
    },
    async stop() {
      if (runner?.isRunning()) await runner.stop();
      webhookSet = false;
    },
    status() {
      return options.webhook
        ? { mode: 'webhook', running: webhookSet }
        : {
            mode: 'polling',
            running: (runner?.isRunning() ?? false) && pollFailures < POLL_FAILURES_UNHEALTHY,
            pollFailures,
          };
    },
  };
}
