/**
 * The product as the chaos suite runs it: `npm start` (node --import tsx src/main.ts) on one
 * DATA_DIR, so each restart owns the same embedded store, configured only through the README's
 * environment variables; killed with SIGKILL and started again; its store process found among
 * its children; `npm run cli` commands started beside it (they share its store server).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type Child, embeddedStoreChildOf, startNodeScript } from '../../bench/support/processes';
import type { FakeTelegramApi } from '../support/fake-telegram-api';

export const BOT_TOKEN = '123456:CHAOS-token-abcdefghijklmnopqrstuvwxyz';
export const PRODUCT_DB = 'baocao';

export const CHAOS_FLOWS_DIR = path.join(__dirname, 'flows');

export interface ProductSettings {
  api: FakeTelegramApi;
  dataDir: string;
  unitsFile: string;
  secretariatTelegramIds: number[];
  /** BOT_API_TIMEOUT_SECONDS: short, so a hung call costs the run seconds, not minutes. */
  apiTimeoutSeconds: number;
}

/** The environment of the bot and of its CLI: documented variables only. */
export function productEnv(settings: ProductSettings): Record<string, string> {
  return {
    TELEGRAM_BOT_TOKEN: BOT_TOKEN,
    TELEGRAM_API_ROOT: settings.api.apiRoot,
    FLOWS_DIR: CHAOS_FLOWS_DIR,
    UNITS_FILE: settings.unitsFile,
    DATA_DIR: settings.dataDir,
    MONGODB_DB: PRODUCT_DB,
    REMINDERS_ENABLED: 'false',
    HTTP_PORT: '0',
    LOG_LEVEL: process.env.CHAOS_LOG_LEVEL ?? 'warn',
    BOT_API_TIMEOUT_SECONDS: String(settings.apiTimeoutSeconds),
    SECRETARIAT_TELEGRAM_IDS: settings.secretariatTelegramIds.join(','),
  };
}

/** One running bot: its process, and how many times it was started. */
export class Product {
  child: Child | undefined;
  starts = 0;
  /** Exits the suite did not cause (crashes): restarted at once, as the README's supervisor would. */
  readonly crashes: string[][] = [];
  private restarting: Promise<void> | undefined;

  constructor(readonly settings: ProductSettings) {}

  get env(): Record<string, string> {
    return productEnv(this.settings);
  }

  /**
   * Starts the bot and resolves once it asked the fake API who it is (`getMe`, right before it
   * polls). Updates sent meanwhile wait in the fake API's queue, as they would at Telegram.
   */
  async start(timeoutMs = 120_000): Promise<void> {
    const { api } = this.settings;
    const child = startNodeScript('src/main.ts', [], this.env);
    this.child = child;
    this.starts++;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => done(new Error(`bot not started after ${timeoutMs} ms`)), timeoutMs);
      const stop = api.onCall((call) => {
        if (call.method.toLowerCase() === 'getme') done();
      });
      const onExit = () => done(new Error(`bot exited during start:\n${child.tail.join('\n')}`));
      child.process.once('exit', onExit);
      function done(err?: Error) {
        clearTimeout(timer);
        stop();
        child.process.off('exit', onExit);
        if (err) reject(err);
        else resolve();
      }
    });
    this.superviseCrash(child);
  }

  /** An exit the suite did not cause is a crash: counted, and the bot started again at once. */
  private superviseCrash(child: Child): void {
    child.process.once('exit', (code, signal) => {
      if (this.child !== child) return; // killed or stopped by the suite
      this.crashes.push([`exit ${code ?? signal}`, ...child.tail]);
      this.child = undefined;
      this.restarting = this.start().catch((err: unknown) => {
        this.crashes.push([`restart failed: ${String(err)}`]);
      });
    });
  }

  /** kill -9 of the bot; resolves once it is gone. Its store child exits with it (stdin closed). */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.child = undefined;
    if (child.process.exitCode === null && child.process.signalCode === null) {
      const exited = new Promise((resolve) => child.process.once('exit', resolve));
      child.process.kill('SIGKILL');
      await exited;
    }
  }

  async stop(): Promise<void> {
    await this.restarting;
    const child = this.child;
    this.child = undefined;
    await child?.stop();
  }

  /** Resolves once a restart after a crash (if any) is done. */
  async ready(): Promise<void> {
    await this.restarting;
  }

  /** The embedded store process the running bot started (a child of the bot), if any. */
  storePid(): number | undefined {
    const botPid = this.child?.pid;
    return botPid === undefined ? undefined : embeddedStoreChildOf(botPid);
  }

  /** The store's address, from the file the owner writes next to the data (README, "Command line"). */
  storeUri(): string {
    const file = path.join(this.settings.dataDir, 'store', 'server.json');
    return (JSON.parse(readFileSync(file, 'utf8')) as { uri: string }).uri;
  }

  /** `npm run cli -- <args>` started beside the bot (not awaited: the caller may kill it). */
  cli(args: string[]): Child {
    return startNodeScript('src/cli/main.ts', args, this.env);
  }
}
