import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { openStore } from '../../src/store/connect';
import { startEmbeddedServer } from '../../src/store/embedded-server';
import { silentLogger } from '../support/store';

// These tests exercise the embedded store itself, so they run even when MONGODB_URI is set.
describe('embedded store lifecycle', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'baocao-lifecycle-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps data across a stop and a start, and listens on 127.0.0.1 only', async () => {
    const first = await openStore({ dbName: 'lifecycle', dataDir, logger: silentLogger });
    expect(first.kind).toBe('embedded');
    expect(first.connection.host).toBe('127.0.0.1');
    await first.repos.units.upsertMany([
      { code: 'ubnd', name: 'Ủy ban nhân dân phường', kind: 'chinh-quyen' },
    ]);
    await first.close();

    const second = await openStore({ dbName: 'lifecycle', dataDir, logger: silentLogger });
    const unit = await second.repos.units.get('ubnd');
    expect(unit?.name).toBe('Ủy ban nhân dân phường');
    await second.close();
  });

  it('stops its server process on close', async () => {
    const server = await startEmbeddedServer({ dataDir });
    const exited = server.exited;
    await server.stop();
    await expect(exited).resolves.toBeDefined();
    const client = mongoose.createConnection(server.uri, { serverSelectionTimeoutMS: 500 });
    await expect(client.asPromise()).rejects.toThrow();
    await client.close();
  });

  it('restarts a server that died, so the connection comes back', async () => {
    const store = await openStore({ dbName: 'crash', dataDir, logger: silentLogger });
    await store.repos.units.upsertMany([{ code: 'mttq', name: 'Ủy ban MTTQ phường', kind: 'mat-tran' }]);
    // Kill the child from outside, as a crash would.
    const port = new URL(`mongodb://${store.connection.host}:${store.connection.port}`).port;
    const { execFileSync } = await import('node:child_process');
    const pids = execFileSync('pgrep', ['-f', `embedded-store.*${dataDir}`], { encoding: 'utf8' })
      .trim()
      .split('\n');
    for (const pid of pids) process.kill(Number(pid), 'SIGKILL');
    // The supervisor restarts it on the same port and mongoose reconnects on its own.
    const unit = await waitFor(() => store.repos.units.get('mttq'), 20_000);
    expect(unit?.name).toBe('Ủy ban MTTQ phường');
    expect(String(store.connection.port)).toBe(port);
    await store.close();
  }, 30_000);

  it('lets a CLI command share the bot’s server, and makes a starting bot wait for a CLI command’s own server to go', async () => {
    const cli = await openStore({ dbName: 'owners', dataDir, logger: silentLogger, role: 'cli' });
    await cli.repos.units.upsertMany([{ code: 'ubnd', name: 'Ủy ban nhân dân phường', kind: 'chinh-quyen' }]);
    let botOpened = false;
    const opening = openStore({ dbName: 'owners', dataDir, logger: silentLogger, role: 'bot' }).then(
      (store) => {
        botOpened = true;
        return store;
      },
    );
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(botOpened).toBe(false); // the bot does not attach to a server that ends with the command
    await cli.close();
    const bot = await opening;
    expect(bot.kind).toBe('embedded');
    expect((await bot.repos.units.get('ubnd'))?.name).toBe('Ủy ban nhân dân phường');

    // A command started while the bot runs uses the bot's server, and ending it leaves the bot's alone.
    const second = await openStore({ dbName: 'owners', dataDir, logger: silentLogger, role: 'cli' });
    expect(second.connection.port).toBe(bot.connection.port);
    expect(second.kind).toBe('mongodb'); // a server it does not own
    await second.close();
    expect((await bot.repos.units.get('ubnd'))?.name).toBe('Ủy ban nhân dân phường');
    await bot.close();
  }, 30_000);

  it('ignores a stale server file whose pid now belongs to another process (after a crash and a reboot)', async () => {
    const storeDir = path.join(dataDir, 'store');
    mkdirSync(storeDir, { recursive: true });
    // A live pid (this very process) but an address where nothing listens.
    writeFileSync(
      path.join(storeDir, 'server.json'),
      JSON.stringify({ uri: 'mongodb://127.0.0.1:9/', pid: process.pid, role: 'bot' }),
    );
    const store = await openStore({ dbName: 'stale', dataDir, logger: silentLogger, role: 'bot' });
    expect(store.kind).toBe('embedded');
    await store.close();
  });

  it('explains clearly when the server cannot start', async () => {
    const first = await startEmbeddedServer({ dataDir });
    const busyAddress = new URL(first.uri).host;
    try {
      await expect(
        startEmbeddedServer({ dataDir: path.join(dataDir, 'other'), listen: busyAddress }),
      ).rejects.toThrow(/Kho dữ liệu nhúng không khởi động được/);
    } finally {
      await first.stop();
    }
  });
});

async function waitFor<T>(read: () => Promise<T>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await read();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}
