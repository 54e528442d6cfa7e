import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import path from 'node:path';
import type { Logger } from '../logger';
import type { StoreRole } from './connect';

/**
 * Who owns the embedded store server of a data folder: the process that started it writes its
 * address, pid and role in `<store>/server.json`; others of ours share it or wait (whenStoreFree).
 */
const SERVER_FILE = 'server.json';

export interface RunningServer {
  uri: string;
  pid: number;
  role: StoreRole;
}

/**
 * The embedded server another live process of ours started on this folder, if any: its process
 * exists and its address answers. (After a crash and a reboot, the pid in the file may belong to
 * some other process: the address then answers nothing, and the file is stale.)
 */
export async function runningServer(storeDir: string): Promise<RunningServer | undefined> {
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
export async function whenStoreFree(
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

/** Lets CLI commands of the same installation share this server instead of opening the files twice. */
export function advertiseServer(storeDir: string, server: RunningServer): void {
  writeFileSync(path.join(storeDir, SERVER_FILE), JSON.stringify(server satisfies RunningServer));
}

export function forgetServer(storeDir: string): void {
  rmSync(path.join(storeDir, SERVER_FILE), { force: true });
}
