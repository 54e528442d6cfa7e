import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type FakeZaloApi,
  postZaloWebhook,
  startFakeZaloApi,
  type ZaloUpdate,
} from '../support/fake-zalo-api';

const TOKEN = '1234567890:zalo-secret';
const lan = { id: 'u-lan', display_name: 'Chị Lan' };

interface ZaloAnswer {
  ok: boolean;
  // biome-ignore lint/suspicious/noExplicitAny: assertions read arbitrary result shapes
  result?: any;
  error_code?: number;
  description?: string;
}

async function call(
  api: FakeZaloApi,
  method: string,
  body: unknown = {},
): Promise<{ status: number; json: ZaloAnswer }> {
  const res = await fetch(`${api.apiRoot}/bot${TOKEN}/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as ZaloAnswer };
}

describe('fake Zalo Bot API', () => {
  let api: FakeZaloApi;

  beforeEach(async () => {
    api = await startFakeZaloApi();
  });

  afterEach(async () => {
    await api.close();
  });

  test('getMe answers the bot account', async () => {
    const { status, json } = await call(api, 'getMe');
    expect(status).toBe(200);
    expect(json).toEqual({ ok: true, result: expect.objectContaining({ id: '1234567890123456789' }) });
  });

  test('getUpdates returns one update per call, in order, each delivered once', async () => {
    const id1 = api.sendText(lan, 'Xin chào');
    const id2 = api.sendImage(lan, { url: 'https://example.org/a.jpg', caption: 'Ảnh hiện trường' });
    api.sendSticker(lan);
    api.sendUnsupported(lan);
    expect(id1).not.toBe(id2);

    const first = await call(api, 'getUpdates', { timeout: 1 });
    expect(first.json.ok).toBe(true);
    expect(first.json.result).toEqual({
      event_name: 'message.text.received',
      message: {
        from: { id: 'u-lan', display_name: 'Chị Lan', is_bot: false },
        chat: { id: 'u-lan', chat_type: 'PRIVATE' },
        text: 'Xin chào',
        message_id: id1,
        date: expect.any(Number),
      },
    });
    expect(first.json.result.message.date).toBeGreaterThan(1_600_000_000_000); // milliseconds
    const second = await call(api, 'getUpdates', { timeout: 1 });
    expect(second.json.result.event_name).toBe('message.image.received');
    expect(second.json.result.message).toMatchObject({
      photo: 'https://example.org/a.jpg',
      caption: 'Ảnh hiện trường',
    });
    expect((await call(api, 'getUpdates', { timeout: 1 })).json.result.event_name).toBe(
      'message.sticker.received',
    );
    expect((await call(api, 'getUpdates', { timeout: 1 })).json.result.event_name).toBe(
      'message.unsupported.received',
    );
    expect(api.pendingUpdateCount).toBe(0);

    expect(api.redeliverLast()).toBeDefined();
    const again = await call(api, 'getUpdates', { timeout: 1 });
    expect(again.json.result.event_name).toBe('message.unsupported.received');
  });

  test('redeliverLast delivers the same message_id again', async () => {
    const id = api.sendText(lan, '1');
    const a = await call(api, 'getUpdates', { timeout: 1 });
    api.redeliverLast();
    const b = await call(api, 'getUpdates', { timeout: 1 });
    expect(a.json.result.message.message_id).toBe(id);
    expect(b.json.result).toEqual(a.json.result);
  });

  test('an empty long poll answers 408 after the timeout; a pushed update ends the wait at once', async () => {
    let started = Date.now();
    const empty = await call(api, 'getUpdates', { timeout: 1 });
    expect(empty.json).toEqual({ ok: false, error_code: 408, description: 'Request timeout' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);

    started = Date.now();
    const poll = call(api, 'getUpdates', { timeout: 10 });
    setTimeout(() => api.sendText(lan, 'đến rồi'), 100);
    const got = await poll;
    expect(got.json.result.message.text).toBe('đến rồi');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  test('sendMessage checks chat_id and the 1–2000 character text length', async () => {
    expect((await call(api, 'sendMessage', { chat_id: 'u-lan', text: 'x'.repeat(2000) })).json.ok).toBe(true);
    const tooLong = await call(api, 'sendMessage', { chat_id: 'u-lan', text: 'x'.repeat(2001) });
    expect(tooLong.json).toMatchObject({ ok: false, error_code: 400 });
    expect((await call(api, 'sendMessage', { chat_id: 'u-lan', text: '' })).json.error_code).toBe(400);
    expect((await call(api, 'sendMessage', { text: 'no chat' })).json.error_code).toBe(400);
    const ok = await call(api, 'sendMessage', { chat_id: 'u-lan', text: 'Đã nhận báo cáo' });
    expect(ok.json.result).toEqual({ message_id: expect.any(String), date: expect.any(Number) });

    const sent = api.sentMessages('u-lan');
    expect(sent.map((m) => m.text.length)).toEqual([2000, 'Đã nhận báo cáo'.length]);
    expect(sent[1]?.message_id).toBe(ok.json.result.message_id);
    expect(api.callsTo('sendMessage')).toHaveLength(5);
  });

  test('other methods: sendPhoto, sendChatAction, sendSticker; unknown methods answer 404', async () => {
    expect(
      (await call(api, 'sendPhoto', { chat_id: 'u-lan', photo: 'https://x/y.png', caption: 'c' })).json.ok,
    ).toBe(true);
    expect((await call(api, 'sendChatAction', { chat_id: 'u-lan', action: 'typing' })).json).toEqual({
      ok: true,
      result: true,
    });
    expect((await call(api, 'sendSticker', { chat_id: 'u-lan', sticker: 's1' })).json.ok).toBe(true);
    const unknown = await call(api, 'answerCallbackQuery', { callback_query_id: '1' });
    expect(unknown.status).toBe(404);
    expect(unknown.json.ok).toBe(false);
  });

  test('failNext answers the injected error for the next N calls, then recovers', async () => {
    api.failNext('sendMessage', { errorCode: 429 }, 2);
    const a = await call(api, 'sendMessage', { chat_id: 'c', text: 'a' });
    const b = await call(api, 'sendMessage', { chat_id: 'c', text: 'a' });
    const c = await call(api, 'sendMessage', { chat_id: 'c', text: 'a' });
    expect(a.json).toEqual({ ok: false, error_code: 429, description: 'Quota exceeded' });
    expect([a.status, b.status, c.status]).toEqual([429, 429, 200]);
    api.failNext('getMe', { errorCode: 403, description: 'Forbidden: bot disabled' });
    expect((await call(api, 'getMe')).json).toEqual({
      ok: false,
      error_code: 403,
      description: 'Forbidden: bot disabled',
    });
    expect(api.sentMessages('c')).toHaveLength(1);
    const waited = api.waitForMessages('c', 2, 2000);
    await call(api, 'sendMessage', { chat_id: 'c', text: 'b' });
    expect((await waited).map((m) => m.text)).toEqual(['a', 'b']);
  });

  test('webhook: secret length is checked, getUpdates conflicts, postWebhook sends X-Bot-Api-Secret-Token', async () => {
    const received: Array<{ secret: string | undefined; body: ZaloUpdate }> = [];
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const secret = req.headers['x-bot-api-secret-token'] as string | undefined;
        if (secret !== 'very-secret-1') {
          res.writeHead(401).end();
          return;
        }
        received.push({ secret, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/zalo`;
    try {
      expect((await call(api, 'setWebhook', { url, secret_token: 'short' })).json.error_code).toBe(400);
      expect((await call(api, 'setWebhook', { url, secret_token: 'x'.repeat(257) })).json.error_code).toBe(
        400,
      );
      const set = await call(api, 'setWebhook', { url, secret_token: 'very-secret-1' });
      expect(set.json.ok).toBe(true);
      expect((await call(api, 'getWebhookInfo')).json.result.url).toBe(url);
      expect((await call(api, 'getUpdates', { timeout: 1 })).json.ok).toBe(false);

      const update: ZaloUpdate = {
        event_name: 'message.text.received',
        message: {
          from: { id: 'u1', display_name: 'A', is_bot: false },
          chat: { id: 'u1', chat_type: 'PRIVATE' },
          text: 'hi',
          message_id: 'm1',
          date: Date.now(),
        },
      };
      expect((await postZaloWebhook(url, update, 'wrong-secret')).status).toBe(401);
      expect((await api.postWebhook(url, update, 'very-secret-1')).body).toEqual({ ok: true });
      expect((await api.deliverWebhook(update)).status).toBe(200);
      expect(received).toHaveLength(2);
      expect(received[0]?.body.message.message_id).toBe('m1');

      await call(api, 'deleteWebhook');
      expect(api.webhook).toBeNull();
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  test('close() ends a pending long poll promptly', async () => {
    const poll = call(api, 'getUpdates', { timeout: 30 });
    await new Promise((r) => setTimeout(r, 50));
    const started = Date.now();
    await api.close();
    const { json } = await poll;
    expect(json.error_code).toBe(408);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
