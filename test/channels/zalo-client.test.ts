import { RateLimiter } from '../../src/channels/rate-limiter';
import { createZaloSender, toDeliveryError } from '../../src/channels/zalo/sender';
import { createZaloChannel } from '../../src/channels/zalo/zalo-channel';
import { createZaloClient, ZaloApiError } from '../../src/channels/zalo/zalo-client';
import type { Conversation } from '../../src/conversation/conversation';
import { DeliveryError } from '../../src/conversation/messages';
import { HttpServer } from '../../src/http/server';
import type { Repositories } from '../../src/store/repositories';
import { type FakeZaloApi, startFakeZaloApi } from '../support/fake-zalo-api';
import { silentLogger } from '../support/store';

const TOKEN = '1234567890:zalo-test-secret';

describe('Zalo API client', () => {
  let api: FakeZaloApi;
  beforeEach(async () => {
    api = await startFakeZaloApi({ token: TOKEN });
  });
  afterEach(async () => {
    await api.close();
  });
  const client = (extra: { maxRetries?: number } = {}) =>
    createZaloClient({ token: TOKEN, apiRoot: api.apiRoot, baseDelayMs: 5, ...extra });

  test('POSTs JSON to bot<token>/<method> and returns the result', async () => {
    const me = await client().call<{ account_name: string }>('getMe');
    expect(me.account_name).toBe('bot.baocao_test');
    await client().call('sendMessage', { chat_id: 'c1', text: 'Xin chào' });
    expect(api.sentMessages('c1').map((m) => m.text)).toEqual(['Xin chào']);
  });

  test('errors become ZaloApiError, also when answered with HTTP 200', async () => {
    const lenient = await startFakeZaloApi({ errorHttpStatus: 200 });
    try {
      const call = createZaloClient({ token: TOKEN, apiRoot: lenient.apiRoot }).call('sendMessage', {
        chat_id: 'c1',
        text: '',
      });
      await expect(call).rejects.toMatchObject({
        errorCode: 400,
        description: expect.stringContaining('text'),
      });
    } finally {
      await lenient.close();
    }
    await expect(
      createZaloClient({ token: '1:wrong', apiRoot: api.apiRoot }).call('getMe'),
    ).rejects.toBeInstanceOf(ZaloApiError);
  });

  test('429 and 5xx are retried with backoff, a bounded number of times', async () => {
    api.failNext('sendMessage', { errorCode: 429 });
    api.failNext('sendMessage', { errorCode: 500 });
    await client().call('sendMessage', { chat_id: 'c2', text: 'Lần ba' });
    expect(api.callsTo('sendMessage').map((c) => c.status)).toEqual([429, 500, 200]);

    api.failNext('sendMessage', { errorCode: 429 }, 5);
    await expect(
      client({ maxRetries: 2 }).call('sendMessage', { chat_id: 'c3', text: 'x' }),
    ).rejects.toMatchObject({
      errorCode: 429,
    });
    expect(api.callsTo('sendMessage').filter((c) => c.params.chat_id === 'c3')).toHaveLength(3);
  });

  test('client errors (403) are not retried; a network failure is retried then reported as code 0', async () => {
    api.failNext('sendMessage', { errorCode: 403 });
    await expect(client().call('sendMessage', { chat_id: 'c4', text: 'x' })).rejects.toMatchObject({
      errorCode: 403,
    });
    expect(api.callsTo('sendMessage')).toHaveLength(1);
    const nowhere = createZaloClient({
      token: TOKEN,
      apiRoot: 'http://127.0.0.1:9',
      baseDelayMs: 1,
      maxRetries: 1,
    });
    await expect(nowhere.call('getMe')).rejects.toMatchObject({ errorCode: 0 });
  });
});

describe('Zalo sender', () => {
  let api: FakeZaloApi;
  beforeEach(async () => {
    api = await startFakeZaloApi();
  });
  afterEach(async () => {
    await api.close();
  });

  test('sends numbered text, split at 2000 characters', async () => {
    const sender = createZaloSender(
      createZaloClient({ token: TOKEN, apiRoot: api.apiRoot }),
      new RateLimiter(1000, 0),
    );
    expect(sender).toMatchObject({ platform: 'zalo', maxTextLength: 2000 });
    await sender.send('c1', {
      text: `Nhắc hạn nộp báo cáo.\n\n${'Chi tiết. '.repeat(250)}`,
      buttons: [[{ label: 'Làm báo cáo', data: 'r:annual-2026' }]],
    });
    const texts = api.sentMessages('c1').map((m) => m.text);
    expect(texts.length).toBe(2);
    expect(texts[1]).toMatch(/Trả lời số: 1\. Làm báo cáo$/);
  });

  test('403 is a permanent delivery failure, 429 a temporary one', async () => {
    const sender = createZaloSender(
      createZaloClient({ token: TOKEN, apiRoot: api.apiRoot, baseDelayMs: 1, maxRetries: 0 }),
      new RateLimiter(1000, 0),
    );
    api.failNext('sendMessage', { errorCode: 403 });
    await expect(sender.send('c1', { text: 'x' })).rejects.toMatchObject({ permanent: true });
    api.failNext('sendMessage', { errorCode: 429 });
    const error = await sender.send('c1', { text: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeliveryError);
    expect(error).toMatchObject({ permanent: false, retryAfterSeconds: 60 });
    expect(toDeliveryError(new ZaloApiError(400, 'Bad Request: user not found'))).toMatchObject({
      permanent: true,
    });
  });
});

test('stop() ends the polling loop promptly, aborting the long poll in flight', async () => {
  const api = await startFakeZaloApi();
  try {
    const handled: string[] = [];
    const conversation: Conversation = {
      handle: async (inbound) => {
        handled.push(inbound.updateId);
        return [];
      },
    };
    const repos = {
      zaloButtons: { get: async () => [], set: async () => undefined },
    } as unknown as Repositories;
    const channel = createZaloChannel({
      token: TOKEN,
      apiRoot: api.apiRoot,
      conversation,
      logger: silentLogger,
      http: new HttpServer(silentLogger),
      repos,
      pollTimeoutSeconds: 30,
    });
    await channel.start();
    const id = api.sendText({ id: 'u1' }, 'xin chào');
    await api.waitFor((call) => call.method === 'getUpdates' && call.ok);
    // Now a 30-second long poll is waiting: stop must not wait for it.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = Date.now();
    await channel.stop();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(handled).toEqual([id]);
  } finally {
    await api.close();
  }
});
