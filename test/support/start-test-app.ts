import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DateTime } from 'luxon';
import mongoose from 'mongoose';
import pino from 'pino';
import { type CliApp, openCliApp } from '../../src/cli/cli-app';
import { ZONE } from './rounds';

export { annualRound2026, ZONE } from './rounds';

import { type App, startApp } from '../../src/app';
import { createConfig } from '../../src/config/config';
import { type FakeTelegramApi, startFakeTelegramApi } from './fake-telegram-api';
import { type FakeZaloApi, startFakeZaloApi } from './fake-zalo-api';

/** Silent unless TEST_LOG names a level (e.g. TEST_LOG=debug npx jest …) to see the app's logs. */
const testLogger = pino({ level: process.env.TEST_LOG ?? 'silent' });

export const TEST_TOKEN = '123456:TEST-token-abcdefghijklmnopqrstuvwxyz';
export const TEST_ZALO_TOKEN = '1234567890:zalo-test-secret';

/** A clock the test can move: the app reads it through its injected `now`. */
export class TestClock {
  constructor(public current: DateTime) {}
  now = () => this.current;
  set(iso: string): void {
    this.current = DateTime.fromISO(iso, { zone: ZONE });
  }
}

export interface TestApp {
  app: App;
  telegram: FakeTelegramApi;
  /** Present when started with `zalo: true`. */
  zalo: FakeZaloApi | undefined;
  clock: TestClock;
  dataDir: string;
  /** Starts the app again on the same database (a restart of the bot process). */
  restart(): Promise<App>;
  /**
   * Another instance of the app on the same database and fake APIs, as several bot instances
   * share one MongoDB; stopped by close().
   */
  startInstance(): Promise<App>;
  /** What a CLI command opens beside the bot (the store, the use cases); closed by close(). */
  openCli(): Promise<CliApp>;
  close(): Promise<void>;
}

/**
 * The whole app in-process, as `npm start` builds it, on its own database of the run's store,
 * with Telegram pointed at a local fake Bot API server and an injected clock.
 */
export async function startTestApp(
  options: {
    env?: Record<string, string>;
    at?: string;
    zalo?: boolean;
    monitorStoreCommands?: boolean;
    /** false: as one of several bot instances on one MongoDB (nothing kept in memory). */
    soleStoreWriter?: boolean;
  } = {},
): Promise<TestApp> {
  const uri = process.env.TEST_MONGODB_URI;
  if (!uri) throw new Error('TEST_MONGODB_URI is not set (run through jest)');
  const telegram = await startFakeTelegramApi();
  const zalo = options.zalo ? await startFakeZaloApi() : undefined;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'baocao-app-'));
  const dbName = `app_${process.env.JEST_WORKER_ID ?? '0'}_${randomBytes(4).toString('hex')}`;
  const clock = new TestClock(DateTime.fromISO(options.at ?? '2026-11-26T10:00:00', { zone: ZONE }));
  const result = createConfig({
    MONGODB_URI: uri,
    MONGODB_DB: dbName,
    DATA_DIR: dataDir,
    TELEGRAM_BOT_TOKEN: TEST_TOKEN,
    TELEGRAM_API_ROOT: telegram.apiRoot,
    HTTP_PORT: '0',
    REMINDERS_ENABLED: 'false',
    LOG_LEVEL: 'silent',
    ...(zalo ? { ZALO_BOT_TOKEN: TEST_ZALO_TOKEN, ZALO_API_ROOT: zalo.apiRoot } : {}),
    ...options.env,
  });
  if (!result.ok) throw new Error(result.problems.join('\n'));
  const config = result.config;
  // Each test app owns its database, as the bot owns the embedded store: chats and reports are
  // kept in memory as written, like in production on the embedded store.
  const startOptions = {
    now: clock.now,
    monitorStoreCommands: options.monitorStoreCommands,
    soleStoreWriter: options.soleStoreWriter ?? true,
    // The example ward, as at a demo's first run (a start with a token never seeds it by itself).
    seedUnits: true,
  };
  let app = await startApp(config, testLogger, startOptions);
  const instances: App[] = [];
  const clis: CliApp[] = [];
  const handle: TestApp = {
    get app() {
      return app;
    },
    telegram,
    zalo,
    clock,
    dataDir,
    async restart() {
      await app.stop();
      app = await startApp(config, testLogger, startOptions);
      return app;
    },
    async startInstance() {
      const instance = await startApp(config, testLogger, { now: clock.now, soleStoreWriter: false });
      instances.push(instance);
      return instance;
    },
    async openCli() {
      const cli = await openCliApp(config, testLogger, () => {});
      clis.push(cli);
      return cli;
    },
    async close() {
      for (const instance of instances) await instance.stop();
      for (const cli of clis) await cli.close();
      await app.stop();
      const connection = await mongoose.createConnection(uri, { dbName }).asPromise();
      await connection.dropDatabase();
      await connection.close();
      await telegram.close();
      await zalo?.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return handle;
}
