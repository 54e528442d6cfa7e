import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { openStore, type Store } from '../../src/store/connect';
import { type FakeZaloApi, startFakeZaloApi } from '../support/fake-zalo-api';
import { silentLogger } from '../support/store';

/** `npm run cli -- remind` reaches Zalo contacts too (it used to say "no sender for zalo"). */
jest.setTimeout(120_000);

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../..');
const dbName = `cli_zalo_${randomBytes(4).toString('hex')}`;
const dataDir = mkdtempSync(path.join(tmpdir(), 'baocao-cli-zalo-'));
const ZALO_TOKEN = '1234567890:zalo-test-secret';

let zalo: FakeZaloApi;
let store: Store;
beforeAll(async () => {
  zalo = await startFakeZaloApi({ token: ZALO_TOKEN });
  store = await openStore({
    mongodbUri: process.env.TEST_MONGODB_URI,
    dbName,
    dataDir,
    logger: silentLogger,
  });
});
afterAll(async () => {
  await store.connection.dropDatabase();
  await store.close();
  await zalo.close();
  rmSync(dataDir, { recursive: true, force: true });
});

it('sends the due reminder to a unit contact on Zalo', async () => {
  const env = {
    ...process.env,
    MONGODB_URI: process.env.TEST_MONGODB_URI,
    MONGODB_DB: dbName,
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    TELEGRAM_BOT_TOKEN: '',
    ZALO_BOT_TOKEN: ZALO_TOKEN,
    ZALO_API_ROOT: zalo.apiRoot,
  };
  await run('node', ['--import', 'tsx', 'src/cli/main.ts', 'units:load'], { cwd: ROOT, env });
  await store.repos.contacts.link({
    platform: 'zalo',
    userId: 'z-ubnd',
    chatId: 'z-ubnd',
    displayName: 'Chị Hoa',
    unitCode: 'ubnd',
    role: 'contact',
  });
  const { stdout } = await run(
    'node',
    ['--import', 'tsx', 'src/cli/main.ts', 'remind', '--at', '2026-12-03T08:00:00+07:00'],
    { cwd: ROOT, env },
  );
  expect(stdout).not.toContain('no sender for zalo');
  const sent = zalo.sentMessages('z-ubnd');
  expect(sent.length).toBeGreaterThanOrEqual(1);
  expect(sent.map((message) => message.text).join('\n')).toContain('Báo cáo năm 2026');
});
