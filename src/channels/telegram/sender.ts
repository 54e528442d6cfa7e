import { type Api, GrammyError, HttpError, InputFile } from 'grammy';
import type { InlineKeyboardButton } from 'grammy/types';
import { type ChannelSender, DeliveryError, type Outbound } from '../../conversation/messages';
import { splitText } from '../../conversation/split-text';
import { RateLimiter } from '../rate-limiter';

export const TELEGRAM_MAX_TEXT = 4096;

/**
 * Messages per second across all chats. Telegram's "about 30" is not an exact contract and its
 * window is not aligned with ours: a little headroom keeps bulk reminders clear of 429s.
 */
export const TELEGRAM_BULK_PER_SECOND = 28;

/** The limiter every Telegram sender uses: ≈28 messages/s overall, one per second per chat. */
export function createTelegramRateLimiter(): RateLimiter {
  return new RateLimiter(TELEGRAM_BULK_PER_SECOND, 1000);
}

function keyboard(message: Outbound): { inline_keyboard: InlineKeyboardButton[][] } | undefined {
  if (!message.buttons || message.buttons.length === 0) return undefined;
  return {
    inline_keyboard: message.buttons.map((row) =>
      row.map((button) => ({ text: button.label, callback_data: button.data })),
    ),
  };
}

/** Sends one outbound message: long texts split at 4096 characters, buttons on the last part. */
export async function sendTelegramMessage(api: Api, chatId: string, message: Outbound): Promise<void> {
  if (message.document) {
    await api.sendDocument(chatId, new InputFile(message.document.bytes, message.document.fileName), {
      caption: message.document.caption?.slice(0, 1024),
    });
    if (!message.text) return;
  }
  const parts = splitText(message.text, TELEGRAM_MAX_TEXT);
  for (const [index, part] of parts.entries()) {
    const last = index === parts.length - 1;
    await api.sendMessage(chatId, part, last ? { reply_markup: keyboard(message) } : {});
  }
}

/**
 * The sender used for reminders and notifications: rate-limited (≈30 messages/s overall, 1/s per
 * chat), with platform errors translated for the caller (403 → permanent, 429 → retry later).
 * 429 answers, 5xx errors and timeouts are first retried by the API's one retry layer (api-retry.ts).
 */
export function createTelegramSender(api: Api, limiter: RateLimiter): ChannelSender {
  return {
    platform: 'telegram',
    maxTextLength: TELEGRAM_MAX_TEXT,
    buttons: true,
    async send(chatId, message, options) {
      await limiter.acquire(chatId);
      await options?.onTurn?.();
      try {
        await sendTelegramMessage(api, chatId, message);
      } catch (error) {
        throw toDeliveryError(error);
      }
    },
  };
}

export function toDeliveryError(error: unknown): DeliveryError {
  if (error instanceof GrammyError) {
    const permanent =
      error.error_code === 403 || (error.error_code === 400 && /chat not found/i.test(error.description));
    return new DeliveryError(
      `${error.error_code}: ${error.description}`,
      permanent,
      error.parameters.retry_after,
    );
  }
  if (error instanceof HttpError) return new DeliveryError(`network: ${error.message}`, false);
  return new DeliveryError(error instanceof Error ? error.message : String(error), false);
}
