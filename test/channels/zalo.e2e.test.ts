/**
 * The services wired as src/app/wire.ts wires them, on a test store, with the Zalo channel pointed at
 * the fake Zalo Bot API. `ZaloUser.say()` waits for exactly the replies of its message: the
 * conversation is wrapped to learn how many Zalo messages each handled update will produce.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DateTime } from 'luxon';
import { renderForZalo } from '../../src/channels/zalo/render';
import { createZaloChannel, type ZaloChannel } from '../../src/channels/zalo/zalo-channel';
import { createZaloClient } from '../../src/channels/zalo/zalo-client';
import { type Conversation, createConversation } from '../../src/conversation/conversation';
import type { Inbound, Outbound } from '../../src/conversation/messages';
import { loadFlows } from '../../src/engine';
import { createIdentityService } from '../../src/features/contacts/identity';
import { createReportFeature } from '../../src/features/report/chat/report-feature';
import { createReportService } from '../../src/features/report/report-service';
import { readUnitsFile } from '../../src/features/units/units-file';
import { HttpServer } from '../../src/http/server';
import { createAttachmentStore } from '../../src/store/attachment-store';
import type { RoundDoc } from '../../src/store/models';
import { type FakeZaloApi, postZaloWebhook, startFakeZaloApi } from '../support/fake-zalo-api';
import { annualRound2026 } from '../support/rounds';
import { openTestStore, silentLogger } from '../support/store';

const ZONE = 'Asia/Ho_Chi_Minh';
const ZALO_TOKEN = '1234567890:zalo-test-secret';
const ROOT = path.join(__dirname, '..', '..');
const at = (iso: string) => DateTime.fromISO(iso, { zone: ZONE }).toJSDate();

const annualRound = () => annualRound2026();

/** A short ad-hoc request (text, numbers, an attachment) for one unit: the whole journey in a few messages. */
function adhocRound(unitCode: string): Omit<RoundDoc, 'createdAt' | 'updatedAt'> {
  return {
    ...annualRound(),
    _id: 'dot-xuat-2026-11-20-test',
    kind: 'dot-xuat',
    title: 'Báo cáo đột xuất về hội nghị đối thoại',
    flowId: 'bao-cao-dot-xuat',
    dueAt: at('2026-12-05T23:59:59.999'),
    dueLabel: 'trước ngày 06/12/2026',
    targetKinds: [],
    targetUnitCodes: [unitCode],
    request: { title: 'Hội nghị đối thoại', instructions: 'Báo cáo kết quả hội nghị đối thoại năm 2026.' },
  };
}

class Harness {
  private readonly pending = new Map<string, (count: number) => void>();
  private readonly settled = new Map<string, number>();
  private readonly cleanups: (() => Promise<void>)[] = [];

  private constructor(
    readonly store: Awaited<ReturnType<typeof openTestStore>>,
    readonly conversation: Conversation,
  ) {}

  static async create(): Promise<Harness> {
    const store = await openTestStore();
    const { repos } = store;
    const now = () => DateTime.fromISO('2026-11-26T10:00:00', { zone: ZONE });
    const flows = await loadFlows(path.join(ROOT, 'flows'));
    await repos.units.upsertMany(await readUnitsFile(path.join(ROOT, 'flows', 'units', 'don-vi-mau.yaml')));
    const dataDir = mkdtempSync(path.join(tmpdir(), 'baocao-zalo-'));
    const reports = createReportService({ repos, flows, logger: silentLogger, now });
    const identity = createIdentityService({ repos, now, secretariatIds: {} });
    const feature = createReportFeature({
      repos,
      reports,
      attachments: createAttachmentStore(dataDir),
      maxAttachmentBytes: 20 * 1024 * 1024,
      timeZone: ZONE,
    });
    const inner = createConversation({
      repos,
      identity,
      features: [feature],
      logger: silentLogger,
      now,
      // As the app wires it: from the Zalo sender, which has no buttons.
      hasButtons: (platform) => platform !== 'zalo',
    });
    let harness: Harness | undefined;
    // Counts the Zalo messages each handled update produces, so tests wait for exactly those.
    const conversation: Conversation = {
      async handle(
        inbound: Inbound,
        maxTextLength: number,
        deliver?: (replies: Outbound[]) => Promise<void>,
      ): Promise<Outbound[]> {
        const replies = await inner.handle(inbound, maxTextLength, deliver);
        const parts = replies.reduce((sum, reply) => sum + renderForZalo(reply).parts.length, 0);
        harness?.settle(inbound.platform, inbound.updateId, parts);
        return replies;
      },
    };
    harness = new Harness(store, conversation);
    harness.cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
    return harness;
  }

  /**
   * Resolves with the number of Zalo messages the next handling of this update produces (0 for a
   * redelivery). Call it before the update can be handled; each handling settles one call.
   */
  expect(platform: string, updateId: string): Promise<number> {
    const key = `${platform}:${updateId}`;
    const settled = this.settled.get(key);
    if (settled !== undefined) {
      this.settled.delete(key);
      return Promise.resolve(settled);
    }
    return new Promise<number>((resolve) => this.pending.set(key, resolve));
  }

  private settle(platform: string, updateId: string, parts: number): void {
    const key = `${platform}:${updateId}`;
    const waiting = this.pending.get(key);
    this.pending.delete(key);
    if (waiting) waiting(parts);
    else this.settled.set(key, parts);
  }

  get repos() {
    return this.store.repos;
  }

  async invite(unitCode: string): Promise<string> {
    return this.repos.invites.create({
      unitCode,
      role: 'contact',
      expiresAt: at('2026-12-31T00:00:00'),
      createdBy: 'test',
    });
  }

  /** A polling Zalo channel on its own fake API. */
  async startPolling(): Promise<{ api: FakeZaloApi; channel: ZaloChannel }> {
    const api = await startFakeZaloApi();
    const channel = createZaloChannel({
      token: ZALO_TOKEN,
      apiRoot: api.apiRoot,
      conversation: this.conversation,
      logger: silentLogger,
      http: new HttpServer(silentLogger),
      repos: this.repos,
      pollTimeoutSeconds: 1,
      client: createZaloClient({ token: ZALO_TOKEN, apiRoot: api.apiRoot, baseDelayMs: 20 }),
    });
    await channel.start();
    this.cleanups.push(async () => {
      await channel.stop();
      await api.close();
    });
    return { api, channel };
  }

  /** A webhook Zalo channel: the bot's HTTP server listens first, then the channel registers itself. */
  async startWebhook(secret: string): Promise<{ api: FakeZaloApi; url: string; channel: ZaloChannel }> {
    const api = await startFakeZaloApi();
    const server = new HttpServer(silentLogger);
    const address = await server.listen('127.0.0.1', 0);
    const url = `http://127.0.0.1:${address.port}/zalo/webhook`;
    const channel = createZaloChannel({
      token: ZALO_TOKEN,
      apiRoot: api.apiRoot,
      webhook: { url, secret },
      conversation: this.conversation,
      logger: silentLogger,
      http: server,
      repos: this.repos,
      client: createZaloClient({ token: ZALO_TOKEN, apiRoot: api.apiRoot, baseDelayMs: 20 }),
    });
    await channel.start();
    this.cleanups.push(async () => {
      await channel.stop();
      await server.close();
      await api.close();
    });
    return { api, url, channel };
  }

  /** A tiny HTTP server standing in for Zalo's image CDN. */
  async serveImage(bytes: Buffer): Promise<string> {
    const server = http.createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': bytes.length }).end(bytes);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    this.cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/anh/bien-ban.jpg`;
  }

  async close(): Promise<void> {
    for (const cleanup of this.cleanups.reverse()) await cleanup();
    await this.store.dropAndClose();
  }
}

/** A Zalo user talking to the bot through the fake API. */
class ZaloUser {
  constructor(
    private readonly harness: Harness,
    private readonly api: FakeZaloApi,
    readonly id: string,
    readonly name = `Người dùng ${id}`,
  ) {}

  private async replies(send: () => string): Promise<string[]> {
    const before = this.api.sentMessages(this.id).length;
    const messageId = send();
    const count = await this.harness.expect('zalo', messageId);
    const all = await this.api.waitForMessages(this.id, before + count);
    return all.slice(before).map((message) => message.text);
  }

  say(text: string): Promise<string[]> {
    return this.replies(() => this.api.sendText({ id: this.id, display_name: this.name }, text));
  }

  sendImage(url: string): Promise<string[]> {
    return this.replies(() => this.api.sendImage({ id: this.id, display_name: this.name }, { url }));
  }

  sendSticker(): Promise<string[]> {
    return this.replies(() => this.api.sendSticker({ id: this.id, display_name: this.name }));
  }
}

/** A Telegram user driven straight through the conversation, as the Telegram channel would. */
class TelegramUser {
  private update = 0;
  constructor(
    private readonly harness: Harness,
    readonly id: string,
    readonly name = `Telegram ${id}`,
  ) {}

  async say(text: string): Promise<string[]> {
    const slash = /^\/(\w+)(?:\s+([\s\S]*))?$/.exec(text);
    const replies = await this.harness.conversation.handle(
      {
        platform: 'telegram',
        updateId: `${this.id}-${++this.update}`,
        userId: this.id,
        chatId: this.id,
        displayName: this.name,
        content: slash
          ? { type: 'command', command: slash[1]!, args: slash[2] ?? '' }
          : { type: 'text', text },
      },
      4096,
    );
    return replies.map((reply) => reply.text);
  }
}

// ───────────────────────────────────────────────────────────────────────────────────────────

jest.setTimeout(60_000);

/** A few bytes with a JPEG header: the bot stores them, it does not decode them. */
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('anh bien ban hoi nghi')]);

describe('Zalo end to end (polling)', () => {
  let h: Harness;
  let api: FakeZaloApi;

  beforeAll(async () => {
    h = await Harness.create();
    await h.repos.rounds.ensure(annualRound());
    await h.repos.rounds.ensure(adhocRound('chi-bo-kp1'));
    ({ api } = await h.startPolling());
  });
  afterAll(async () => {
    await h?.close();
  });

  test('starts in polling mode: getMe, deleteWebhook, then long polls', async () => {
    expect(api.callsTo('getMe')).toHaveLength(1);
    expect(api.callsTo('deleteWebhook')).toHaveLength(1);
    // An empty poll answers 408 after its timeout (1 s here); the loop keeps polling.
    await api.waitFor((call) => call.method === 'getUpdates' && call.status === 408, 5000);
    const lan = new ZaloUser(h, api, 'z-lan', 'Chị Lan');
    expect(await lan.say('xin chào')).toEqual([expect.stringContaining('chưa được liên kết')]);
  });

  test('an invitation works by sending the code; a wrong code is refused', async () => {
    const hoa = new ZaloUser(h, api, 'z-hoa', 'Anh Hòa');
    expect(await hoa.say('AAAAAAAAAAAAAAAA')).toEqual([expect.stringContaining('Mã mời không đúng')]);
    const code = await h.invite('ubnd');
    expect(await hoa.say(code)).toEqual([expect.stringContaining('Ủy ban nhân dân phường')]);
    const contact = await h.repos.contacts.get('zalo:z-hoa');
    expect(contact).toMatchObject({ unitCode: 'ubnd', active: true });
  });

  test('commands typed as words, with or without slash and diacritics; choices answered by number', async () => {
    const minh = new ZaloUser(h, api, 'z-minh', 'Anh Minh');
    await minh.say(await h.invite('ubnd'));

    const help = (await minh.say('Trợ giúp')).join('\n');
    expect(help).toContain('HƯỚNG DẪN SỬ DỤNG');
    expect(help).toContain('Zalo chưa hỗ trợ gửi tệp tài liệu');
    expect((await minh.say('/trogiup')).join('\n')).toContain('HƯỚNG DẪN SỬ DỤNG');

    const start = (await minh.say('báo cáo')).join('\n');
    expect(start).toContain('Báo cáo năm 2026');
    // HĐND or UBND comes filled in from the units file and is not numbered: the bot starts at Câu 1.
    expect(start).toMatch(/Câu 1\/31 /);

    // A flow choice, the pre-filled one, reached by going to its section (it has no number): the
    // typed number goes to the engine as text (no button memory for `f:` buttons).
    const edit = (await minh.say('sửa mục I')).join('\n');
    expect(edit).toContain('Mục I — câu điền sẵn theo danh sách đơn vị');
    expect(edit).toContain('Đơn vị báo cáo là');
    expect(edit).toContain('1. Thường trực Hội đồng nhân dân phường');
    expect(edit).toContain('2. Ủy ban nhân dân phường');
    expect(await h.repos.zaloButtons.get('z-minh')).toEqual([]);
    const next = (await minh.say('2')).join('\n');
    expect(next).toContain('Đã ghi nhận: Ủy ban nhân dân phường');
    const answer = await h.repos.answers.get('annual-2026:ubnd', 'cq_don_vi');
    expect(answer).toMatchObject({ value: 'ubnd', by: 'zalo:z-minh', channel: 'zalo' });

    const review = (await minh.say('XEM LẠI')).join('\n');
    expect(review).toContain('Ủy ban nhân dân phường');
    // Zalo has no buttons: the texts say what to type, never "bấm nút".
    expect(review).toContain('Để sửa, gõ «Sửa câu <số>» hoặc «Mục <số mục>».');
    expect((await minh.say('sửa')).join('\n')).toContain('Gõ «Sửa câu <số>» (ví dụ: sua 5) để sửa một câu');
    const missing = (await minh.say('nộp')).join('\n');
    expect(missing).toMatch(/• Câu 10 \(Mục III\): [^\n]+\n… và \d+ câu khác\./);
    expect(missing).toContain('Gõ /baocao để trả lời tiếp, hoặc «Sửa câu <số>» để trả lời một câu.');
    expect((await minh.say('tam dung')).join('\n')).toContain('Đã tạm dừng');
    // A sentence that merely contains a command word is an answer, not a command.
    expect((await minh.say('Báo cáo đã gửi từ trước')).join('\n')).not.toContain('Đã tạm dừng');
  });

  test('the whole journey on an ad-hoc request: round by number, photo, submit by typing 1', async () => {
    const url = await h.serveImage(JPEG);
    const tuan = new ZaloUser(h, api, 'z-tuan', 'Anh Tuấn');
    await tuan.say(await h.invite('chi-bo-kp1'));

    // Two open rounds: the choice is rendered as text the user answers with a number.
    const choose = (await tuan.say('baocao')).join('\n');
    expect(choose).toContain('Chọn một đợt (gõ số thứ tự):');
    expect(choose).toContain('1. Báo cáo đột xuất về hội nghị đối thoại');
    expect(choose).toContain('2. Báo cáo năm 2026');
    expect((await h.repos.zaloButtons.get('z-tuan')).map((b) => b.data)).toEqual([
      'r:dot-xuat-2026-11-20-test',
      'r:annual-2026',
    ]);
    expect((await tuan.say('1')).join('\n')).toContain('Nội dung báo cáo theo yêu cầu');

    await tuan.say('Hội nghị đối thoại tổ chức ngày 15/11/2026, có 45 người dự.');
    expect((await tuan.say('Xong')).join('\n')).toContain('Số liệu thứ nhất');
    await tuan.say('3');
    await tuan.say('45');
    const attachment =
      (await tuan.say('Số hội nghị và số người dự')).join('\n') + (await tuan.say('xong')).join('\n');
    expect(attachment).toContain('Tài liệu kèm theo');
    expect(attachment).toContain('Zalo chưa hỗ trợ gửi tệp tài liệu');

    expect((await tuan.sendImage(url)).join('\n')).toContain('Đã nhận tệp «anh-');
    await tuan.say('xong');
    const stored = await h.repos.answers.get('dot-xuat-2026-11-20-test:chi-bo-kp1', 'tai_lieu');
    expect(stored?.value).toEqual([
      expect.objectContaining({ platform: 'zalo', fileId: url, mimeType: 'image/jpeg', size: JPEG.length }),
    ]);

    const confirm = (await tuan.say('nộp')).join('\n');
    expect(confirm).toContain('Trả lời: 1. Nộp báo cáo');
    expect(await tuan.say('1')).toEqual([expect.stringContaining('Đã nộp báo cáo')]);
    const submission = await h.repos.submissions.get('dot-xuat-2026-11-20-test:chi-bo-kp1');
    expect(submission?.status).toBe('submitted');
    // The confirmation buttons are forgotten once answered: a later "1" is plain text again.
    expect(await h.repos.zaloButtons.get('z-tuan')).toEqual([]);
  });

  test('a sticker gets an explanation; a redelivered message is ignored', async () => {
    const hoa = new ZaloUser(h, api, 'z-hoa', 'Anh Hòa');
    expect(await hoa.sendSticker()).toEqual([
      expect.stringContaining('Bot chỉ hiểu tin nhắn chữ và các lệnh'),
    ]);

    const before = api.sentMessages('z-hoa').length;
    const redelivered = api.redeliverLast();
    expect(await h.expect('zalo', redelivered)).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(api.sentMessages('z-hoa')).toHaveLength(before);
  });

  test('long texts are split at 2000 characters', async () => {
    const an = new ZaloUser(h, api, 'z-an', 'Chị An');
    await an.say(await h.invite('ubnd'));
    await an.say('baocao');
    await an.say('1');
    // Answer a few questions with long texts so the review exceeds one Zalo message.
    const long = `${'Nội dung trả lời rất dài về công tác dân chủ ở cơ sở. '.repeat(30)}`.trim();
    for (let i = 0; i < 3; i++) {
      await an.say(long);
      await an.say('xong');
    }
    const review = await an.say('xem');
    expect(review.length).toBeGreaterThan(1);
    for (const part of review) expect(part.length).toBeLessThanOrEqual(2000);
  });

  test('429 and 5xx answers are retried; getUpdates errors back off and polling goes on', async () => {
    const lan = new ZaloUser(h, api, 'z-lan', 'Chị Lan');
    api.failNext('sendMessage', { errorCode: 429 });
    api.failNext('sendMessage', { errorCode: 500 });
    expect(await lan.say('xin chào')).toEqual([expect.stringContaining('chưa được liên kết')]);
    api.failNext('getUpdates', { errorCode: 500 });
    expect(await lan.say('xin chào')).toEqual([expect.stringContaining('chưa được liên kết')]);
  });

  test('a mixed unit: one report, answers from Zalo and Telegram, each with its author', async () => {
    await h.repos.rounds.ensure({ ...adhocRound('chi-bo-kp2'), _id: 'dot-xuat-kp2' });
    const zalo = new ZaloUser(h, api, 'z-binh', 'Chị Bình');
    const telegram = new TelegramUser(h, '777001', 'Anh Sơn');
    await zalo.say(await h.invite('chi-bo-kp2'));
    expect(await telegram.say(`/start ${await h.invite('chi-bo-kp2')}`)).toEqual([
      expect.stringContaining('Chi bộ Khu phố 2'),
    ]);

    // Zalo: choose the ad-hoc round (listed first), answer the text question.
    expect((await zalo.say('baocao')).join('\n')).toContain('1. Báo cáo đột xuất');
    await zalo.say('1');
    await zalo.say('Đã tổ chức hội nghị đối thoại với nhân dân khu phố 2.');
    await zalo.say('xong');

    // Telegram: the same report, resumed at the first question not answered yet.
    await telegram.say('/baocao');
    expect((await telegram.say('1')).join('\n')).toContain('Câu 2/3 — Mục 2\nSố liệu thứ nhất');
    expect((await telegram.say('7')).join('\n')).toContain('Đã ghi nhận: 7');
    const id = 'dot-xuat-kp2:chi-bo-kp2';

    // Back on Zalo: submit.
    await zalo.say('nop');
    expect(await zalo.say('1')).toEqual([expect.stringContaining('Đã nộp báo cáo')]);
    expect(await telegram.say('/nop')).toEqual([expect.stringContaining('đã được nộp')]);

    const submissions = await h.repos.submissions.listByUnit('chi-bo-kp2');
    expect(submissions.map((s) => s._id)).toEqual([id]);
    expect(await h.repos.answers.get(id, 'noi_dung')).toMatchObject({ by: 'zalo:z-binh', channel: 'zalo' });
    expect(await h.repos.answers.get(id, 'so_lieu_1')).toMatchObject({
      value: 7,
      by: 'telegram:777001',
      channel: 'telegram',
    });
  });

  test('nothing sent on Zalo asks to press a button ("bấm"): Zalo has none', () => {
    const texts = api.sentMessages().map((message) => message.text);
    expect(texts.length).toBeGreaterThan(20);
    expect(texts.filter((text) => /bấm/i.test(text))).toEqual([]);
  });
});

describe('Zalo webhook mode', () => {
  const SECRET = 'webhook-secret-0123456789';
  let h: Harness;
  let api: FakeZaloApi;
  let url: string;

  beforeAll(async () => {
    h = await Harness.create();
    ({ api, url } = await h.startWebhook(SECRET));
  });
  afterAll(async () => {
    await h?.close();
  });

  function update(text: string, messageId: string) {
    return {
      event_name: 'message.text.received',
      message: {
        from: { id: 'z-web', display_name: 'Chị Web', is_bot: false },
        chat: { id: 'z-web', chat_type: 'PRIVATE' },
        message_id: messageId,
        date: Date.now(),
        text,
      },
    };
  }

  test('registers the webhook with its secret', () => {
    expect(api.webhook).toMatchObject({ url, secret_token: SECRET });
    expect(api.callsTo('getUpdates')).toHaveLength(0);
  });

  test('a wrong or missing secret is refused with 401 and nothing is processed', async () => {
    expect((await postZaloWebhook(url, update('trogiup', 'w-1'))).status).toBe(401);
    expect((await postZaloWebhook(url, update('trogiup', 'w-2'), 'wrong-secret-000')).status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(api.sentMessages('z-web')).toHaveLength(0);
    expect(await h.repos.processedUpdates.markFirstSeen('zalo', 'w-1', new Date())).toBe(true);
  });

  test('the right secret is acknowledged and the update processed; group chats are ignored', async () => {
    const handled = h.expect('zalo', 'w-3');
    const response = await postZaloWebhook(url, update('xin chào', 'w-3'), SECRET);
    expect(response.status).toBe(200);
    const count = await handled;
    expect(await api.waitForMessages('z-web', count)).toEqual([
      expect.objectContaining({ text: expect.stringContaining('chưa được liên kết') }),
    ]);

    const group = update('xin chào', 'w-4');
    group.message.chat = { id: 'g-1', chat_type: 'GROUP' };
    expect((await postZaloWebhook(url, group, SECRET)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(api.sentMessages('g-1')).toHaveLength(0);
  });

  test('an update acknowledged by a process that died before handling it is handled at the next start', async () => {
    const left = update('xin chào', 'w-9');
    left.message.chat = { id: 'z-left', chat_type: 'PRIVATE' };
    left.message.from = { id: 'z-left', display_name: 'Chị Sót', is_bot: false };
    await h.repos.webhookInbox.add({
      _id: 'zalo:w-9',
      platform: 'zalo',
      chatKey: 'zalo:z-left',
      seq: Date.now(),
      payload: JSON.stringify(left),
      receivedAt: new Date(),
    });
    // The next process's webhook channel starts: it finds the update in the inbox.
    const next = await h.startWebhook(SECRET);
    expect(await next.api.waitForMessages('z-left', 1)).toEqual([
      expect.objectContaining({ text: expect.stringContaining('chưa được liên kết') }),
    ]);
    // Deleted from the inbox once handled (just after the reply went out).
    for (
      let i = 0;
      i < 100 && (await h.repos.webhookInbox.count({ platform: 'zalo', status: 'pending' })) > 0;
      i++
    )
      await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await h.repos.webhookInbox.count({ platform: 'zalo', status: 'pending' })).toBe(0);
  });

  test('an update is stored in the inbox before the 200, and a redelivered one is handled once', async () => {
    const chat = { id: 'z-again', chat_type: 'PRIVATE' };
    const again = update('xin chào', 'w-5');
    again.message.chat = chat;
    again.message.from = { id: 'z-again', display_name: 'Anh Lại', is_bot: false };
    const responses = await Promise.all([1, 2, 3].map(() => postZaloWebhook(url, again, SECRET)));
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(await h.repos.webhookInbox.count({ platform: 'zalo' })).toBeGreaterThanOrEqual(1);
    await api.waitForMessages('z-again', 1);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(api.sentMessages('z-again')).toHaveLength(1);
    expect(await h.repos.webhookInbox.count({ platform: 'zalo', status: 'pending' })).toBe(0);
  });
});
