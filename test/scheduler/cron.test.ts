import { DateTime } from 'luxon';
import pino from 'pino';
import {
  PROCESSED_UPDATES_KEEP_DAYS,
  purgeProcessedUpdates,
  startReminderCron,
} from '../../src/scheduler/cron';

const logger = pino({ level: 'silent' });

test('a tick while a pass runs is skipped; daily housekeeping runs once per local day', async () => {
  let release: () => void = () => undefined;
  let passes = 0;
  let dailies = 0;
  let now = DateTime.fromISO('2026-12-03T08:00:00+07:00', { setZone: true });
  const cron = startReminderCron({
    cronExpression: '0 0 1 1 *', // never fires during the test: ticks are driven by hand
    timeZone: 'Asia/Ho_Chi_Minh',
    logger,
    now: () => now,
    daily: async () => {
      dailies++;
    },
    run: () => {
      passes++;
      return new Promise<void>((resolve) => {
        release = resolve;
      });
    },
  });
  try {
    const first = cron.tick();
    await new Promise((r) => setImmediate(r));
    expect(await cron.tick()).toBe('skipped');
    release();
    expect(await first).toBe('ran');
    now = now.plus({ minutes: 5 });
    const second = cron.tick();
    await new Promise((r) => setImmediate(r));
    release();
    await second;
    now = now.plus({ days: 1 });
    const third = cron.tick();
    await new Promise((r) => setImmediate(r));
    release();
    await third;
    expect(passes).toBe(3);
    expect(dailies).toBe(2);
  } finally {
    await cron.stop();
  }
});

test('a failing pass is logged, not thrown, and the next tick runs', async () => {
  let calls = 0;
  const cron = startReminderCron({
    cronExpression: '*/5 * * * *',
    timeZone: 'Asia/Ho_Chi_Minh',
    logger,
    run: async () => {
      calls++;
      throw new Error('store down');
    },
  });
  expect(cron.lastPass()).toBeUndefined();
  await expect(cron.tick()).resolves.toBe('ran');
  await expect(cron.tick()).resolves.toBe('ran');
  expect(calls).toBe(2);
  // What /healthz shows: the pass ran, and failed.
  expect(cron.lastPass()?.ok).toBe(false);
  await cron.stop();
});

test('an invalid expression is refused; the purge keeps a week', async () => {
  expect(() =>
    startReminderCron({ cronExpression: 'every day', timeZone: 'UTC', logger, run: async () => undefined }),
  ).toThrow(/invalid cron expression/);
  const cutoffs: Date[] = [];
  await purgeProcessedUpdates(
    {
      processedUpdates: {
        purgeOlderThan: async (cutoff) => {
          cutoffs.push(cutoff);
          return 0;
        },
      },
    },
    DateTime.fromISO('2026-12-10T00:00:00Z'),
  );
  expect(PROCESSED_UPDATES_KEEP_DAYS).toBe(7);
  expect(cutoffs[0]?.toISOString()).toBe('2026-12-03T00:00:00.000Z');
});
