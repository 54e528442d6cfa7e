import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import path from 'node:path';
import mongoose, { type Connection } from 'mongoose';
import type { Logger } from '../logger';
import { type EmbeddedServer, startEmbeddedServer } from './embedded-server';
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

const SERVER_FILE = 'server.json';

interface RunningServer {
  uri: string;
  pid: number;
  role: StoreRole;
}

/**
 * The embedded server another live process of ours started on this folder, if any: its process
 * exists and its address answers. (After a crash and a reboot, the pid in the file may belong to
 * some other process: the address then answers nothing, and the file is stale.)
 */
async function runningServer(storeDir: string): Promise<RunningServer | undefined> {
  let server: RunningServer;
  try {
    server = JSON.parse(readFileSync(path.join(storeDir, SERVER_FILE), 'utf8')) as RunningServer;
    process.kill(server.pid, 0); // throws when no such process
  } catch {
    return undefined;
  }
  if (!(await answers(server.uri))) return undefined;
  // Files of earlier versions have no role: only the bot wrote them.
  return { ...server, role: server.role ?? 'bot' };
}

/** Whether something accepts a TCP connection at the URI's address within a short while. */
function answers(uri: string): Promise<boolean> {
  return new Promise((resolve) => {
    let address: URL;
    try {
      address = new URL(uri);
    } catch {
      return resolve(false);
    }
    const socket = createConnection({ host: address.hostname, port: Number(address.port) });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/**
 * The server to share, if any. A CLI command shares whatever runs. A bot shares only another
 * bot's server: a CLI command's server stops when the command ends, so the bot waits for it to
 * end and then starts its own.
 */
async function whenStoreFree(
  storeDir: string,
  role: StoreRole,
  waitMs: number,
  logger: Logger,
): Promise<RunningServer | undefined> {
  const deadline = Date.now() + waitMs;
  let told = false;
  for (;;) {
    const running = await runningServer(storeDir);
    if (!running || role === 'cli') return running;
    if (running.role === 'bot') {
      // The bot that owns the embedded store keeps its chats in memory: a second one would not see
      // them change. Several instances are for MongoDB (README: "Production on MongoDB").
      throw new Error(
        `Một bot khác (pid ${running.pid}) đang chạy trên thư mục dữ liệu này; mỗi kho dữ liệu nhúng chỉ phục vụ một bot.\n` +
          `Another bot (pid ${running.pid}) already runs on this data folder; run several instances on MongoDB instead.`,
      );
    }
    if (Date.now() > deadline) {
      throw new Error(
        `Kho dữ liệu nhúng đang được lệnh CLI (pid ${running.pid}) dùng quá lâu; hãy chờ lệnh đó xong rồi khởi động lại.\n` +
          `The embedded store is held by a CLI command (pid ${running.pid}); start the bot again once it has finished.`,
      );
    }
    if (!told)
      logger.warn({ pid: running.pid }, 'a CLI command holds the embedded store; waiting for it to finish');
    told = true;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function redactUri(uri: string): string {
  return uri.replace(/\/\/([^@/]+)@/, '//***@');
}

/**
 * Keeps the embedded server running: if it dies unexpectedly it is restarted on the same
 * address, so the mongoose connection simply reconnects.
 */
class EmbeddedSupervisor {
  private stopping = false;
  private restarts = 0;

  private constructor(
    private server: EmbeddedServer,
    private readonly dataDir: string,
    private readonly logger: Logger,
    private readonly role: StoreRole,
  ) {
    this.watch();
  }

  static async start(dataDir: string, logger: Logger, role: StoreRole): Promise<EmbeddedSupervisor> {
    const server = await startEmbeddedServer({
      dataDir,
      onLog: (line) => logger.debug({ store: line }, 'embedded store'),
    });
    const supervisor = new EmbeddedSupervisor(server, dataDir, logger, role);
    supervisor.advertise();
    return supervisor;
  }

  /** Lets CLI commands of the same installation share this server instead of opening the files twice. */
  private advertise(): void {
    writeFileSync(
      path.join(this.dataDir, SERVER_FILE),
      JSON.stringify({ uri: this.server.uri, pid: process.pid, role: this.role } satisfies RunningServer),
    );
  }

  get uri(): string {
    return this.server.uri;
  }

  indexIds(): Promise<void> {
    return this.server.indexIds();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    rmSync(path.join(this.dataDir, SERVER_FILE), { force: true });
    await this.server.stop();
  }

  private watch(): void {
    void this.server.exited.then(async (how) => {
      if (this.stopping) return;
      this.logger.error({ how }, 'embedded store exited unexpectedly; restarting');
      const address = new URL(this.server.uri).host;
      for (;;) {
        this.restarts += 1;
        await new Promise((resolve) =>
          setTimeout(resolve, Math.min(30_000, 500 * 2 ** Math.min(this.restarts, 6))),
        );
        if (this.stopping) return;
        try {
          this.server = await startEmbeddedServer({ dataDir: this.dataDir, listen: address });
          this.logger.info('embedded store restarted');
          this.advertise();
          this.watch();
          return;
        } catch (error) {
          this.logger.error({ err: error }, 'embedded store restart failed; will retry');
        }
      }
    });
  }
}
