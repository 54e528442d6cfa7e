import { setTimeout as pause } from 'node:timers/promises';
import type { Api, Bot } from 'grammy';
import type { Update } from 'grammy/types';
import type { Logger } from '../../logger';

export interface DurablePollingOptions {
  /** Used for getUpdates only: its timeout must outlast a long poll, unlike the bot's own calls. */
  pollingApi: Api;
  allowedUpdates: ('message' | 'callback_query')[];
  logger: Logger;
  /** Long-poll wait, in seconds. */
  pollSeconds?: number;
  /** Updates fetched at most per call (Bot API: 1–100). */
  limit?: number;
}

export interface DurablePolling {
  isRunning(): boolean;
  /** Stops fetching, waits for the updates being handled, then confirms them to Telegram. */
  stop(): Promise<void>;
}

const RETRY_DELAY_MS = [250, 500, 1_000, 2_000, 5_000];
/** Pauses before handling a failed update again (about a minute and a half in all). */
const HANDLE_RETRY_DELAY_MS = [1_000, 2_000, 5_000, 10_000, 30_000, 45_000];
/** When a fetch brings nothing new (only updates still being handled), wait this long before asking again. */
const IDLE_WAIT_MS = 100;

/**
 * Long polling that confirms an update to Telegram only once it has been handled.
 *
 * getUpdates confirms every update below the `offset` it is sent with. @grammyjs/runner sends the
 * next offset as soon as a batch is fetched, so an update being handled when the process is killed
 * is never delivered again. Here the offset is the lowest update id still being handled: a killed
 * process gets those updates again at its next start, and the conversation's ledger of processed
 * updates applies each one once. Updates are handled concurrently; the bot's `sequentialize`
 * middleware keeps each chat's updates in order.
 */
export function startDurablePolling(bot: Bot, options: DurablePollingOptions): DurablePolling {
  const { pollingApi, logger } = options;
  const inFlight = new Map<number, Promise<void>>();
  /** Handled ids at or above the offset, i.e. not confirmed yet: a refetch must not handle them again. */
  const handled = new Set<number>();
  /** Updates whose handling failed and was still waiting to be retried when polling stopped. */
  const unfinished = new Set<number>();
  let highestSeen = -1;
  let offset = 0;
  let running = true;
  const abort = new AbortController();
  let wake: (() => void) | undefined;

  /**
   * Handles an update; one that failed (e.g. its reply could not be sent, or the store stayed away
   * past the conversation's own retries) stays in flight, so unconfirmed, and is handled again
   * after a pause: confirming it would leave its user without a reply for good. After the last
   * attempt it is given up (logged), so that one poisoned update cannot hold the offset forever.
   * Resolves false when the polling stopped before it succeeded: it is then left unconfirmed,
   * for the next start.
   */
  async function handleWithRetries(update: Update): Promise<boolean> {
    const id = update.update_id;
    for (let attempt = 1; ; attempt++) {
      try {
        await bot.handleUpdate(update);
        return true;
      } catch (error) {
        const delay = HANDLE_RETRY_DELAY_MS[attempt - 1];
        if (delay === undefined) {
          logger.error({ err: error, update_id: id, attempts: attempt }, 'telegram update failed; given up');
          return true;
        }
        logger.warn(
          { err: error, update_id: id, attempt, retryInMs: delay },
          'telegram update failed; retrying',
        );
        const stopped = await pause(delay, abort.signal).then(
          () => false,
          () => true,
        );
        if (stopped) return false;
      }
    }
  }

  function handle(update: Update): void {
    const id = update.update_id;
    const work = handleWithRetries(update).then((finished) => {
      inFlight.delete(id);
      (finished ? handled : unfinished).add(id);
      wake?.();
    });
    inFlight.set(id, work);
  }

  function nextOffset(): number {
    const pending = [...inFlight.keys(), ...unfinished];
    const lowestInFlight = pending.length > 0 ? Math.min(...pending) : highestSeen + 1;
    for (const id of handled) if (id < lowestInFlight) handled.delete(id);
    return Math.max(offset, lowestInFlight);
  }

  function waitForProgress(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wake = undefined;
        resolve();
      }
      wake = done;
    });
  }

  async function loop(): Promise<void> {
    let failures = 0;
    while (running) {
      let updates: Update[];
      try {
        updates = await pollingApi.getUpdates(
          {
            offset,
            limit: options.limit ?? 100,
            timeout: options.pollSeconds ?? 25,
            allowed_updates: options.allowedUpdates,
          },
          // grammY types its signal parameter with the abort-controller polyfill's class.
          abort.signal as unknown as Parameters<Api['getUpdates']>[1],
        );
        failures = 0;
      } catch (error) {
        if (!running) break;
        const delay = RETRY_DELAY_MS[Math.min(failures, RETRY_DELAY_MS.length - 1)]!;
        failures += 1;
        logger.warn({ err: error, retryInMs: delay }, 'telegram: getUpdates failed');
        await waitForProgress(delay);
        continue;
      }
      let fresh = 0;
      for (const update of updates) {
        const id = update.update_id;
        highestSeen = Math.max(highestSeen, id);
        if (id < offset || inFlight.has(id) || handled.has(id)) continue;
        fresh += 1;
        handle(update);
      }
      offset = nextOffset();
      // Everything fetched is still being handled: let some of it finish before asking again.
      if (fresh === 0 && updates.length > 0) await waitForProgress(IDLE_WAIT_MS);
    }
  }

  const loopDone = loop();

  return {
    isRunning: () => running,
    async stop() {
      running = false;
      abort.abort();
      wake?.();
      await loopDone;
      await Promise.all(inFlight.values());
      // Confirm what was handled, so the next start does not fetch it again.
      const confirmed = nextOffset();
      if (confirmed > 0) {
        await pollingApi
          .getUpdates({ offset: confirmed, limit: 1, timeout: 0 })
          .catch((error: unknown) =>
            logger.warn({ err: error }, 'telegram: could not confirm the last updates'),
          );
      }
    },
  };
}
