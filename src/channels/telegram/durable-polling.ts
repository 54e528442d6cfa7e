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
  let highestSeen = -1;
  let offset = 0;
  let running = true;
  const abort = new AbortController();
  let wake: (() => void) | undefined;

  function handle(update: Update): void {
    const id = update.update_id;
    const work = bot
      .handleUpdate(update)
      .catch((error: unknown) => logger.error({ err: error, update_id: id }, 'telegram update failed'))
      .finally(() => {
        inFlight.delete(id);
        handled.add(id);
        wake?.();
      });
    inFlight.set(id, work);
  }

  function nextOffset(): number {
    const lowestInFlight = inFlight.size > 0 ? Math.min(...inFlight.keys()) : highestSeen + 1;
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
