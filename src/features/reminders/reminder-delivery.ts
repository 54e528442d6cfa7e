import { type ChannelSender, DeliveryError, type Outbound, TurnRefused } from '../../conversation/messages';

export interface RetryOptions {
  /** Tries per message, the first included. */
  attempts: number;
  /** Backoff when the platform gives no retry_after: base × 2^(try − 1), capped. */
  baseDelayMs: number;
  maxDelayMs: number;
}

/**
 * The platform clients already retry each call (timeouts, 5xx, short 429s): the pass adds one
 * more try only for what they hand back, such as a 429 asking for a longer wait.
 */
export const DEFAULT_RETRY: RetryOptions = { attempts: 2, baseDelayMs: 2000, maxDelayMs: 60_000 };

/** How one reminder's delivery ended; becomes the status of its ledger claim. */
export interface DeliveryOutcome {
  /** `claimed-elsewhere`: another pass claimed it when its turn came; nothing was sent here. */
  status: 'sent' | 'failed' | 'unreachable' | 'claimed-elsewhere';
  attempts: number;
  error?: string;
}

export interface ReminderDeliveryOptions {
  retry: RetryOptions;
  sleep: (ms: number) => Promise<void>;
}

/**
 * Delivery of one reminder's messages. `claim` runs once, when the first part's rate-limit turn
 * has come, right before it is sent: a reminder waiting in the queue is not claimed yet, so a
 * pass killed while it waits leaves it to the next pass.
 */
export function createReminderDelivery({ retry, sleep }: ReminderDeliveryOptions) {
  /** Sends the parts in order, retrying temporary failures of the current part with backoff. */
  return async function deliver(
    sender: ChannelSender,
    chatId: string,
    parts: Outbound[],
    claim: () => Promise<void> = async () => undefined,
  ): Promise<DeliveryOutcome> {
    let attempts = 0;
    let claimed = false;
    const onTurn = async () => {
      if (claimed) return;
      await claim();
      claimed = true;
    };
    for (const part of parts) {
      for (let tryNo = 1; ; tryNo++) {
        attempts++;
        try {
          await sender.send(chatId, part, { onTurn });
          break;
        } catch (error) {
          if (error instanceof TurnRefused) return { status: 'claimed-elsewhere', attempts: 0 };
          // Not a platform answer (e.g. the store failed while claiming): the caller reports it.
          if (!claimed) throw error;
          const delivery = error instanceof DeliveryError ? error : new DeliveryError(String(error), false);
          if (delivery.permanent) return { status: 'unreachable', attempts, error: delivery.message };
          // Timeouts, 5xx and short 429s were retried by the platform client already: the pass only
          // waits out a long retry_after (a bulk send over the limit), once.
          if (tryNo >= retry.attempts || delivery.retryAfterSeconds === undefined)
            return { status: 'failed', attempts, error: delivery.message };
          await sleep(delivery.retryAfterSeconds * 1000);
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
