import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import mongoose from 'mongoose';

jest.setTimeout(120_000);

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../..');
const dbName = `cli_${randomBytes(4).toString('hex')}`;
const dataDir = mkdtempSync(path.join(tmpdir(), 'baocao-cli-'));
const env = {
  ...process.env,
  MONGODB_URI: process.env.TEST_MONGODB_URI,
  MONGODB_DB: dbName,
  DATA_DIR: dataDir,
  LOG_LEVEL: 'silent',
  TELEGRAM_BOT_TOKEN: '',
  ZALO_BOT_TOKEN: '',
};

/**
 * Runs a command as a newcomer does (`npm run cli -- …`, i.e. scripts/run.js: dist/ when built and
 * current, else the sources through tsx), returning its output and exit code.
 */
async function cli(args: string[], extraEnv: Record<string, string> = {}, entry = 'cli/main') {
  try {
    const { stdout, stderr } = await run('node', ['scripts/run.js', entry, ...args], {
      cwd: ROOT,
      env: { ...env, ...extraEnv },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

afterAll(async () => {
  const connection = await mongoose.createConnection(process.env.TEST_MONGODB_URI!, { dbName }).asPromise();
  await connection.dropDatabase();
  await connection.close();
  rmSync(dataDir, { recursive: true, force: true });
});

it('flows:check passes on the shipped flows', async () => {
  const result = await cli(['flows:check']);
  expect(result.code).toBe(0);
  expect(result.stdout).toContain('Tất cả tệp hợp lệ');
});

it('loads units idempotently, invites, exempts, previews reminders and prints the audit trail', async () => {
  // A command on an empty store leaves it empty: no example units, no rounds.
  expect((await cli(['audit'])).code).toBe(0);
  expect((await cli(['units'])).stdout).toBe('');
  expect((await cli(['export', '--round', 'annual-2026', '--out', dataDir])).stdout).toContain('(chưa có)');
  const first = await cli(['units:load']);
  expect(first.code).toBe(0);
  // No command seeds the store by itself: loading the example ward is this explicit step.
  expect(first.stdout).toMatch(/17 mới, 0 cập nhật, 0 không đổi/);
  expect((await cli(['units:load'])).stdout).toMatch(/0 mới, 0 cập nhật, 17 không đổi/);

  const invite = await cli(['invite', '--unit', 'ubnd']);
  expect(invite.code).toBe(0);
  expect(invite.stdout).toMatch(/^Mã mời: [A-Za-z0-9_-]{16}$/m);

  expect((await cli(['exempt', '--round', 'annual-2026', '--unit', 'chi-bo-quan-su'])).stdout).toContain(
    'Chi bộ Quân sự phường: được miễn Báo cáo năm 2026.',
  );

  const remind = await cli(['remind', '--at', '2026-12-03T08:00:00+07:00', '--dry-run']);
  expect(remind.code).toBe(0);
  expect(remind.stdout).toContain('chạy thử, không gửi gì');
  expect(remind.stdout).toMatch(/annual-2026\s+truoc-7\s+Ủy ban nhân dân phường/);
  expect(remind.stdout).not.toContain('chi-bo-quan-su');

  const audit = await cli(['audit', '--unit', 'ubnd']);
  // The dashboard's words for the action, with its code.
  expect(audit.stdout).toMatch(/cli\s+cli\s+Tạo mã mời \(invite\.created\)/);
});

it('two units:load commands run at once: both succeed, and the units are those of one file, not a mix', async () => {
  const write = (label: string) => {
    const file = path.join(dataDir, `units-${label}.yaml`);
    const lines = ['units:'];
    for (let i = 1; i <= 20; i++) {
      lines.push(
        `  - code: dong-thoi-${i}`,
        `    name: "Đơn vị đồng thời ${i} (${label})"`,
        '    kind: to-chuc-dang',
      );
    }
    writeFileSync(file, `${lines.join('\n')}\n`);
    return file;
  };
  const [a, b] = await Promise.all([
    cli(['units:load', '--file', write('A')]),
    cli(['units:load', '--file', write('B')]),
  ]);
  expect([a.code, b.code]).toEqual([0, 0]);
  expect(`${a.stderr}${b.stderr}`).not.toMatch(/E11000|Error/);
  // Whichever ran second found the first one's 20 units and changed them all.
  expect([a.stdout, b.stdout].join('\n')).toMatch(/20 mới, 0 cập nhật/);
  expect([a.stdout, b.stdout].join('\n')).toMatch(/0 mới, 20 cập nhật/);
  const list = (await cli(['units'])).stdout.split('\n').filter((line) => line.startsWith('dong-thoi-'));
  expect(list).toHaveLength(20);
  expect(new Set(list.map((line) => /\((A|B)\)/.exec(line)?.[1])).size).toBe(1);
});

it('refuses an unknown command and a bad configuration with readable messages and a non-zero exit', async () => {
  const unknown = await cli(['khong-co']);
  expect(unknown.code).toBe(1);
  expect(unknown.stderr).toContain('Lệnh không tồn tại: khong-co');

  const bad = await cli([], { HTTP_PORT: '70000', LOG_LEVEL: 'loud' }, 'main');
  expect(bad.code).toBe(1);
  expect(bad.stderr).toContain('Cấu hình không hợp lệ');
  expect(bad.stderr).toContain('HTTP_PORT = "70000": expected a port between 0 and 65535');
  expect(bad.stderr).toContain('LOG_LEVEL = "loud": expected one of');
  expect(bad.stderr).not.toMatch(/\n\s+at /); // no stack trace
});

it('exports Word and Excel files from the sources (tsx) as from the build, documents loaded at the first export', async () => {
  for (const fromSources of ['1', '']) {
    const out = mkdtempSync(path.join(tmpdir(), 'baocao-cli-export-'));
    try {
      const result = await cli(['export', '--round', 'annual-2026', '--out', out], {
        BAOCAO_FROM_SOURCES: fromSources,
      });
      expect({
        fromSources,
        code: result.code,
        stderr: result.stderr.replace(/^dist\/.*\n|^Chưa có dist.*\n/m, ''),
      }).toEqual({
        fromSources,
        code: 0,
        stderr: '',
      });
      expect(result.stdout).toMatch(/bao-cao-nam-2026-tong-hop\.docx/);
      expect(result.stdout).toMatch(/bao-cao-nam-2026-so-lieu\.xlsx/);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }
});
