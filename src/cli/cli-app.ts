import { DateTime } from 'luxon';
import { connectPlatforms, loadDataFiles, openConfiguredStore } from '../app/open';
import { createUseCases, type UseCases } from '../app/use-cases';
import type { Config } from '../config/config';
import type { ChannelSender, Platform } from '../conversation/messages';
import type { FlowCatalog } from '../engine';
import type { Logger } from '../logger';
import type { Schedule } from '../scheduler';
import type { Store } from '../store/connect';

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
  /** The same use cases the bot runs (rounds, reminders, exports, reports), sending through `senders`. */
  useCases: UseCases;
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
  const { flows, schedule } = await loadDataFiles(config);
  const store = await openConfiguredStore(config, logger, { role: 'cli' });
  const connections = connectPlatforms(config, store, logger);
  const senders = new Map(connections.map((connection) => [connection.platform, connection.sender] as const));
  const telegram = connections.find((connection) => connection.platform === 'telegram');
  const now = () => DateTime.now().setZone(config.timeZone);
  const useCases = createUseCases({ config, logger, now, store, flows, schedule, senders });
  let username: string | undefined;
  return {
    config,
    store,
    flows,
    schedule,
    senders,
    logger,
    now,
    out,
    useCases,
    async telegramUsername() {
      username ??= (await telegram?.identify?.())?.username;
      return username;
    },
    close: () => store.close(),
  };
}
