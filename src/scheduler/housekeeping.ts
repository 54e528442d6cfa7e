import { DateTime } from 'luxon';
import cron from 'node-cron';
import type { Logger } from '../logger';

/**
 * The retention purge on a schedule of its own: it must run whether reminders are enabled or
 * not (the reminder cron used to carry it, so `REMINDERS_ENABLED=false` let tables grow forever).
 */
export interface HousekeepingOptions {
  /** Once a day in the quiet hours by default. */
  cronExpression?: string;
  timeZone: string;
  /** The purge itself, as of the given time (see features/rounds/retention.ts). */
  run: (at: DateTime) => Promise<unknown>;
  logger: Logger;
  now?: () => DateTime;
  /** First run this long after the start (a bot restarted daily would otherwise never purge). */
  firstRunAfterMs?: number;
}

export interface Housekeeping {
  tick(): Promise<void>;
  /** When the last purge finished, if one did. */
  lastRunAt(): DateTime | undefined;
  stop(): Promise<void>;
}

export const HOUSEKEEPING_CRON = '30 3 * * *';

export function startHousekeeping(options: HousekeepingOptions): Housekeeping {
  const { logger, timeZone } = options;
  const now = options.now ?? (() => DateTime.now().setZone(timeZone));
  let running: Promise<void> | null = null;
  let last: DateTime | undefined;

  async function tick(): Promise<void> {
    if (running) return running;
    running = (async () => {
      const at = now();
      try {
        const result = await options.run(at);
        last = at;
        logger.info({ purged: result }, 'housekeeping: old records purged');
      } catch (error) {
        logger.error({ err: error }, 'housekeeping failed');
      }
    })().finally(() => {
      running = null;
    });
    return running;
  }

  const task = cron.schedule(options.cronExpression ?? HOUSEKEEPING_CRON, () => void tick(), {
    timezone: timeZone,
    name: 'housekeeping',
  });
  const first = setTimeout(() => void tick(), options.firstRunAfterMs ?? 60_000);
  first.unref();

  return {
    tick,
    lastRunAt: () => last,
    async stop() {
      clearTimeout(first);
      await task.stop();
      await task.destroy();
      await running;
    },
  };
}
