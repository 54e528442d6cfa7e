import { type ChannelSender, DeliveryError, type Outbound, TurnRefused } from '../../conversation/messages';
import { KeyedLock } from '../../store/keyed-lock';
import type { ZaloButtonsRepository } from '../../store/repositories/zalo-buttons';
import { RateLimiter } from '../rate-limiter';
import { lastNumbered, renderForZalo, ZALO_MAX_TEXT } from './render';
import { ZaloApiError, type ZaloClient } from './zalo-client';

/** What the sender needs besides the API: the per-chat button memory, and one lock per chat. */
export interface ZaloDelivery {
  buttons: ZaloButtonsRepository;
  /** Shared with the channel: a reply and a reminder to the same chat never interleave. */
  chatLock: KeyedLock;
  now: () => Date;
}

/** Zalo publishes no limit: 10 messages a second overall and one a second per chat stay polite. */
export function createZaloRateLimiter(): RateLimiter {
  return new RateLimiter(10, 1000);
}

/**
 * Sends a batch of messages to one chat (a reply, or one notification) and remembers the buttons
 * the chat's next typed number refers to. The caller holds the chat's lock.
 */
export async function deliverToZalo(
  client: ZaloClient,
  delivery: ZaloDelivery,
  chatId: string,
  messages: readonly Outbound[],
  beforeEachPart: () => Promise<void> = async () => undefined,
): Promise<void> {
  const renderings = messages.map(renderForZalo);
  // Remembered before sending: once a list is on screen, the next typed number must find it.
  await delivery.buttons.set(chatId, lastNumbered(renderings, messages), delivery.now());
  for (const rendering of renderings) {
    for (const part of rendering.parts) {
      await beforeEachPart();
      await client.call('sendMessage', { chat_id: chatId, text: part });
    }
  }
}

/**
 * The sender used for reminders and notifications: rate-limited per chat and overall (Zalo
 * publishes no limit; 429 answers are retried with backoff by the client), errors translated for
 * the reminder ledger (403 → permanent).
 */
export function createZaloSender(
  client: ZaloClient,
  limiter: RateLimiter,
  delivery: ZaloDelivery = {
    buttons: { get: async () => [], set: async () => undefined },
    chatLock: new KeyedLock(),
    now: () => new Date(),
  },
): ChannelSender {
  return {
    platform: 'zalo',
    maxTextLength: ZALO_MAX_TEXT,
    // No buttons: messages name what to type, and their choices are listed with numbers (render.ts).
    buttons: false,
    async send(chatId, message, options) {
      let turnTaken = false;
      const beforeEachPart = async () => {
        await limiter.acquire(chatId);
        if (!turnTaken) {
          turnTaken = true;
          await options?.onTurn?.();
        }
      };
      try {
        await delivery.chatLock.run(chatId, () =>
          deliverToZalo(client, delivery, chatId, [message], beforeEachPart),
        );
      } catch (error) {
        if (error instanceof TurnRefused) throw error;
        throw toDeliveryError(error);
      }
    },
  };
}

/** Zalo documents no error codes beyond HTTP-like ones; 403 (blocked, not a follower) is permanent. */
export function toDeliveryError(error: unknown): DeliveryError {
  if (error instanceof DeliveryError) return error;
  if (error instanceof ZaloApiError) {
    const permanent =
      error.errorCode === 403 ||
      (error.errorCode === 400 &&
        /(chat|user|recipient).*(not found|invalid|not exist)/i.test(error.description));
    return new DeliveryError(
      `${error.errorCode}: ${error.description}`,
      permanent,
      // The client already backed off; ask the ledger to wait a while before the next attempt.
      error.errorCode === 429 ? 60 : undefined,
    );
  }
  return new DeliveryError(error instanceof Error ? error.message : String(error), false);
}
