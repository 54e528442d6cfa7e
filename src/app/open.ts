import path from 'node:path';
import type { PlatformConnection } from '../channels/channel';
import { connectEnabledPlatforms } from '../channels/registry';
import type { Config } from '../config/config';
import { type FlowCatalog, loadFlows } from '../engine';
import type { Logger } from '../logger';
import { loadSchedule, type Schedule } from '../scheduler';
import { openStore, type Store, type StoreOptions } from '../store/connect';

// What the bot's start and every CLI command open the same way.

/** The report outlines and the schedule; a broken file stops everything before anything starts. */
export async function loadDataFiles(config: Config): Promise<{ flows: FlowCatalog; schedule: Schedule }> {
  const flows = await loadFlows(config.flowsDir);
  const schedule = loadSchedule(path.join(config.flowsDir, 'schedule.yaml'));
  return { flows, schedule };
}

/** The configured store (MONGODB_URI, or the embedded store in DATA_DIR). */
export function openConfiguredStore(
  config: Config,
  logger: Logger,
  options: Pick<StoreOptions, 'role' | 'monitorCommands' | 'soleWriter'>,
): Promise<Store> {
  return openStore({
    mongodbUri: config.mongodbUri,
    dbName: config.mongodbDb,
    dataDir: config.dataDir,
    logger,
    ...options,
  });
}

/** The outbound side of every platform whose token is set (src/channels/registry.ts). */
export function connectPlatforms(config: Config, store: Store, logger: Logger): PlatformConnection[] {
  return connectEnabledPlatforms(config, {
    repos: store.repos,
    logger,
    requestTimeoutSeconds: config.botApiTimeoutSeconds,
    maxDownloadBytes: config.maxAttachmentBytes,
  });
}
