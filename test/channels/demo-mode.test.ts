import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { DateTime } from 'luxon';
import { isLoopbackHost } from '../../src/channels/web/demo-guard';
import { createWebSessions } from '../../src/features/contacts/web-sessions';
import { openTestStore } from '../support/store';

jest.setTimeout(60_000);
const ROOT = path.resolve(__dirname, '../..');

describe('demo mode (no platform token)', () => {
  it('counts only loopback addresses as local', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]'])
      expect(isLoopbackHost(host)).toBe(true);
    for (const host of ['0.0.0.0', '::', '192.168.1.10', 'baocao.example.vn', '128.0.0.1']) {
      expect(isLoopbackHost(host)).toBe(false);
    }
  });

  it('refuses to start on an address others can reach, saying how to set a token', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'baocao-demo-'));
    try {
      const failure = await promisify(execFile)('node', ['scripts/run.js', 'main'], {
        cwd: ROOT,
        env: {
          ...process.env,
          HTTP_HOST: '0.0.0.0',
          HTTP_PORT: '0',
          DATA_DIR: dataDir,
          TELEGRAM_BOT_TOKEN: '',
          ZALO_BOT_TOKEN: '',
          MONGODB_URI: process.env.TEST_MONGODB_URI,
        },
      }).then(
        () => undefined,
        (error: { code: number; stderr: string }) => error,
      );
      expect(failure?.code).toBe(1);
      expect(failure?.stderr).toContain('Cấu hình không hợp lệ');
      expect(failure?.stderr).toContain('HTTP_HOST = "0.0.0.0"');
      expect(failure?.stderr).toContain('TELEGRAM_BOT_TOKEN');
      expect(failure?.stderr).toContain('127.0.0.1');
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('ends the sessions the demo opened once a token is set (login mode)', async () => {
    const store = await openTestStore();
    try {
      const now = () => DateTime.fromISO('2026-11-26T10:00:00Z');
      const contact = await store.repos.contacts.link({
        platform: 'web',
        userId: 'demo-1',
        chatId: 'demo-1',
        displayName: 'Thư ký thử',
        unitCode: null,
        role: 'secretariat',
      });
      const demo = createWebSessions({ repos: store.repos, now, mode: 'demo' });
      const { secret } = await demo.open(contact._id);
      expect((await demo.contactOf(secret))?._id).toBe(contact._id);

      const login = createWebSessions({ repos: store.repos, now, mode: 'login' });
      expect(await login.contactOf(secret)).toBeNull();
      // Gone for good: switching back to the demo does not revive it either.
      expect(await demo.contactOf(secret)).toBeNull();
    } finally {
      await store.dropAndClose();
    }
  });
});
