import { DateTime } from 'luxon';
import mongoose from 'mongoose';
import { healthRoute } from '../../src/http/health';
import { HttpServer } from '../../src/http/server';
import { startTestApp, type TestApp } from '../support/start-test-app';
import { silentLogger } from '../support/store';

jest.setTimeout(60_000);

describe('GET /healthz', () => {
  let test: TestApp | undefined;
  afterEach(async () => {
    await test?.close();
    test = undefined;
  });

  async function health(app: TestApp['app']) {
    const address = app.httpAddress!;
    const response = await fetch(`http://${address.host}:${address.port}/healthz`);
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  it('is 200 with the store reachable and Telegram polling', async () => {
    test = await startTestApp();
    const { status, body } = await health(test.app);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      status: 'ok',
      store: { reachable: true },
      channels: { telegram: { mode: 'polling', running: true } },
      reminders: { enabled: false },
      housekeeping: { lastRunAt: null },
    });
  });

  it('reports webhook mode and the last reminder pass', async () => {
    test = await startTestApp({
      zalo: true,
      env: {
        REMINDERS_ENABLED: 'true',
        TELEGRAM_WEBHOOK_URL: 'https://baocao.example.vn/telegram/webhook',
        TELEGRAM_WEBHOOK_SECRET: 'secret-of-sixteen-chars',
      },
    });
    const { status, body } = await health(test.app);
    expect(status).toBe(200);
    expect(body.channels).toEqual({
      telegram: { mode: 'webhook', running: true },
      zalo: { mode: 'polling', running: true, pollFailures: 0 },
    });
    // No pass yet (the cron wakes every 5 minutes): null, not an error.
    expect(body.reminders).toEqual({ enabled: true, lastPassAt: null, lastPassOk: null });
  });

  it('is 503 while getUpdates keeps failing, 200 again once polling works', async () => {
    test = await startTestApp();
    // getUpdates keeps failing for a while (the runner retries it with a growing delay).
    test.telegram.failNext('getUpdates', { status: 400 }, 5);
    // End the long poll in progress, so that the next calls meet the faults.
    test.telegram.sendText({ id: 9100, first_name: 'Khách' }, 'xin chào');
    let seen = await health(test.app);
    for (let i = 0; i < 100 && seen.status === 200; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      seen = await health(test.app);
    }
    expect(seen.status).toBe(503);
    expect(seen.body.channels).toMatchObject({ telegram: { mode: 'polling', running: false } });
    for (let i = 0; i < 150 && seen.status === 503; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      seen = await health(test.app);
    }
    expect(seen.status).toBe(200);
    expect(seen.body.channels).toMatchObject({ telegram: { running: true, pollFailures: 0 } });
  });

  it('is 503 while Zalo getUpdates keeps failing, 200 again once it polls', async () => {
    test = await startTestApp({ zalo: true });
    test.zalo!.failNext('getUpdates', { errorCode: 500 }, 3);
    test.zalo!.sendText({ id: 'zalo-khach' }, 'xin chào');
    let seen = await health(test.app);
    for (let i = 0; i < 100 && seen.status === 200; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      seen = await health(test.app);
    }
    expect(seen.status).toBe(503);
    expect(seen.body.channels).toMatchObject({ zalo: { mode: 'polling', running: false, pollFailures: 3 } });
    for (let i = 0; i < 150 && seen.status === 503; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      seen = await health(test.app);
    }
    expect(seen.status).toBe(200);
  });

  it('is 503 when the store does not answer or a channel stopped', async () => {
    // A real driver pointed at a port where no store listens.
    const client = new mongoose.mongo.MongoClient('mongodb://127.0.0.1:9/', {
      serverSelectionTimeoutMS: 5000,
    });
    const http = new HttpServer(silentLogger);
    let polling = true;
    http.route(
      'GET',
      '/healthz',
      healthRoute({
        storeKind: 'mongodb',
        pingStore: () => client.db('x').command({ ping: 1 }),
        pingTimeoutMs: 300,
        channels: () => ({ telegram: { mode: 'polling', running: polling } }),
        lastReminderPass: () => ({ at: DateTime.fromISO('2026-11-26T08:00:00Z'), ok: true }),
        lastHousekeeping: () => undefined,
      }),
    );
    const address = await http.listen('127.0.0.1', 0);
    try {
      const response = await fetch(`http://127.0.0.1:${address.port}/healthz`);
      expect(response.status).toBe(503);
      const body = (await response.json()) as Record<string, unknown>;
      expect(body.status).toBe('unhealthy');
      expect(body.store).toMatchObject({ reachable: false });
      expect(body.reminders).toEqual({
        enabled: true,
        lastPassAt: '2026-11-26T08:00:00.000+00:00',
        lastPassOk: true,
      });

      polling = false;
      const stopped = healthRoute({
        storeKind: 'mongodb',
        pingStore: async () => undefined,
        channels: () => ({ telegram: { mode: 'polling', running: polling } }),
        lastReminderPass: undefined,
        lastHousekeeping: () => undefined,
      });
      const http2 = new HttpServer(silentLogger);
      http2.route('GET', '/healthz', stopped);
      const address2 = await http2.listen('127.0.0.1', 0);
      expect((await fetch(`http://127.0.0.1:${address2.port}/healthz`)).status).toBe(503);
      await http2.close();
    } finally {
      await http.close();
      await client.close();
    }
  });
});
