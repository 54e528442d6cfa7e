import { type ChannelSender, DeliveryError, type Outbound } from '../channels/types';

export interface RetryOptions {
  /** Tries per message, the first included. */
  attempts: number;
  /** Backoff when the platform gives no retry_after: base × 2^(try − 1), capped. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryOptions = { attempts: 4, baseDelayMs: 2000, maxDelayMs: 60_000 };

/** How one reminder's delivery ended; becomes the status of its ledger claim. */
export interface DeliveryOutcome {
  status: 'sent' | 'failed' | 'unreachable';
  attempts: number;
  error?: string;
}

export interface ReminderDeliveryOptions {
  retry: RetryOptions;
  sleep: (ms: number) => Promise<void>;
}

/**
 * Delivery of one reminder's messages. Retries happen here, inside the pass, and only here:
 * a claim that ends `failed` is never resent by a later pass.
 */
export function createReminderDelivery({ retry, sleep }: ReminderDeliveryOptions) {
  /** Sends the parts in order, retrying temporary failures of the current part with backoff. */
  return async function deliver(
    sender: ChannelSender,
    chatId: string,
    parts: Outbound[],
  ): Promise<DeliveryOutcome> {
    let attempts = 0;
    for (const part of parts) {
      for (let tryNo = 1; ; tryNo++) {
        attempts++;
        try {
          await sender.send(chatId, part);
          break;
        } catch (error) {
          const delivery = error instanceof DeliveryError ? error : new DeliveryError(String(error), false);
          if (delivery.permanent) return { status: 'unreachable', attempts, error: delivery.message };
          if (tryNo >= retry.attempts) return { status: 'failed', attempts, error: delivery.message };
          const backoff = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (tryNo - 1));
          const wait = delivery.retryAfterSeconds !== undefined ? delivery.retryAfterSeconds * 1000 : backoff;
          await sleep(wait);
        }
      }
    }
    return { status: 'sent', attempts };
  };
}

export type DeliverReminder = ReturnType<typeof createReminderDelivery>;

/** Runs `work` over the items with at most `concurrency` in flight; the sender's rate limiter does the pacing. */
export async function inPool<T>(
  items: readonly T[],
  concurrency: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}
