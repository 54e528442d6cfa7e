import type { Config } from './config';
import type { Logger } from './logger';
import { openStore, type Store } from './store/connect';

/** A running baocao-bot: what main.ts starts and what tests start in-process. */
export interface App {
  readonly store: Store;
  stop(): Promise<void>;
}

/**
 * Composition root: config → store → (flows, services, channels, scheduler).
 * Everything is created here from its dependencies; nothing is a module-level singleton.
 */
export async function startApp(config: Config, logger: Logger): Promise<App> {
  const store = await openStore({
    mongodbUri: config.mongodbUri,
    dbName: config.mongodbDb,
    dataDir: config.dataDir,
    logger,
  });
  const stoppers: (() => Promise<void>)[] = [() => store.close()];
  let stopped = false;
  return {
    store,
    async stop() {
      if (stopped) return;
      stopped = true;
      // Stop in reverse order of start: channels before services before the store.
      for (const stop of stoppers.reverse()) {
        await stop().catch((error: unknown) => logger.error({ err: error }, 'error while stopping'));
      }
    },
  };
}
