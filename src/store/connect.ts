import path from 'node:path';
import mongoose, { type Connection } from 'mongoose';
import type { Logger } from '../logger';
import { whenStoreFree } from './embedded-ownership';
import { EmbeddedSupervisor } from './embedded-supervisor';
import { KeyedLock } from './keyed-lock';
import { createModels, type Models } from './models';
import { createRepositories, type Repositories } from './repositories';

export interface StoreOptions {
  /** A MongoDB server to use; when absent the embedded FerretDB server is started. */
  mongodbUri?: string | undefined;
  dbName: string;
  /** Where the embedded store keeps its files (`<dataDir>/store`). */
  dataDir: string;
  logger: Logger;
  /** Emit the driver's command events (tests count the store commands one message costs). */
  monitorCommands?: boolean;
  /**
   * Who opens the embedded store. The bot owns its server; a CLI command shares the bot's server
   * when one runs, and otherwise starts one of its own that the bot never attaches to: a bot
   * starting meanwhile waits for that command to finish (see `whenStoreFree`).
   */
  role?: StoreRole;
  /** How long a starting bot waits for a CLI command that holds the embedded store. */
  waitForCliMs?: number;
  /**
   * Whether this process is the only one that changes chat sessions and submissions, and so may
   * keep them in memory (src/store/writer-cache.ts). By default: true for the bot that owns the
   * embedded store, false on MongoDB, where several bot instances may share the data.
   */
  soleWriter?: boolean;
}

export type StoreRole = 'bot' | 'cli';

export interface Store {
  readonly connection: Connection;
  readonly models: Models;
  readonly repos: Repositories;
  readonly lock: KeyedLock;
  /** 'embedded' (FerretDB + SQLite in dataDir) or 'mongodb'. */
  readonly kind: 'embedded' | 'mongodb';
  /** Human-readable location of the data, for the "ready" line. */
  readonly location: string;
  /** Whether this process is the store's only bot (see StoreOptions.soleWriter). */
  readonly soleWriter: boolean;
  close(): Promise<void>;
}

/** Opens the store: connects mongoose (starting the embedded server first if needed) and declares indexes. */
export async function openStore(options: StoreOptions): Promise<Store> {
  const { logger } = options;
  let supervisor: EmbeddedSupervisor | undefined;
  let uri = options.mongodbUri;
  let location: string;
  if (uri) {
    location = redactUri(uri);
  } else {
    const storeDir = path.resolve(options.dataDir, 'store');
    location = storeDir;
    // Two servers must never open the same SQLite files: a CLI command run while the bot is up
    // uses the bot's server, found through the file the owner writes next to the data.
    const role = options.role ?? 'bot';
    const running = await whenStoreFree(storeDir, role, options.waitForCliMs ?? 120_000, logger);
    uri = running?.uri;
    if (!uri) {
      supervisor = await EmbeddedSupervisor.start(storeDir, logger, role);
      uri = supervisor.uri;
    }
  }

  const connection = mongoose.createConnection(uri, {
    dbName: options.dbName,
    autoIndex: false,
    serverSelectionTimeoutMS: 15_000,
    monitorCommands: options.monitorCommands ?? false,
    // Fields set to undefined are left out, as mongoose does, also on the few writes that go
    // straight to the driver (native-collection.ts): stored nulls would fail the zod parsers.
    ignoreUndefined: true,
  });
  let closing = false;
  watchConnection(connection, logger, () => closing);
  try {
    await connection.asPromise();
    const models = createModels(connection);
    await Promise.all(Object.values(models).map((model) => model.createIndexes()));
    // The models' collections exist now: have the embedded server index them on `_id` before the
    // first message rather than at its next sweep (see tools/embedded-store/idindex.go).
    await supervisor?.indexIds();
    const lock = new KeyedLock();
    const soleWriter = options.soleWriter ?? (supervisor !== undefined && (options.role ?? 'bot') === 'bot');
    return {
      connection,
      models,
      repos: createRepositories(models, lock, { soleWriter }),
      soleWriter,
      lock,
      kind: supervisor ? 'embedded' : 'mongodb',
      location,
      async close() {
        closing = true;
        await connection.close();
        await supervisor?.stop();
      },
    };
  } catch (error) {
    await connection.close().catch(() => undefined);
    await supervisor?.stop();
    throw error;
  }
}

/** Connection loss is logged; the driver keeps retrying on its own and mongoose buffers operations meanwhile. */
function watchConnection(connection: Connection, logger: Logger, closing: () => boolean): void {
  connection.on('disconnected', () => {
    if (!closing()) logger.warn('store: connection lost, retrying');
  });
  connection.on('reconnected', () => logger.info('store: reconnected'));
  connection.on('error', (error: Error) => logger.error({ err: error }, 'store: connection error'));
}

function redactUri(uri: string): string {
  return uri.replace(/\/\/([^@/]+)@/, '//***@');
}
