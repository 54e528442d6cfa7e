import path from 'node:path';
import { DateTime } from 'luxon';
import { connectEnabledPlatforms } from '../channels/registry';
import type { Config } from '../config/config';
import type { ChannelSender, Platform } from '../conversation/messages';
import { type FlowCatalog, loadFlows } from '../engine';
import type { Logger } from '../logger';
import { loadSchedule, type Schedule } from '../scheduler';
import { openStore, type Store } from '../store/connect';

/** What every CLI command gets: the store and data files, senders for the enabled platforms, and a printer. */
export interface CliApp {
  config: Config;
  store: Store;
  flows: FlowCatalog;
  schedule: Schedule;
  senders: ReadonlyMap<Platform, ChannelSender>;
  logger: Logger;
  now: () => DateTime;
  out: (line: string) => void;
  /** The Telegram bot's username (for invitation links), looked up once when needed. */
  telegramUsername(): Promise<string | undefined>;
  /** Closes the store (never a store server the bot owns). */
  close(): Promise<void>;
}

/**
 * Opens the store and data files without starting any channel, seeding anything or creating
 * rounds: a command does what it says and nothing else. Messages go out through each enabled
 * platform's connection from the channel registry, as the bot sends them.
 */
export async function openCliApp(
  config: Config,
  logger: Logger,
  out: (line: string) => void,
): Promise<CliApp> {
  const flows = await loadFlows(config.flowsDir);
  const schedule = loadSchedule(path.join(config.flowsDir, 'schedule.yaml'));
  const store = await openStore({
    mongodbUri: config.mongodbUri,
    dbName: config.mongodbDb,
    dataDir: config.dataDir,
    logger,
    role: 'cli',
  });
  const connections = connectEnabledPlatforms(config, {
    repos: store.repos,
    logger,
    requestTimeoutSeconds: config.botApiTimeoutSeconds,
    maxDownloadBytes: config.maxAttachmentBytes,
  });
  const senders = new Map(connections.map((connection) => [connection.platform, connection.sender] as const));
  const telegram = connections.find((connection) => connection.platform === 'telegram');
  let username: string | undefined;
  return {
    config,
    store,
    flows,
    schedule,
    senders,
    logger,
    now: () => DateTime.now().setZone(config.timeZone),
    out,
    async telegramUsername() {
      username ??= (await telegram?.identify?.())?.username;
      return username;
    },
    close: () => store.close(),
  };
}
