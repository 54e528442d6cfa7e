import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { BackupError, backupDatabase, restoreDatabase } from '../../src/store/backup';
import type { AnswerDoc } from '../../src/store/models';
import { openTestStore } from '../support/store';

jest.setTimeout(120_000);
const ROOT = path.resolve(__dirname, '../..');

/** Writers that keep answering, as contacts do, and note each answer the store acknowledged. */
function startWriters(store: Awaited<ReturnType<typeof openTestStore>>, writers: number) {
  const acknowledged: string[] = [];
  let running = true;
  const loops = Array.from({ length: writers }, async (_, writer) => {
    for (let n = 0; running; n++) {
      const submissionId = `annual-2026:don-vi-${writer}`;
      await store.models.Answer.create({
        _id: `${submissionId}:q${n}`,
        submissionId,
        questionId: `q${n}`,
        value: { text: `Đã tổ chức hội nghị cán bộ, công chức lần ${n}`, count: n, at: new Date() },
        by: `telegram:${writer}`,
        channel: 'telegram',
        at: new Date(),
        revision: 1,
      });
      acknowledged.push(`${submissionId}:q${n}`);
    }
  });
  return {
    acknowledged,
    async stop() {
      running = false;
      await Promise.all(loops);
    },
  };
}

describe('backup and restore', () => {
  const dirs: string[] = [];
  const tempDir = (prefix: string) => {
    const dir = mkdtempSync(path.join(tmpdir(), prefix));
    dirs.push(dir);
    return dir;
  };
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('a backup taken while answers are written restores every answer acknowledged before it started', async () => {
    const source = await openTestStore();
    const fresh = await openTestStore();
    try {
      const dataDir = tempDir('baocao-src-');
      mkdirSync(path.join(dataDir, 'files'));
      writeFileSync(path.join(dataDir, 'files', 'a'.repeat(64)), 'biên bản hội nghị');
      await source.models.Unit.create({ _id: 'ubnd', name: 'Ủy ban nhân dân phường', kind: 'chinh-quyen' });

      const writers = startWriters(source, 4);
      while (writers.acknowledged.length < 40) await new Promise((resolve) => setTimeout(resolve, 20));
      const before = [...writers.acknowledged];
      const out = path.join(tempDir('baocao-backup-'), 'sao-luu');
      const manifest = await backupDatabase(source.connection.db!, dataDir, out);
      const duringOrAfter = writers.acknowledged.length - before.length;
      await writers.stop();
      // Under load: answers kept coming while the backup read the store.
      expect(duringOrAfter).toBeGreaterThan(0);
      expect(manifest.files).toBe(1);

      const restoredDir = tempDir('baocao-restored-');
      await restoreDatabase(fresh.connection.db!, restoredDir, out, { replace: false });
      const restored = await fresh.models.Answer.find().lean<AnswerDoc[]>();
      const ids = new Set(restored.map((answer) => answer._id));
      expect(before.filter((id) => !ids.has(id))).toEqual([]);
      expect(restored.length).toBe(manifest.collections.answers);
      // Types survive (dates stay dates), and so does the text.
      const original = await source.models.Answer.findById(before[0]).lean<AnswerDoc>();
      expect(restored.find((answer) => answer._id === before[0])).toEqual(original);
      expect((await fresh.models.Unit.findById('ubnd').lean())?.name).toBe('Ủy ban nhân dân phường');
      expect(readFileSync(path.join(restoredDir, 'files', 'a'.repeat(64)), 'utf8')).toBe('biên bản hội nghị');

      // Never over existing data by accident; --replace empties and restores.
      await expect(
        restoreDatabase(fresh.connection.db!, restoredDir, out, { replace: false }),
      ).rejects.toThrow(BackupError);
      await fresh.models.Answer.create({ ...original!, _id: 'extra' });
      await restoreDatabase(fresh.connection.db!, restoredDir, out, { replace: true });
      expect(await fresh.models.Answer.countDocuments()).toBe(manifest.collections.answers);
    } finally {
      await source.dropAndClose();
      await fresh.dropAndClose();
    }
  });

  it('npm run cli -- backup --out and restore --from, as documented', async () => {
    const source = await openTestStore();
    const target = await openTestStore();
    const env = (dbName: string, dataDir: string) => ({
      ...process.env,
      MONGODB_URI: process.env.TEST_MONGODB_URI,
      MONGODB_DB: dbName,
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      TELEGRAM_BOT_TOKEN: '',
      ZALO_BOT_TOKEN: '',
    });
    const cli = (args: string[], dbName: string, dataDir: string) =>
      promisify(execFile)('node', ['scripts/run.js', 'cli/main', ...args], {
        cwd: ROOT,
        env: env(dbName, dataDir),
      });
    try {
      await source.models.Unit.create({ _id: 'mttq', name: 'Ủy ban MTTQ Việt Nam phường', kind: 'mat-tran' });
      const out = path.join(tempDir('baocao-cli-backup-'), 'b');
      const backup = await cli(['backup', '--out', out], source.connection.name, tempDir('baocao-a-'));
      expect(backup.stdout).toContain('Đã sao lưu');
      const restore = await cli(['restore', '--from', out], target.connection.name, tempDir('baocao-b-'));
      expect(restore.stdout).toContain('Đã khôi phục');
      expect((await target.models.Unit.findById('mttq').lean())?.name).toBe('Ủy ban MTTQ Việt Nam phường');
      // Restoring twice is refused, with the way out.
      const again = await cli(['restore', '--from', out], target.connection.name, tempDir('baocao-c-')).catch(
        (error: { code: number; stderr: string }) => error,
      );
      expect(again).toMatchObject({ code: 1 });
      expect((again as { stderr: string }).stderr).toContain('--replace');
    } finally {
      await source.dropAndClose();
      await target.dropAndClose();
    }
  });

  it("on the embedded store, while the bot runs, through the bot's own store server", async () => {
    const env = (dataDir: string) => ({
      ...process.env,
      MONGODB_URI: '',
      DATA_DIR: dataDir,
      HTTP_PORT: '0',
      LOG_LEVEL: 'info',
      TELEGRAM_BOT_TOKEN: '',
      ZALO_BOT_TOKEN: '',
    });
    const cli = (args: string[], dataDir: string) =>
      promisify(execFile)('node', ['scripts/run.js', 'cli/main', ...args], {
        cwd: ROOT,
        env: env(dataDir),
      }).catch((error: { code: number; stdout: string; stderr: string }) => error);
    const running = tempDir('baocao-running-');
    const bot = spawn('node', ['scripts/run.js', 'main'], { cwd: ROOT, env: env(running), stdio: 'pipe' });
    try {
      let log = '';
      bot.stdout.on('data', (chunk) => {
        log += chunk;
      });
      while (!log.includes('baocao-bot ready')) {
        if (bot.exitCode !== null) throw new Error(`the bot stopped: ${log}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const out = path.join(tempDir('baocao-embedded-backup-'), 'b');
      expect((await cli(['backup', '--out', out], running)).stdout).toContain('Đã sao lưu');
      // Restoring under a running bot is refused.
      const refused = await cli(['restore', '--from', out, '--replace'], running);
      expect(refused).toMatchObject({ code: 1 });
      expect(refused.stdout).toContain('dừng bot');

      const elsewhere = tempDir('baocao-restored-embedded-');
      expect((await cli(['restore', '--from', out], elsewhere)).stdout).toContain('Đã khôi phục');
      // The example units the bot loaded at its first start are there.
      expect((await cli(['units'], elsewhere)).stdout).toContain('Ủy ban nhân dân phường');
    } finally {
      bot.kill('SIGTERM');
      if (bot.exitCode === null) await once(bot, 'exit');
    }
  });
});
