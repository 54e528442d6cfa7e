import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { DateTime } from 'luxon';
import { readUnitsFile } from '../../src/features/units/units-file';
import type { Store } from '../../src/store/connect';
import { annualRound2026 } from './rounds';

/** Helpers of the tests that run the bot as `npm start` does and kill it with SIGKILL. */

const ROOT = path.resolve(__dirname, '../..');

/**
 * Starts the bot as `npm start` runs it (the compiled build when current, else the sources
 * through tsx) on the run's store, and resolves once it logged its ready line.
 * DEBUG_KILL=1 shows its log.
 */
export async function startBotProcess(env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn('node', ['scripts/run.js', 'main'], {
    cwd: ROOT,
    env: {
      ...process.env,
      MONGODB_URI: process.env.TEST_MONGODB_URI,
      HTTP_PORT: '0',
      REMINDERS_ENABLED: 'false',
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await new Promise<void>((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (process.env.DEBUG_KILL) process.stderr.write(chunk);
      if (output.includes('baocao-bot ready')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`bot exited (${code}) before ready:\n${output}`)));
  });
  return child;
}

/** SIGKILL, and wait until the process is gone. */
export async function killBotProcess(bot: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => bot.once('exit', resolve));
  bot.kill('SIGKILL');
  await exited;
}

/**
 * The example ward and a round open whatever today's date, aimed at one unit (hoi-lhpn), written
 * before the bot starts as `npm run cli -- units:load` would (a start with a token seeds nothing).
 */
export async function seedKillTestWard(store: Store, round: { id: string; title: string }): Promise<void> {
  await store.repos.units.upsertMany(
    await readUnitsFile(path.join(ROOT, 'flows', 'units', 'don-vi-mau.yaml')),
  );
  const now = DateTime.now();
  await store.repos.rounds.ensure({
    ...annualRound2026(),
    _id: round.id,
    title: round.title,
    opensAt: now.minus({ days: 1 }).toJSDate(),
    dueAt: now.plus({ days: 10 }).toJSDate(),
    dueLabel: 'trước ngày 10',
    targetKinds: [],
    targetUnitCodes: ['hoi-lhpn'],
  });
}

/** Polls until the condition holds (60 s at most). */
export async function until(condition: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A TCP port nothing listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}
