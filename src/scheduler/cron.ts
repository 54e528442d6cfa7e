import { DateTime } from 'luxon';
import cron from 'node-cron';
import type { Logger } from '../logger';

/**
 * node-cron wiring of the reminder pass. The cron only says "look now": the pass decides what is
 * due (a tick every few minutes is plenty), so a missed or delayed tick loses nothing.
 */
export interface ReminderCronOptions {
  /** e.g. `*\/5 * * * *` (config REMINDER_CRON). */
  cronExpression: string;
  timeZone: string;
  /** One reminder pass at the current time. */
  run: () => Promise<void>;
  logger: Logger;
  /** Housekeeping run on the first tick of each local day (e.g. {@link purgeProcessedUpdates}). */
  daily?: () => Promise<void>;
  /** The clock; the cron is the one place that reads it. */
  now?: () => DateTime;
}

export interface ReminderCron {
  /** Runs one tick now, as the schedule would: `skipped` while the previous pass still runs. */
  tick(): Promise<'ran' | 'skipped'>;
  /** When the last pass started and whether it finished without error (for /healthz). */
  lastPass(): { at: DateTime; ok: boolean } | undefined;
  /** Stops the schedule and waits for a pass in progress. */
  stop(): Promise<void>;
}

/** Days processed-update ids are kept: far longer than any platform redelivers an update. */
export const PROCESSED_UPDATES_KEEP_DAYS = 7;

/** The daily purge standing in for a TTL index (FerretDB has none). */
export async function purgeProcessedUpdates(
  repos: { processedUpdates: { purgeOlderThan(cutoff: Date): Promise<number> } },
  now: DateTime,
): Promise<number> {
  return repos.processedUpdates.purgeOlderThan(now.minus({ days: PROCESSED_UPDATES_KEEP_DAYS }).toJSDate());
}

export function startReminderCron(options: ReminderCronOptions): ReminderCron {
  const { logger, timeZone } = options;
  const now = options.now ?? (() => DateTime.now().setZone(timeZone));
  if (!cron.validate(options.cronExpression)) {
    throw new Error(`invalid cron expression "${options.cronExpression}"`);
  }
  let running: Promise<void> | null = null;
  let lastDailyDate: string | null = null;
  let lastPass: { at: DateTime; ok: boolean } | undefined;

  const pass = async () => {
    const today = now().setZone(timeZone).toISODate();
    if (options.daily && today !== lastDailyDate) {
      lastDailyDate = today;
      await options
        .daily()
        .catch((error: unknown) => logger.error({ err: error }, 'daily housekeeping failed'));
    }
    const at = now();
    const ok = await options.run().then(
      () => true,
      (error: unknown) => {
        logger.error({ err: error }, 'reminder pass failed');
        return false;
      },
    );
    lastPass = { at, ok };
  };

  async function tick(): Promise<'ran' | 'skipped'> {
    // No overlap: a slow pass (thousands of messages at 30/s) must not be doubled by the next tick;
    // the ledger would keep it correct, but two passes would only compete for the same rate limit.
    if (running) {
      logger.debug('reminder pass still running; tick skipped');
      return 'skipped';
    }
    running = pass().finally(() => {
      running = null;
    });
    await running;
    return 'ran';
  }

  const task = cron.schedule(
    options.cronExpression,
    () => {
      void tick();
    },
    { timezone: timeZone, name: 'reminders' },
  );

  return {
    tick,
    lastPass: () => lastPass,
    async stop() {
      await task.stop();
      await task.destroy();
      await running;
    },
  };
}
