/**
 * Time per processed Telegram update, end to end: a user's message pushed to the local fake Bot
 * API → grammY long polling → conversation → store → reply received by the fake API.
 * Runs on its own embedded store. Usage: npx tsx bench/telegram-updates.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DateTime } from 'luxon';
import pino from 'pino';
import { startApp } from '../src/app';
import { createConfig } from '../src/config/config';
import { parseEngineState } from '../src/engine';
import { startEmbeddedServer } from '../src/store/embedded-server';
import { startFakeTelegramApi } from '../test/support/fake-telegram-api';
import { annualRound2026, TEST_TOKEN, ZONE } from '../test/support/start-test-app';

export async function run(): Promise<void> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'bench-telegram-'));
  const server = await startEmbeddedServer({ dataDir: path.join(dataDir, 'store') });
  const telegram = await startFakeTelegramApi();
  const parsed = createConfig({
    MONGODB_URI: server.uri,
    DATA_DIR: dataDir,
    TELEGRAM_BOT_TOKEN: TEST_TOKEN,
    TELEGRAM_API_ROOT: telegram.apiRoot,
    HTTP_PORT: '0',
    LOG_LEVEL: 'silent',
  });
  if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
  const now = DateTime.fromISO('2026-11-26T10:00:00', { zone: ZONE });
  const app = await startApp(parsed.config, pino({ level: 'silent' }), { now: () => now, seedUnits: true });
  try {
    await app.store.repos.rounds.ensure(annualRound2026());
    const flow = app.flows.require('bao-cao-dan-chu-co-so');
    const timings: number[] = [];
    const users = 5;
    for (let index = 0; index < users; index++) {
      const id = 5000 + index;
      const from = { id, first_name: `Bench ${index}` };
      const code = await app.store.repos.invites.create({
        unitCode: 'mttq',
        role: 'contact',
        expiresAt: now.plus({ days: 1 }).toJSDate(),
        createdBy: 'bench',
      });
      const send = async (text: string) => {
        const before = telegram.sentMessages(id).length;
        const started = performance.now();
        telegram.sendText(from, text);
        await telegram.waitForMessages(id, before + 1, 10_000);
        timings.push(performance.now() - started);
      };
      await send(`/start ${code}`);
      await send('/baocao');
      for (let step = 0; step < 20; step++) {
        const session = await app.store.repos.sessions.get(`telegram:${id}`);
        const state = parseEngineState(session?.engine);
        const question = flow.sections.flatMap((s) => s.questions).find((q) => q.id === state?.questionId);
        if (!question) break;
        const answer =
          question.type === 'number'
            ? '12'
            : question.type === 'yesno'
              ? 'có'
              : question.type === 'date'
                ? '01/11/2026'
                : question.type === 'text'
                  ? 'Nội dung báo cáo.'
                  : '1';
        await send(answer);
        if (question.type === 'text' || question.type === 'multi') await send('xong');
      }
    }
    timings.sort((a, b) => a - b);
    const pick = (q: number) =>
      timings[Math.min(timings.length - 1, Math.floor(q * timings.length))]!.toFixed(1);
    console.log(
      `telegram updates: ${timings.length} processed, per update p50 ${pick(0.5)} ms, p90 ${pick(0.9)} ms, max ${pick(1)} ms`,
    );
  } finally {
    await app.stop();
    await telegram.close();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (require.main === module) void run();
