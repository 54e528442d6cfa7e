import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';

// The build script is plain JavaScript so that `npm install` can run it without TypeScript.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ensureEmbeddedStoreBinary } = require('../../tools/embedded-store/build.js') as {
  ensureEmbeddedStoreBinary(options?: {
    quiet?: boolean;
  }): { ok: true; binary: string; built: boolean } | { ok: false; message: string };
};

/** A running embedded FerretDB server owned by this process. */
export interface EmbeddedServer {
  /** mongodb:// URI of the server, on 127.0.0.1 with the port it picked. */
  readonly uri: string;
  /** Folder holding the SQLite files. */
  readonly dataDir: string;
  /** Process id of the server (benchmarks read its CPU time). */
  readonly pid: number | undefined;
  /** Stops the server and waits for it to exit (SIGTERM, then SIGKILL after a grace period). */
  stop(): Promise<void>;
  /** Resolves when the process exits for any reason, with its exit code or signal. */
  readonly exited: Promise<string>;
  /**
   * Asks the server to index every collection on the exact `_id` expression FerretDB queries
   * now, instead of at its next sweep (≤ 1 s), and resolves when that is done. Call it once the
   * app's collections exist, so the hot ones are indexed before the first message. Resolves
   * (never rejects) after timeoutMs too: the sweep will catch up anyway.
   */
  indexIds(timeoutMs?: number): Promise<void>;
}

export class EmbeddedStoreError extends Error {}

export interface StartEmbeddedServerOptions {
  dataDir: string;
  /** Address to listen on; port 0 lets every test worker have its own server. */
  listen?: string;
  startTimeoutMs?: number;
  /** Receives the server's own log lines (stderr). */
  onLog?: (line: string) => void;
  /** FerretDB's log level; at 'debug' it logs every SQL statement it runs. Default 'error'. */
  logLevel?: 'debug' | 'info' | 'warn' | 'error';
  /**
   * Whether the server keeps the extra `_id` index (tools/embedded-store/idindex.go). Default:
   * on, unless the environment says EMBEDDED_STORE_NO_EXTRA_INDEX=1 (for measurements).
   */
  idIndex?: boolean;
}

/**
 * Builds the embedded store if needed and starts it as a child process.
 *
 * The child's stdin stays open for as long as this process lives: the server exits
 * when it reaches EOF, so it never outlives us, even after a SIGKILL.
 */
export async function startEmbeddedServer(options: StartEmbeddedServerOptions): Promise<EmbeddedServer> {
  const build = ensureEmbeddedStoreBinary({ quiet: false });
  if (!build.ok) throw new EmbeddedStoreError(build.message);

  const dataDir = path.resolve(options.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const args = ['--data', dataDir, '--listen', options.listen ?? '127.0.0.1:0'];
  if (options.logLevel) args.push('--log-level', options.logLevel);
  const env = { ...process.env };
  if (options.idIndex !== undefined) env.EMBEDDED_STORE_NO_EXTRA_INDEX = options.idIndex ? '0' : '1';
  const child = spawn(build.binary, args, { stdio: ['pipe', 'pipe', 'pipe'], env });
  // Don't let the child keep the event loop alive on its own; stop() is the normal path.
  child.unref();
  // A request written as the child dies must not crash us (EPIPE); requestIndex copes.
  child.stdin!.on('error', () => undefined);

  const stderrLines: string[] = [];
  createInterface({ input: child.stderr! }).on('line', (line) => {
    stderrLines.push(line);
    if (stderrLines.length > 20) stderrLines.shift();
    options.onLog?.(line);
  });

  const exited = new Promise<string>((resolve) =>
    child.once('exit', (code, signal) => resolve(signal ?? `code ${code}`)),
  );
  // stdout carries the protocol: "URI <uri>" once, then "indexed" per "index" request.
  const stdoutLines = createInterface({ input: child.stdout! });
  const indexWaiters: Array<() => void> = [];
  stdoutLines.on('line', (line) => {
    if (line === 'indexed') indexWaiters.shift()?.();
  });
  void exited.then(() => {
    for (const wake of indexWaiters.splice(0)) wake();
  });

  const uri = await waitForUri(child, stdoutLines, options.startTimeoutMs ?? 30_000, stderrLines);
  return {
    uri,
    dataDir,
    pid: child.pid,
    exited,
    stop: () => stopChild(child),
    indexIds: (timeoutMs = 30_000) => requestIndex(child, indexWaiters, timeoutMs),
  };
}

/** Writes "index" to the child and waits for its "indexed" (answers come in request order). */
function requestIndex(child: ChildProcess, waiters: Array<() => void>, timeoutMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, timeoutMs);
    timer.unref();
    waiters.push(() => {
      clearTimeout(timer);
      resolve();
    });
    child.stdin!.write('index\n');
  });
}

function waitForUri(
  child: ChildProcess,
  lines: ReturnType<typeof createInterface>,
  timeoutMs: number,
  stderrLines: string[],
): Promise<string> {
  return new Promise((resolve, reject) => {
    const fail = (reason: string) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      const detail = stderrLines.length > 0 ? `\n${stderrLines.join('\n')}` : '';
      reject(new EmbeddedStoreError(`Kho dữ liệu nhúng không khởi động được: ${reason}${detail}`));
    };
    const timer = setTimeout(() => fail(`không có phản hồi sau ${timeoutMs} ms`), timeoutMs);
    const onLine = (line: string) => {
      if (!line.startsWith('URI ')) return;
      clearTimeout(timer);
      child.off('exit', onExit);
      lines.off('line', onLine);
      resolve(line.slice(4).trim());
    };
    lines.on('line', onLine);
    child.once('error', (error) => fail(error.message));
    const onExit = (code: number | null, signal: string | null) =>
      fail(`tiến trình dừng (${signal ?? `code ${code}`})`);
    child.once('exit', onExit);
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const killTimer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(killTimer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
