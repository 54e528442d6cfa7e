import path from 'node:path';
import { Api } from 'grammy';
import { DateTime } from 'luxon';
import { RateLimiter } from '../../../src/channels/rate-limiter';
import { apiRetry } from '../../../src/channels/telegram/api-retry';
import { createTelegramSender } from '../../../src/channels/telegram/sender';
import type { CliApp } from '../../../src/cli/cli-app';
import { remindCommand } from '../../../src/cli/commands/remind';
import type { ChannelSender, Platform } from '../../../src/conversation/messages';
import { type FlowCatalog, loadFlows } from '../../../src/engine';
import {
  createReminderService,
  type ReminderServiceOptions,
} from '../../../src/features/reminders/reminder-service';
import { createRoundService } from '../../../src/features/rounds/round-service';
import { loadSchedule } from '../../../src/scheduler';
import type { Store } from '../../../src/store/connect';
import { type FakeTelegramApi, startFakeTelegramApi } from '../../support/fake-telegram-api';
import { openTestStore, silentLogger } from '../../support/store';

const FLOWS_DIR = path.join(__dirname, '..', '..', '..', 'flows');
const schedule = loadSchedule(path.join(FLOWS_DIR, 'schedule.yaml'));
const TOKEN = '123456:TEST-token-for-reminders-abcdef';
const at = (iso: string) => DateTime.fromISO(iso, { setZone: true });

/** 3/12/2026 08:00: the 7-day reminder of "trước ngày 10/12/2026". */
const SEVEN_DAYS = at('2026-12-03T08:00:00+07:00');
const ROUND = 'annual-2026';

let flows: FlowCatalog;
let store: Store & { dropAndClose(): Promise<void> };
let fake: FakeTelegramApi;

beforeAll(async () => {
  flows = await loadFlows(FLOWS_DIR);
});
beforeEach(async () => {
  store = await openTestStore();
  fake = await startFakeTelegramApi();
  await seedWard();
});
afterEach(async () => {
  await fake.close();
  await store.dropAndClose();
});

/**
 * The ward: cb-kp1 not started (contacts 101, 102) · cty-abc submitted (201) · truong exempt (301)
 * · hoi-nd in progress 5/N (401) · hoi-cc has no contact at all · secretariat member 900.
 */
async function seedWard() {
  const { repos } = store;
  await repos.units.upsertMany([
    { code: 'cb-kp1', name: 'Chi bộ Khu phố 1', kind: 'to-chuc-dang', order: 1 },
    { code: 'cty-abc', name: 'Công ty ABC', kind: 'doanh-nghiep', order: 2 },
    { code: 'truong', name: 'Trường Tiểu học Hồng An', kind: 'co-quan', order: 3 },
    { code: 'hoi-nd', name: 'Hội Nông dân', kind: 'mat-tran', order: 4 },
    { code: 'hoi-cc', name: 'Hội Cựu chiến binh', kind: 'mat-tran', order: 5 },
  ]);
  const link = (
    userId: string,
    displayName: string,
    unitCode: string | null,
    role: 'contact' | 'secretariat',
  ) => repos.contacts.link({ platform: 'telegram', userId, chatId: userId, displayName, unitCode, role });
  await link('101', 'Nguyễn Văn An', 'cb-kp1', 'contact');
  await link('102', 'Trần Thị Bình', 'cb-kp1', 'contact');
  await link('201', 'Lê Văn Cường', 'cty-abc', 'contact');
  await link('301', 'Phạm Thị Dung', 'truong', 'contact');
  await link('401', 'Hoàng Văn Em', 'hoi-nd', 'contact');
  await link('900', 'Đỗ Thị Thư', null, 'secretariat');

  await roundService().ensurePeriodicRounds(at('2026-11-26T10:00:00+07:00'));
  await repos.submissions.update(`${ROUND}:cty-abc`, () => ({ status: 'submitted', answeredCount: 23 }));
  await repos.submissions.update(`${ROUND}:hoi-nd`, () => ({ status: 'in_progress', answeredCount: 5 }));
  await repos.rounds.setExempt(ROUND, 'truong', true);
}

const roundService = () => createRoundService({ repos: store.repos, flows, schedule, logger: silentLogger });

function telegramSender(options: { autoRetry?: boolean } = {}): ChannelSender {
  const api = new Api(TOKEN, { apiRoot: fake.apiRoot });
  if (options.autoRetry ?? true)
    api.config.use(apiRetry({ attempts: 3, maxRetryAfterSeconds: 5, backoffMs: [10] }));
  // Fast limiter in tests; production uses RateLimiter(30, 1000).
  return createTelegramSender(api, new RateLimiter(1000, 0));
}

const sleeps: number[] = [];
function reminderService(sender = telegramSender(), options: ReminderServiceOptions = {}) {
  return createReminderService({
    repos: store.repos,
    schedule,
    rounds: roundService(),
    senders: new Map<Platform, ChannelSender>([['telegram', sender]]),
    logger: silentLogger,
    options: {
      retry: { attempts: 3, baseDelayMs: 5, maxDelayMs: 20 },
      sleep: async (ms) => {
        sleeps.push(ms);
      },
      ...options,
    },
  });
}
beforeEach(() => {
  sleeps.length = 0;
});

const chats = () =>
  fake
    .sentMessages()
    .map((m) => String(m.chat_id))
    .sort();
const ledger = (stage: string, contact: string) =>
  store.repos.reminders.get(`${ROUND}:${stage}:telegram:${contact}`);

describe('a pass at 3/12/2026 08:00 (7 days before "trước ngày 10/12")', () => {
  test('reminds the contacts of units that have not submitted, once, with round, deadline, progress and the way back', async () => {
    const result = await reminderService().runReminderPass({ at: SEVEN_DAYS, dryRun: false });
    expect(result.sent.map((i) => [i.stage, i.unitCode, i.recipientId])).toEqual([
      ['truoc-7', 'cb-kp1', 'telegram:101'],
      ['truoc-7', 'cb-kp1', 'telegram:102'],
      ['truoc-7', 'hoi-nd', 'telegram:401'],
    ]);
    // Submitted (201), exempt (301) and the secretariat (no digest due) get nothing.
    expect(chats()).toEqual(['101', '102', '401']);

    const [toAn] = fake.sentMessages('101');
    expect(toAn?.text).toContain('Báo cáo năm 2026');
    expect(toAn?.text).toContain('Hạn nộp: hết ngày 9/12/2026 (thứ Tư).');
    expect(toAn?.text).toContain('Đơn vị: Chi bộ Khu phố 1');
    expect(toAn?.text).toContain('Tiến độ: chưa bắt đầu.');
    expect(toAn?.text).toContain('Còn 6 ngày nữa là đến hạn.');
    expect(toAn?.text).toContain('gõ /baocao');
    expect(toAn?.reply_markup).toEqual({
      inline_keyboard: [[{ text: 'Tiếp tục báo cáo', callback_data: 'r:annual-2026' }]],
    });
    const total = (await store.repos.submissions.get(`${ROUND}:hoi-nd`))?.totalCount;
    expect(fake.sentMessages('401')[0]?.text).toContain(`Tiến độ: đã trả lời 5/${total} câu.`);

    expect(await ledger('truoc-7', '101')).toMatchObject({
      status: 'sent',
      attempts: 1,
      kind: 'unit-reminder',
    });
    // The opening stage (15/11) was missed by far more than a day: recorded as skipped, never sent.
    expect(await ledger('mo', '101')).toMatchObject({ status: 'skipped' });
    expect(result.skipped.map((i) => i.stage)).toEqual(
      expect.arrayContaining(['mo', 'tuan-2026-11-16', 'tuan-2026-11-30']),
    );
    expect(result.unreachable).toEqual([
      {
        roundId: ROUND,
        stage: 'truoc-7',
        unitCode: 'hoi-cc',
        unitName: 'Hội Cựu chiến binh',
        reason: 'no-contact',
      },
    ]);
    const audit = await store.repos.audit.list({});
    expect(audit.filter((e) => e.action === 'reminders.pass')[0]?.details).toMatchObject({
      sent: 3,
      failed: 0,
    });
  });

  test('a second pass at the same instant sends nothing', async () => {
    await reminderService().runReminderPass({ at: SEVEN_DAYS, dryRun: false });
    const again = await reminderService().runReminderPass({
      at: SEVEN_DAYS.plus({ minutes: 5 }),
      dryRun: false,
    });
    expect(again.sent).toEqual([]);
    expect(again.skipped).toEqual([]);
    expect(fake.sentMessages()).toHaveLength(3);
  });

  test('a dry run sends and records nothing and lists what would go out', async () => {
    const result = await reminderService().runReminderPass({ at: SEVEN_DAYS, dryRun: true });
    expect(result.wouldSend.map((i) => [i.stage, i.unitName, i.recipientName])).toEqual([
      ['truoc-7', 'Chi bộ Khu phố 1', 'Nguyễn Văn An'],
      ['truoc-7', 'Chi bộ Khu phố 1', 'Trần Thị Bình'],
      ['truoc-7', 'Hội Nông dân', 'Hoàng Văn Em'],
    ]);
    expect(fake.sentMessages()).toEqual([]);
    expect(await store.repos.reminders.listByRound(ROUND)).toEqual([]);
  });

  test('two passes at once send each reminder once', async () => {
    const [a, b] = await Promise.all([
      reminderService().runReminderPass({ at: SEVEN_DAYS, dryRun: false }),
      reminderService().runReminderPass({ at: SEVEN_DAYS, dryRun: false }),
    ]);
    expect(chats()).toEqual(['101', '102', '401']);
    expect(a.sent.length + b.sent.length).toBe(3);
  });
});

describe('crash and retry', () => {
  test('a pass killed halfway: rerun sends the rest once, never the claim it left pending', async () => {
    // The killed pass had sent to 101 and claimed 102 when it died.
    const claim = (recipient: string, status: 'sent' | 'pending') =>
      store.repos.reminders.claim({
        roundId: ROUND,
        stage: 'truoc-7',
        recipientId: `telegram:${recipient}`,
        unitCode: 'cb-kp1',
        kind: 'unit-reminder',
        status,
        at: SEVEN_DAYS.toJSDate(),
      });
    await claim('101', 'sent');
    await claim('102', 'pending');
    const rerun = await reminderService().runReminderPass({
      at: SEVEN_DAYS.plus({ minutes: 5 }),
      dryRun: false,
    });
    expect(rerun.sent.map((i) => i.recipientId)).toEqual(['telegram:401']);
    expect(chats()).toEqual(['401']);
    expect(rerun.stalePending).toEqual([]);

    // 20 minutes later the pending claim is closed as failed ("interrupted"), still not resent.
    const later = await reminderService().runReminderPass({
      at: SEVEN_DAYS.plus({ minutes: 20 }),
      dryRun: false,
    });
    expect(later.stalePending).toEqual([`${ROUND}:truoc-7:telegram:102`]);
    expect(await ledger('truoc-7', '102')).toMatchObject({ status: 'failed' });
    expect(chats()).toEqual(['401']);

    // The secretariat's next digest says which reminder may not have arrived.
    await reminderService().runReminderPass({ at: at('2026-12-07T08:00:00+07:00'), dryRun: false });
    const digest = fake
      .sentMessages('900')
      .map((m) => m.text)
      .join('\n');
    expect(digest).toContain('Tin nhắc có thể chưa tới (bot dừng đúng lúc đang gửi');
    expect(digest).toMatch(/- .+ \(.+\)/);
  });

  test('a reminder waiting for its rate-limit turn is not claimed yet: a pass killed then leaves it to the next', async () => {
    const api = new Api(TOKEN, { apiRoot: fake.apiRoot });
    const slow = createTelegramSender(api, new RateLimiter(2, 0)); // one message every 500 ms
    const pass = reminderService(slow).runReminderPass({ at: SEVEN_DAYS, dryRun: false });
    await new Promise((resolve) => setTimeout(resolve, 200));
    // Three reminders are due and all three are queued, but only the first one's turn has come.
    const claimed = (await store.repos.reminders.listByRound(ROUND)).filter((l) => l.stage === 'truoc-7');
    expect(claimed.map((l) => l.recipientId)).toEqual(['telegram:101']);
    expect((await pass).sent).toHaveLength(3);
  });

  test('a sender that dies mid-pass, before its turn: nothing was claimed, so the rerun sends it', async () => {
    const real = telegramSender();
    let calls = 0;
    const dying: ChannelSender = {
      platform: 'telegram',
      maxTextLength: real.maxTextLength,
      buttons: real.buttons,
      async send(chatId, message, options) {
        calls++;
        if (calls === 2) throw new TypeError('process killed'); // not a DeliveryError: a crash
        await real.send(chatId, message, options);
      },
    };
    const first = await reminderService(dying, { concurrency: 1, retry: { attempts: 1 } }).runReminderPass({
      at: SEVEN_DAYS,
      dryRun: false,
    });
    expect(first.sent).toHaveLength(2);
    expect(first.failed).toHaveLength(1);
    const second = await reminderService().runReminderPass({
      at: SEVEN_DAYS.plus({ minutes: 5 }),
      dryRun: false,
    });
    expect(second.sent.map((i) => i.recipientId)).toEqual([first.failed[0]!.recipientId]);
    expect(chats()).toEqual(['101', '102', '401']);
    const third = await reminderService().runReminderPass({
      at: SEVEN_DAYS.plus({ minutes: 10 }),
      dryRun: false,
    });
    expect(third.sent).toEqual([]);
  });

  test('429 retry_after is honoured by the API retry layer and the message arrives once', async () => {
    fake.failNext('sendMessage', { status: 429, retryAfter: 1 });
    const result = await reminderService().runReminderPass({ at: SEVEN_DAYS, dryRun: false });
    expect(result.sent).toHaveLength(3);
    expect(chats()).toEqual(['101', '102', '401']);
    expect(fake.callsTo('sendMessage').filter((c) => c.status === 429)).toHaveLength(1);
  });

  test('without the API retry layer the pass itself waits retry_after, then delivers once', async () => {
    fake.failNext('sendMessage', { status: 429, retryAfter: 2 });
    const result = await reminderService(telegramSender({ autoRetry: false })).runReminderPass({
      at: SEVEN_DAYS,
      dryRun: false,
    });
    expect(result.sent).toHaveLength(3);
    expect(sleeps).toEqual([2000]);
    expect(chats()).toEqual(['101', '102', '401']);
    expect(result.sent.map((i) => i.attempts).sort()).toEqual([1, 1, 2]);
  });

  test('temporary failures are retried by the API layer only, then given back to the next pass, which delivers', async () => {
    fake.failNext('sendMessage', { status: 502 }, 3);
    const service = reminderService(telegramSender(), { concurrency: 1 });
    const result = await service.runReminderPass({ at: SEVEN_DAYS, dryRun: false });
    expect(sleeps).toEqual([]); // the pass itself does not retry a 5xx: one layer
    expect(fake.callsTo('sendMessage').filter((c) => c.status === 502)).toHaveLength(3);
    expect(result.failed.map((i) => [i.recipientId, i.attempts])).toEqual([['telegram:101', 1]]);
    expect(result.failed[0]?.reason).toMatch(/will be tried again by the next pass/);
    expect(await ledger('truoc-7', '101')).toBeNull();
    const again = await service.runReminderPass({ at: SEVEN_DAYS.plus({ minutes: 5 }), dryRun: false });
    expect(again.sent.map((i) => i.recipientId)).toEqual(['telegram:101']);
    expect(chats()).toEqual(['101', '102', '401']);
  });
});

describe('403 and digests', () => {
  test('a contact who blocked the bot is marked unreachable and listed in the next digest', async () => {
    fake.setChatBlocked('401');
    const result = await reminderService().runReminderPass({ at: SEVEN_DAYS, dryRun: false });
    expect(result.failed.map((i) => [i.recipientId, i.attempts])).toEqual([['telegram:401', 1]]);
    expect(result.failed[0]?.reason).toMatch(/^unreachable: 403/);
    expect(await ledger('truoc-7', '401')).toMatchObject({ status: 'unreachable' });
    expect((await store.repos.contacts.get('telegram:401'))?.unreachableAt).toBeInstanceOf(Date);

    // Monday 7/12: 3 days before, and the progress digest to the secretariat.
    const monday = await reminderService().runReminderPass({
      at: at('2026-12-07T08:00:00+07:00'),
      dryRun: false,
    });
    expect(monday.sent.map((i) => [i.stage, i.recipientId])).toEqual([
      ['truoc-3', 'telegram:101'],
      ['truoc-3', 'telegram:102'],
      ['tong-hop-truoc-3', 'telegram:900'],
    ]);
    const [digest] = fake.sentMessages('900');
    expect(digest?.text).toContain('Tình hình nộp báo cáo: Báo cáo năm 2026');
    expect(digest?.text).toContain('Đã nộp: 1/4 đơn vị');
    expect(digest?.text).toContain('Chưa nộp: 3 (2 không liên lạc được)');
    expect(digest?.text).toContain('Miễn nộp: 1');
    expect(digest?.text).toContain(
      '1. Chi bộ Khu phố 1: chưa bắt đầu — liên hệ: Nguyễn Văn An, Trần Thị Bình',
    );
    // In the units file's order, as /tinhhinh lists them (Hội Nông dân comes before Hội Cựu chiến binh).
    expect(digest?.text).toMatch(
      /Không liên lạc được qua bot[^\n]*\n- Hội Nông dân \(đã trả lời 5\/\d+ câu; người liên hệ đã chặn bot: Hoàng Văn Em\)\n- Hội Cựu chiến binh \(chưa bắt đầu; chưa có người liên hệ\)/,
    );
    // The board is one press away.
    expect(JSON.stringify(digest?.reply_markup)).toContain('"callback_data":"st:annual-2026"');
    expect(JSON.stringify(digest?.reply_markup)).toContain('Xem tình hình nộp báo cáo');
    expect(fake.sentMessages('401')).toEqual([]);
  });

  test("a 403 met in the same pass already shows in that pass's late digest", async () => {
    fake.setChatBlocked('102');
    fake.setChatBlocked('101');
    // 10/12 08:00: the deadline has passed, first overdue stage and the late-units digest.
    const result = await reminderService().runReminderPass({
      at: at('2026-12-10T08:00:00+07:00'),
      dryRun: false,
    });
    expect(result.sent.map((i) => [i.stage, i.recipientId])).toEqual([
      ['han', 'telegram:401'],
      ['tong-hop-han', 'telegram:900'],
    ]);
    expect(fake.sentMessages('401')[0]?.text).toContain('Nhắc báo cáo quá hạn');
    const digest = fake.sentMessages('900')[0]?.text ?? '';
    expect(digest).toContain('Danh sách đơn vị chậm nộp');
    expect(digest).toContain('đã quá hạn');
    expect(digest).toContain(
      '- Chi bộ Khu phố 1 (chưa bắt đầu; người liên hệ đã chặn bot: Nguyễn Văn An, Trần Thị Bình)',
    );
  });

  test("a long digest is split to the sender's length", async () => {
    const real = telegramSender();
    const short: ChannelSender = { ...real, maxTextLength: 120, send: (c, m, o) => real.send(c, m, o) };
    await reminderService(short).runReminderPass({ at: at('2026-12-07T08:00:00+07:00'), dryRun: false });
    const parts = fake.sentMessages('900');
    expect(parts.length).toBeGreaterThan(2);
    for (const p of parts) expect(p.text.length).toBeLessThanOrEqual(120);
    expect(await store.repos.reminders.get(`${ROUND}:tong-hop-truoc-3:telegram:900`)).toMatchObject({
      status: 'sent',
      attempts: parts.length,
    });
  });
});

describe('manual remind and the CLI', () => {
  test('remindNow reminds every pending unit once under nhac-<time>; a second press in the minute sends nothing', async () => {
    const service = reminderService();
    const now = at('2026-12-05T10:15:30+07:00');
    const first = await service.remindNow(ROUND, now, 'telegram:900');
    expect(first.sent.map((i) => [i.stage, i.recipientId])).toEqual([
      ['nhac-202612051015', 'telegram:101'],
      ['nhac-202612051015', 'telegram:102'],
      ['nhac-202612051015', 'telegram:401'],
    ]);
    expect(fake.sentMessages('101')[0]?.text).toContain('Ban Xây dựng Đảng nhắc: Báo cáo năm 2026');
    const second = await service.remindNow(ROUND, now.plus({ seconds: 20 }), 'telegram:900');
    expect(second.sent).toEqual([]);
    expect(fake.sentMessages()).toHaveLength(3);
    const quiet = await service.remindNow(ROUND, at('2026-12-05T22:00:00+07:00'), 'telegram:900');
    expect(quiet).toMatchObject({ quietHours: true, sent: [] });
  });

  test('remind --at 2026-12-03T08:00:00+07:00 --dry-run lists the 7-day reminders and the unreachable unit', async () => {
    const lines: string[] = [];
    // The command calls the bot's reminder use case (a CLI without any platform enabled here).
    const reminders = createReminderService({
      repos: store.repos,
      schedule,
      rounds: roundService(),
      senders: new Map(),
      logger: silentLogger,
    });
    const cli = {
      schedule,
      useCases: { reminders },
      now: () => at('2026-11-26T10:00:00+07:00'),
      out: (line: string) => lines.push(line),
    } as unknown as CliApp;
    const code = await remindCommand(['--at', '2026-12-03T08:00:00+07:00', '--dry-run'], cli);
    expect(code).toBe(0);
    const text = lines.join('\n');
    expect(text).toContain('Lượt nhắc hạn lúc 08:00 thứ Năm, 3/12/2026 — chạy thử');
    expect(text).toContain('Sẽ gửi / would send (3):');
    expect(text).toMatch(/annual-2026 {2}truoc-7 +Chi bộ Khu phố 1 {2}→ {2}Nguyễn Văn An \(telegram:101\)/);
    expect(text).toMatch(/annual-2026 {2}truoc-7 +Hội Cựu chiến binh \(hoi-cc\) — chưa có người liên hệ/);
    expect(fake.sentMessages()).toEqual([]);
  });
});
