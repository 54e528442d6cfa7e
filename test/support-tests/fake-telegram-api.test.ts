import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Bot, GrammyError, InlineKeyboard, InputFile, webhookCallback } from 'grammy';
import type { Update } from 'grammy/types';
import { apiRetry } from '../../src/channels/telegram/api-retry';
import {
  type FakeTelegramApi,
  postWebhook,
  startFakeTelegramApi,
  type UploadedFile,
} from '../support/fake-telegram-api';

interface ApiAnswer {
  ok: boolean;
  // biome-ignore lint/suspicious/noExplicitAny: assertions read arbitrary result shapes
  result?: any;
  error_code?: number;
  description?: string;
  parameters?: { retry_after?: number };
}

const TOKEN = '123456:TEST-token_abc';
const alice = { id: 42, first_name: 'Lan', username: 'lan_ubnd' };

async function callApi(
  api: FakeTelegramApi,
  method: string,
  body?: unknown,
): Promise<{ status: number; json: ApiAnswer }> {
  const res = await fetch(`${api.apiRoot}/bot${TOKEN}/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body ?? {}),
  });
  return { status: res.status, json: (await res.json()) as ApiAnswer };
}

describe('fake Telegram Bot API driven by a real grammY bot (long polling)', () => {
  let api: FakeTelegramApi;
  let bot: Bot;
  let running: Promise<void>;
  const seenTextUpdates: number[] = [];
  const botErrors: unknown[] = [];

  beforeAll(async () => {
    api = await startFakeTelegramApi();
    bot = new Bot(TOKEN, { client: { apiRoot: api.apiRoot } });
    bot.api.config.use(apiRetry());
    bot.command('start', (ctx) =>
      ctx.reply(`start:${ctx.match}`, { reply_markup: new InlineKeyboard().text('Đồng ý', 'ok:1') }),
    );
    bot.callbackQuery(/^ok:(\d+)$/, async (ctx) => {
      await ctx.answerCallbackQuery({ text: 'Đã ghi nhận' });
      await ctx.editMessageText(`pressed ${ctx.match[1]}`);
    });
    bot.on('message:document', async (ctx) => {
      const file = await ctx.getFile();
      const res = await fetch(`${api.apiRoot}/file/bot${TOKEN}/${file.file_path}`);
      await ctx.reply(`file ${ctx.message.document.file_name}: ${await res.text()}`);
    });
    bot.on('message:photo', (ctx) =>
      ctx.reply(`photo ${ctx.message.photo.at(-1)?.file_id} ${ctx.message.caption}`),
    );
    bot.on('message:sticker', (ctx) => ctx.reply(`sticker ${ctx.message.sticker.emoji}`));
    bot.on('message:voice', (ctx) => ctx.reply(`voice ${ctx.message.voice.duration}s`));
    bot.on('message:text', async (ctx) => {
      seenTextUpdates.push(ctx.update.update_id);
      await ctx.reply(`echo ${ctx.message.text}`);
    });
    bot.catch((err) => {
      botErrors.push(err.error);
    });
    running = new Promise<void>((resolve, reject) => {
      bot.start({ onStart: () => resolve() }).catch(reject);
    });
    await running;
  });

  afterAll(async () => {
    await bot.stop();
    await api.close();
  });

  beforeEach(() => api.clear());

  afterEach(() => {
    expect(botErrors).toEqual([]);
  });

  test('the bot initialised from getMe; getUpdates long-polls with an offset', async () => {
    expect(bot.botInfo.username).toBe('baocao_test_bot');
    expect(bot.botInfo.id).toBe(999);
    api.sendText(alice, 'hi');
    await api.waitForMessages(42, 1);
    const polls = await api.waitFor((c) => c.method === 'getUpdates' && typeof c.params.offset === 'number');
    expect(polls.params.timeout).toBe(30);
  });

  test('/start abc reaches bot.command with match "abc" and the reply is recorded', async () => {
    const updateId = api.sendText(alice, '/start abc');
    expect(updateId).toBeGreaterThan(0);
    const [reply] = await api.waitForMessages(42, 1);
    expect(reply?.text).toBe('start:abc');
    expect(reply?.reply_markup).toEqual({ inline_keyboard: [[{ text: 'Đồng ý', callback_data: 'ok:1' }]] });
    expect(reply?.message_id).toBeGreaterThan(1);
  });

  test('a pressed button is delivered as a callback query on the last bot message', async () => {
    api.sendText(alice, '/start');
    const [sent] = await api.waitForMessages(42, 1);
    api.pressButton(alice, 'ok:1');
    const answer = await api.waitFor((c) => c.method === 'answerCallbackQuery');
    expect(answer.params.text).toBe('Đã ghi nhận');
    const edit = await api.waitFor((c) => c.method === 'editMessageText' && c.ok);
    expect(edit.params).toMatchObject({ chat_id: 42, message_id: sent?.message_id, text: 'pressed 1' });
  });

  test('a 429 on sendMessage is retried by the bot retry layer and then succeeds', async () => {
    api.failNext('sendMessage', { status: 429, retryAfter: 1 });
    const started = Date.now();
    api.sendText(alice, 'retry me');
    const [msg] = await api.waitForMessages(42, 1, 5000);
    expect(msg?.text).toBe('echo retry me');
    const attempts = api.callsTo('sendMessage');
    expect(attempts.map((c) => c.status)).toEqual([429, 200]);
    expect(attempts[0]?.description).toBe('Too Many Requests: retry after 1');
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  test('multipart sendDocument is parsed (filename and bytes); getFile and the download path work', async () => {
    const sent = await bot.api.sendDocument(42, new InputFile(Buffer.from('xin chào'), 'a.txt'), {
      caption: 'Báo cáo tháng',
      reply_markup: new InlineKeyboard().text('Xem', 'view'),
    });
    const call = api.callsTo('sendDocument')[0];
    const document = call?.params.document as UploadedFile;
    expect(document.filename).toBe('a.txt');
    expect(document.bytes.toString('utf8')).toBe('xin chào');
    expect(document.size).toBe(Buffer.byteLength('xin chào'));
    expect(call?.params.chat_id).toBe(42);
    expect(call?.params.caption).toBe('Báo cáo tháng');
    expect(call?.params.reply_markup).toEqual({
      inline_keyboard: [[{ text: 'Xem', callback_data: 'view' }]],
    });
    expect(sent.document.file_name).toBe('a.txt');

    const file = await bot.api.getFile(sent.document.file_id);
    const res = await fetch(`${api.apiRoot}/file/bot${TOKEN}/${file.file_path}`);
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).toString('utf8')).toBe('xin chào');
  });

  test('a document sent by a user can be fetched by the bot through getFile', async () => {
    api.sendDocument(alice, {
      file_id: 'doc-1',
      file_name: 'bao-cao.csv',
      mime_type: 'text/csv',
      bytes: 'đơn vị,số\nKP1,3',
    });
    const [reply] = await api.waitForMessages(42, 1);
    expect(reply?.text).toBe('file bao-cao.csv: đơn vị,số\nKP1,3');
  });

  test('photo, sticker and voice builders match grammY filter queries', async () => {
    api.sendPhoto(alice, { file_id: 'p1', caption: 'hiện trường' });
    await api.waitForMessages(42, 1);
    api.sendSticker(alice);
    await api.waitForMessages(42, 2);
    api.sendVoice(alice, { duration: 5 });
    const msgs = await api.waitForMessages(42, 3);
    expect(msgs.map((m) => m.text)).toEqual(['photo p1 hiện trường', 'sticker 👍', 'voice 5s']);
  });

  test('a command addressed to the bot in a group matches bot.command', async () => {
    const group = { id: -100123, type: 'supergroup' as const, title: 'UBND phường' };
    api.sendText(alice, '/start@baocao_test_bot grp', { chat: group });
    const [reply] = await api.waitForMessages(-100123, 1);
    expect(reply?.text).toBe('start:grp');
  });

  test('redeliver pushes the same update_id again', async () => {
    const id = api.sendText(alice, 'dup');
    await api.waitForMessages(42, 1);
    api.redeliver(id);
    await api.waitForMessages(42, 2);
    api.sendText(alice, 'after');
    const msgs = await api.waitForMessages(42, 3);
    expect(msgs.map((m) => m.text)).toEqual(['echo dup', 'echo dup', 'echo after']);
    expect(seenTextUpdates.filter((u) => u === id)).toHaveLength(2);
  });

  test('a blocked chat answers 403 and invalid sends answer 400', async () => {
    api.setChatBlocked(77);
    const blocked = await bot.api.sendMessage(77, 'hello').catch((e: unknown) => e);
    expect(blocked).toBeInstanceOf(GrammyError);
    expect((blocked as GrammyError).error_code).toBe(403);
    expect((blocked as GrammyError).description).toBe('Forbidden: bot was blocked by the user');
    api.setChatBlocked(77, false);
    await expect(bot.api.sendMessage(77, 'x'.repeat(4097))).rejects.toMatchObject({
      error_code: 400,
      description: 'Bad Request: message is too long',
    });
    await expect(
      bot.api.sendMessage(77, 'ok', { reply_markup: new InlineKeyboard().text('x', 'd'.repeat(65)) }),
    ).rejects.toMatchObject({ error_code: 400 });
    await expect(bot.api.sendMessage(77, 'x'.repeat(4096))).resolves.toMatchObject({ chat: { id: 77 } });
  });
});

describe('fake Telegram Bot API without a polling bot', () => {
  let api: FakeTelegramApi;

  beforeEach(async () => {
    api = await startFakeTelegramApi({ username: 'other_bot', botId: 5 });
  });

  afterEach(async () => {
    await api.close();
  });

  test('getUpdates waits for a pushed update and honours offset and limit', async () => {
    const started = Date.now();
    const poll = callApi(api, 'getUpdates', { timeout: 5 });
    setTimeout(() => api.sendText(alice, '/report@other_bot now'), 100);
    const { json } = await poll;
    expect(Date.now() - started).toBeLessThan(2000);
    expect(json.ok).toBe(true);
    const [update] = json.result;
    expect(update.message.text).toBe('/report@other_bot now');
    expect(update.message.entities).toEqual([{ type: 'bot_command', offset: 0, length: 17 }]);
    expect(update.message.chat).toMatchObject({ id: 42, type: 'private' });

    api.sendText(alice, 'two');
    api.sendText(alice, 'three');
    const again = await callApi(api, 'getUpdates', { limit: 2 });
    expect((again.json.result as Update[]).map((u) => u.update_id)).toEqual([1, 2]);
    const confirmed = await callApi(api, 'getUpdates', { offset: 2 });
    expect((confirmed.json.result as Update[]).map((u) => u.message?.text)).toEqual(['two', 'three']);
    const empty = await callApi(api, 'getUpdates', { offset: 4, timeout: 0 });
    expect(empty.json.result).toEqual([]);
    expect(api.pendingUpdateCount).toBe(0);
  });

  test('an empty long poll answers [] after the timeout', async () => {
    const started = Date.now();
    const { json } = await callApi(api, 'getUpdates', { timeout: 1 });
    expect(json).toEqual({ ok: true, result: [] });
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  test('urlencoded and GET query parameters are parsed; other methods answer true', async () => {
    const form = await fetch(`${api.apiRoot}/bot${TOKEN}/sendMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ chat_id: '42', text: 'chào', reply_markup: '{"inline_keyboard":[]}' }),
    });
    expect(((await form.json()) as ApiAnswer).result.text).toBe('chào');
    expect(api.sentMessages(42)[0]).toMatchObject({
      chat_id: 42,
      text: 'chào',
      reply_markup: { inline_keyboard: [] },
    });
    const get = await fetch(`${api.apiRoot}/bot${TOKEN}/getMe`);
    expect(((await get.json()) as ApiAnswer).result).toMatchObject({
      id: 5,
      username: 'other_bot',
      is_bot: true,
    });
    const other = await callApi(api, 'setChatMenuButton', { menu_button: { type: 'commands' } });
    expect(other.json).toEqual({ ok: true, result: true });
    expect(api.callsTo('setChatMenuButton')).toHaveLength(1);
  });

  test('failNext answers like Telegram with the HTTP status', async () => {
    api.failNext('sendMessage', { status: 500 }, 2);
    api.failNext('getMe', { status: 403, description: 'Forbidden: custom' });
    const a = await callApi(api, 'sendMessage', { chat_id: 1, text: 'a' });
    const b = await callApi(api, 'sendMessage', { chat_id: 1, text: 'a' });
    const c = await callApi(api, 'sendMessage', { chat_id: 1, text: 'a' });
    expect([a.status, b.status, c.status]).toEqual([500, 500, 200]);
    expect(a.json).toEqual({ ok: false, error_code: 500, description: 'Internal Server Error' });
    expect((await callApi(api, 'getMe')).json.description).toBe('Forbidden: custom');
    expect(api.sentMessages()).toHaveLength(1);
  });

  test('rateLimit answers 429 with retry_after beyond the per-chat rate', async () => {
    api.rateLimit({ perChatPerSecond: 2 });
    const results: Array<{ status: number; json: ApiAnswer }> = [];
    for (let i = 0; i < 3; i++)
      results.push(await callApi(api, 'sendMessage', { chat_id: 9, text: `m${i}` }));
    expect(results.map((r) => r.status)).toEqual([200, 200, 429]);
    expect(results[2]?.json.parameters).toEqual({ retry_after: 1 });
    expect((await callApi(api, 'sendMessage', { chat_id: 10, text: 'other chat' })).status).toBe(200);
    api.rateLimit({ globalPerSecond: 3 });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++)
      statuses.push((await callApi(api, 'sendMessage', { chat_id: 100 + i, text: 'x' })).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    api.rateLimit(null);
    expect((await callApi(api, 'sendMessage', { chat_id: 9, text: 'free' })).status).toBe(200);
  });

  test('webhook: setWebhook, getUpdates conflict, and postWebhook/deliverWebhook into grammY webhookCallback', async () => {
    const bot = new Bot(TOKEN, { client: { apiRoot: api.apiRoot } });
    bot.on('message:text', (ctx) => ctx.reply(`webhook ${ctx.message.text}`));
    await bot.init();
    const handler = webhookCallback(bot, 'http', { secretToken: 'secret-123' });
    const server = http.createServer((req, res) => void handler(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    try {
      await bot.api.setWebhook(url, { secret_token: 'secret-123' });
      expect(api.webhook).toMatchObject({ url, secret_token: 'secret-123' });
      expect((await bot.api.getWebhookInfo()).url).toBe(url);
      const conflict = await callApi(api, 'getUpdates');
      expect(conflict.status).toBe(409);

      const update = {
        update_id: 500,
        message: { message_id: 1, date: 0, chat: { id: 42, type: 'private', first_name: 'Lan' }, text: 'x' },
      };
      expect((await postWebhook(url, update, 'wrong')).status).toBe(401);
      expect((await postWebhook(url, update, 'secret-123')).status).toBe(200);
      const res = await api.deliverWebhook({
        message: { message_id: 2, date: 0, chat: { id: 42, type: 'private', first_name: 'Lan' }, text: 'y' },
      });
      expect(res.status).toBe(200);
      expect(api.sentMessages(42).map((m) => m.text)).toEqual(['webhook x', 'webhook y']);
      await bot.api.deleteWebhook();
      expect(api.webhook).toBeNull();
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  test('close() answers a pending long poll with an empty batch', async () => {
    const poll = callApi(api, 'getUpdates', { timeout: 30 });
    await api.waitFor(() => false, 100).catch(() => undefined);
    const started = Date.now();
    await api.close();
    const { json } = await poll;
    expect(json).toEqual({ ok: true, result: [] });
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
