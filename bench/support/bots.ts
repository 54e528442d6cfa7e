/**
 * Starting the two bots of bench/deadline-rush.ts as their own processes against a local fake
 * Bot API: the product exactly as `npm start` runs it, configured through its documented
 * environment variables only, and the @grammyjs/conversations comparison bot.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { FakeTelegramApi } from '../../test/support/fake-telegram-api';
import { FLOWS_DIR } from './bench-flow';
import { type Child, embeddedStoreChildOf, startNodeScript } from './processes';

export const PRODUCT_DB = 'baocao';
export const CONVERSATIONS_DB = 'conversations';
export const BOT_TOKEN = '123456:BENCH-token-abcdefghijklmnopqrstuvwxyz';

/** Codes of the benchmark's units: dv-001, dv-002, … */
export function unitCodes(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `dv-${String(i + 1).padStart(3, '0')}`);
}

/** A units file (the format of flows/units/don-vi-mau.yaml) with `count` units, one contact each later. */
export function writeUnitsFile(file: string, count: number): string[] {
  const codes = unitCodes(count);
  const lines = ['units:'];
  codes.forEach((code, i) => {
    lines.push(`  - code: ${code}`, `    name: "Chi bộ đo tải ${i + 1}"`, '    kind: to-chuc-dang');
  });
  writeFileSync(file, `${lines.join('\n')}\n`);
  return codes;
}

/**
 * Resolves once the bot has asked the fake API who it is (grammY's `bot.init()`, just before it
 * starts polling); rejects if the process exits first. Not the first `getUpdates`: the fake API
 * records a long poll only when it answers it, 30 s later when nothing comes. Updates sent
 * before the first poll are queued and delivered to it.
 */
async function pollingStarted(child: Child, api: FakeTelegramApi, what: string): Promise<void> {
  let onExit: (() => void) | undefined;
  const exited = new Promise<never>((_, reject) => {
    onExit = () => reject(new Error(`${what} exited during start:\n${child.tail.join('\n')}`));
    child.process.once('exit', onExit);
  });
  try {
    await Promise.race([api.waitFor((call) => call.method.toLowerCase() === 'getme', 120_000), exited]);
  } finally {
    if (onExit) child.process.off('exit', onExit);
  }
}

export interface ProductOptions {
  /** A store server of the benchmark's (MONGODB_URI); without it the product starts its own, as `npm start` does. */
  storeUri?: string;
  api: FakeTelegramApi;
  unitsFile: string;
  dataDir: string;
  secretariatTelegramIds?: number[];
}

/** The environment the product (and its CLI) get: the README's variables, nothing internal. */
export function productEnv(
  options: Omit<ProductOptions, 'api'> & { apiRoot: string },
): Record<string, string> {
  return {
    TELEGRAM_BOT_TOKEN: BOT_TOKEN,
    TELEGRAM_API_ROOT: options.apiRoot,
    FLOWS_DIR,
    UNITS_FILE: options.unitsFile,
    DATA_DIR: options.dataDir,
    ...(options.storeUri ? { MONGODB_URI: options.storeUri } : {}),
    MONGODB_DB: PRODUCT_DB,
    REMINDERS_ENABLED: 'false',
    HTTP_PORT: '0',
    LOG_LEVEL: 'warn',
    ...(options.secretariatTelegramIds
      ? { SECRETARIAT_TELEGRAM_IDS: options.secretariatTelegramIds.join(',') }
      : {}),
  };
}

/** `node scripts/run.js main`, i.e. `npm start`, waiting until its Telegram channel starts. */
export async function startProduct(
  options: ProductOptions,
): Promise<{ child: Child; env: Record<string, string>; store: { uri: string; pid: number } | undefined }> {
  const env = productEnv({ ...options, apiRoot: options.api.apiRoot });
  // What `npm start` runs: the compiled build when it is current (scripts/run.js), in this process.
  const child = startNodeScript('scripts/run.js', ['main'], env, { typescript: false });
  await pollingStarted(child, options.api, 'the product');
  return { child, env, store: options.storeUri ? undefined : ownStore(child.pid, options.dataDir) };
}

/**
 * The embedded store the product started for itself: its address from the file the owner writes
 * next to the data (README, "Command line"), its process among the product's children.
 */
function ownStore(productPid: number, dataDir: string): { uri: string; pid: number } {
  const { uri } = JSON.parse(readFileSync(path.join(dataDir, 'store', 'server.json'), 'utf8')) as {
    uri: string;
  };
  const pid = embeddedStoreChildOf(productPid);
  if (pid === undefined) throw new Error(`the product (pid ${productPid}) has no embedded store process`);
  return { uri, pid };
}

export async function startConversationsBot(
  storeUri: string,
  api: FakeTelegramApi,
  stateAs: 'document' | 'json',
): Promise<Child> {
  const child = startNodeScript('bench/support/conversations-bot.ts', [], {
    TELEGRAM_BOT_TOKEN: BOT_TOKEN,
    TELEGRAM_API_ROOT: api.apiRoot,
    MONGODB_URI: storeUri,
    MONGODB_DB: `${CONVERSATIONS_DB}_${stateAs}`,
    CONVERSATIONS_STATE: stateAs,
  });
  await pollingStarted(child, api, 'the @grammyjs/conversations bot');
  return child;
}
