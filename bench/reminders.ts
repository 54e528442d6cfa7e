/**
 * One reminder pass for 1,000 units × 2 contacts (2,000 messages) against the fake Telegram Bot API
 * with Telegram's limits simulated (30 messages/s overall, 1/s per chat: extra sends answer 429),
 * through the production sender (grammY + its one retry layer, RateLimiter ≈28/s, 1/s per chat).
 * Run: npx tsx bench/reminders.ts
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Api } from 'grammy';
import { DateTime } from 'luxon';
import pino from 'pino';
import { apiRetry } from '../src/channels/telegram/api-retry';
import { createTelegramRateLimiter, createTelegramSender } from '../src/channels/telegram/sender';
import type { ChannelSender, Platform } from '../src/conversation/messages';
import { loadFlows } from '../src/engine';
import { createReminderService } from '../src/features/reminders/reminder-service';
import { createRoundService } from '../src/features/rounds/round-service';
import { loadSchedule } from '../src/scheduler';
import { openStore } from '../src/store/connect';
import { startFakeTelegramApi } from '../test/support/fake-telegram-api';

export interface ReminderBenchResult {
  units: number;
  contacts: number;
  sent: number;
  failed: number;
  ms: number;
  perSecond: number;
  http429: number;
}

const ROOT = path.join(__dirname, '..');
const UNIT_KINDS = [
  'chinh-quyen',
  'co-quan-tham-muu',
  'co-quan',
  'doanh-nghiep',
  'to-chuc-dang',
  'mat-tran',
] as const;

export async function run(units = 1000, contactsPerUnit = 2): Promise<ReminderBenchResult> {
  const logger = pino({ level: 'warn' });
  const dataDir = mkdtempSync(path.join(tmpdir(), 'bench-reminders-'));
  const store = await openStore({ dbName: 'bench-reminders', dataDir, logger });
  const fake = await startFakeTelegramApi();
  try {
    const flows = await loadFlows(path.join(ROOT, 'flows'));
    const schedule = loadSchedule(path.join(ROOT, 'flows', 'schedule.yaml'));
    const { models, repos } = store;

    // Seeding is not measured: bulk inserts straight into the collections.
    const codes = Array.from({ length: units }, (_, i) => `dv-${String(i + 1).padStart(4, '0')}`);
    await models.Unit.insertMany(
      codes.map((code, i) => ({
        _id: code,
        name: `Đơn vị ${i + 1}`,
        kind: UNIT_KINDS[i % UNIT_KINDS.length],
        order: i,
      })),
    );
    await models.Contact.insertMany(
      codes.flatMap((code, i) =>
        Array.from({ length: contactsPerUnit }, (_, j) => {
          const userId = String(100_000 + i * contactsPerUnit + j);
          return {
            _id: `telegram:${userId}`,
            platform: 'telegram',
            userId,
            chatId: userId,
            unitCode: code,
            displayName: `Liên hệ ${userId}`,
          };
        }),
      ),
    );
    const rounds = createRoundService({ repos, flows, schedule, logger });
    const at = DateTime.fromISO('2026-12-03T08:00:00+07:00', { setZone: true });
    await rounds.ensurePeriodicRounds(at);
    // The bot was running on 15/11: the opening reminders are already in the ledger.
    await models.ReminderLedger.insertMany(
      codes.flatMap((code, i) =>
        Array.from({ length: contactsPerUnit }, (_, j) => {
          const recipientId = `telegram:${100_000 + i * contactsPerUnit + j}`;
          return {
            _id: `annual-2026:mo:${recipientId}`,
            roundId: 'annual-2026',
            stage: 'mo',
            recipientId,
            unitCode: code,
            kind: 'unit-reminder',
            status: 'sent',
            createdAt: new Date('2026-11-15T01:00:00Z'),
          };
        }),
      ),
    );

    fake.rateLimit({ globalPerSecond: 30, perChatPerSecond: 1 });
    const api = new Api('123456:BENCH-token-for-reminders-abcdef', { apiRoot: fake.apiRoot });
    api.config.use(apiRetry());
    const sender = createTelegramSender(api, createTelegramRateLimiter());
    const reminders = createReminderService({
      repos,
      schedule,
      rounds,
      senders: new Map<Platform, ChannelSender>([['telegram', sender]]),
      logger,
    });

    const t0 = performance.now();
    const result = await reminders.runReminderPass({ at, dryRun: false });
    const ms = Math.round(performance.now() - t0);

    const http429 = fake.callsTo('sendMessage').filter((c) => c.status === 429).length;
    const out: ReminderBenchResult = {
      units,
      contacts: units * contactsPerUnit,
      sent: result.sent.length,
      failed: result.failed.length,
      ms,
      perSecond: Math.round((result.sent.length / (ms / 1000)) * 10) / 10,
      http429,
    };
    console.log(`reminders bench: ${units} units × ${contactsPerUnit} contacts, one pass (truoc-7) at 30/s`);
    console.log(`  total time        ${(ms / 1000).toFixed(1)} s`);
    console.log(
      `  messages sent     ${out.sent} (failed ${out.failed}, delivered to fake ${fake.sentMessages().length})`,
    );
    console.log(`  messages/second   ${out.perSecond}`);
    console.log(`  429s received     ${http429}`);
    return out;
  } finally {
    await fake.close();
    await store.connection.dropDatabase().catch(() => undefined);
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  run().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
