/**
 * The processes of the deadline-rush benchmark, each started the way a user would start it, so
 * that the benchmark can read each one's CPU time separately (/proc/<pid>/stat) and stays valid
 * whatever the product does inside.
 */
import { type ChildProcess, execFile, execFileSync, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');

// The build script is plain JavaScript (see src/store/embedded-server.ts): it builds the binary
// if it is missing or stale and tells where it is.
const { ensureEmbeddedStoreBinary } = require('../../tools/embedded-store/build.js') as {
  ensureEmbeddedStoreBinary(options?: {
    quiet?: boolean;
  }): { ok: true; binary: string } | { ok: false; message: string };
};

/** A child process with the last lines it printed (for error messages) and a clean stop. */
export interface Child {
  readonly pid: number;
  readonly process: ChildProcess;
  /** The last lines of stdout and stderr together. */
  readonly tail: string[];
  /** Lines that look like log records at level warn (40) or above. */
  readonly warnings: string[];
  stop(): Promise<void>;
}

function watch(child: ChildProcess, onLine?: (line: string) => void): Child {
  const tail: string[] = [];
  const warnings: string[] = [];
  const keep = (line: string) => {
    tail.push(line);
    if (tail.length > 30) tail.shift();
    if (/"level":\s*(40|50|60)/.test(line)) warnings.push(line);
    onLine?.(line);
  };
  if (child.stdout) createInterface({ input: child.stdout }).on('line', keep);
  if (child.stderr) createInterface({ input: child.stderr }).on('line', keep);
  if (child.pid === undefined) throw new Error('child process did not start');
  return {
    pid: child.pid,
    process: child,
    tail,
    warnings,
    stop: () => stopChild(child),
  };
}

/** Warning lines counted by message ("store: connection lost, retrying ×3"), most frequent first. */
export function summarizeWarnings(lines: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const line of lines) {
    let message = line.slice(0, 120);
    try {
      const record = JSON.parse(line) as { msg?: unknown; err?: { message?: unknown } };
      message = [record.msg, record.err?.message]
        .filter((part) => part !== undefined)
        .join(': ')
        // FerretDB's errors carry their Go call stack as "[file.go:12 function] …": keep the cause.
        .replace(/\[[^\]]*\]\s*/g, '');
    } catch {
      // not JSON: keep the line's start
    }
    counts.set(message, (counts.get(message) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1]).map(([message, count]) => `${message} ×${count}`);
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.stdin?.end();
    child.kill('SIGTERM');
  });
}

/** The embedded store server (FerretDB + SQLite) started by the benchmark itself, not by the bot. */
export async function startStoreServer(dataDir: string): Promise<Child & { uri: string }> {
  const build = ensureEmbeddedStoreBinary({ quiet: false });
  if (!build.ok) throw new Error(build.message);
  // stdin stays open: the server exits when it closes, so it never outlives the benchmark.
  const child = spawn(build.binary, ['--data', dataDir, '--listen', '127.0.0.1:0'], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const uri = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('embedded store: no URI after 30 s')), 30_000);
    child.once('exit', (code) => reject(new Error(`embedded store exited (${code})`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (!line.startsWith('URI ')) return;
      clearTimeout(timer);
      resolve(line.slice(4).trim());
    });
  });
  return { ...watch(child), uri };
}

/** Environment of a Node child: only what it needs, so a developer's .env or shell can't change the figures. */
function nodeEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: process.env.HOME, ...env };
}

/** `node --import tsx <script> [args]` from the repository root, as `npm start` / `npm run cli` do. */
export function startNodeScript(
  script: string,
  args: string[],
  env: Record<string, string>,
  options: { typescript?: boolean } = {},
): Child {
  // BENCH_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") profiles the bot under load.
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const loader = options.typescript === false ? [] : ['--import', 'tsx'];
  const child = spawn(process.execPath, [...nodeArgs, ...loader, script, ...args], {
    cwd: REPO_ROOT,
    env: nodeEnv(env),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  return watch(child);
}

/**
 * Runs `npm run cli -- <args>` the direct way (`node --import tsx src/cli/main.ts`) and returns its
 * output. Asynchronous: the CLI asks the fake Bot API, served by this very process, for the bot's name.
 */
export async function runCli(args: string[], env: Record<string, string>): Promise<string> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', 'src/cli/main.ts', ...args],
    { cwd: REPO_ROOT, env: nodeEnv(env), encoding: 'utf8', timeout: 120_000 },
  );
  return stdout;
}

let ticksPerSecond: number | undefined;

/** CPU time (user + system, ms) a process has used so far, from /proc/<pid>/stat; 10 ms resolution. */
export function cpuMs(pid: number): number {
  ticksPerSecond ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
}

/** The embedded store a process started for itself: its child whose command is `embedded-store`. */
export function embeddedStoreChildOf(parentPid: number): number | undefined {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const command = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (parent === parentPid && command.includes('embedded-store')) return Number(entry);
    } catch {
      // The process ended while we looked.
    }
  }
  return undefined;
}
