import { DateTime } from 'luxon';
import { parseEngineState } from '../../src/engine/state';
import { startTestApp, type TestApp, ZONE } from '../support/start-test-app';
import { currentQuestion, TelegramUser } from '../support/telegram-user';

jest.setTimeout(60_000);

/**
 * The whole app as `npm start` builds it, with both tokens set: Telegram and Zalo contacts of one
 * unit answer the same report, the secretariat sees it, and reminders reach both platforms
 * through one ledger.
 */
let t: TestApp;
const SECRETARIAT_ID = 4242;

beforeAll(async () => {
  t = await startTestApp({ zalo: true, env: { SECRETARIAT_TELEGRAM_IDS: String(SECRETARIAT_ID) } });
});
afterAll(async () => {
  await t.close();
});

async function zaloSay(userId: string, text: string, expected = 1): Promise<string[]> {
  const zalo = t.zalo!;
  const before = zalo.sentMessages(userId).length;
  zalo.sendText({ id: userId, display_name: 'Chị Mai' }, text);
  await zalo.waitForMessages(userId, before + expected, 10_000);
  await new Promise((resolve) => setTimeout(resolve, 30));
  return zalo
    .sentMessages(userId)
    .slice(before)
    .map((message) => message.text);
}

it('creates the current rounds at start: the 2026 annual round is open for every unit', async () => {
  const round = await t.app.store.repos.rounds.get('annual-2026');
  expect(round).toMatchObject({ title: 'Báo cáo năm 2026', dueLabel: 'hết ngày 9/12/2026' });
  expect(DateTime.fromJSDate(round!.dueAt, { zone: ZONE }).toISO()).toBe('2026-12-09T23:59:59.999+07:00');
  expect(await t.app.store.repos.submissions.listByRound('annual-2026')).toHaveLength(17);
});

it('serves one unit on Zalo and Telegram as one report', async () => {
  const repos = t.app.store.repos;
  const expiresAt = t.clock.now().plus({ days: 3 }).toJSDate();
  const zaloCode = await repos.invites.create({
    unitCode: 'cong-doan',
    role: 'contact',
    expiresAt,
    createdBy: 'test',
  });
  const telegramCode = await repos.invites.create({
    unitCode: 'cong-doan',
    role: 'contact',
    expiresAt,
    createdBy: 'test',
  });

  // Zalo has no deep links: the code is simply sent as a message.
  expect((await zaloSay('z-mai', zaloCode))[0]).toContain(
    'Đã liên kết tài khoản với đơn vị: Công đoàn phường',
  );
  const [header, question] = await zaloSay('z-mai', 'bao cao', 2);
  expect(header).toContain('Báo cáo năm 2026');
  // Which organisation comes filled in from the units file, unnumbered: the first question is Câu 1.
  expect(question).toMatch(/Câu 1\/\d+ — Mục I/);
  await zaloSay('z-mai', 'Công đoàn phường có 14 công đoàn cơ sở với 1.250 đoàn viên.');
  await zaloSay('z-mai', 'xong');

  const telegram = new TelegramUser(t.telegram, 7001, 'Anh Quân');
  await telegram.say(`/start ${telegramCode}`);
  await telegram.say('/baocao', 2);
  // Telegram takes over at the next unanswered question, whatever its type.
  const next = await currentQuestion(t.app, t.app.flows.require('bao-cao-dan-chu-co-so'), telegram.id);
  if (next?.type === 'text') {
    await telegram.say('Công đoàn phường ban hành kế hoạch thực hiện dân chủ năm 2026.');
    await telegram.say('xong');
  } else {
    await telegram.say(next?.type === 'number' ? '2' : next?.type === 'yesno' ? 'có' : '1');
  }

  const answers = await repos.answers.listBySubmission('annual-2026:cong-doan');
  expect(answers.map((answer) => [answer.by, answer.channel]).sort()).toEqual([
    ['system', 'system'],
    ['telegram:7001', 'telegram'],
    ['zalo:z-mai', 'zalo'],
  ]);
  // Two answered by people; the pre-filled one is not counted.
  expect((await repos.submissions.get('annual-2026:cong-doan'))?.answeredCount).toBe(2);

  // The secretariat member from configuration sees the progress.
  const secretariat = new TelegramUser(t.telegram, SECRETARIAT_ID, 'Ban XDĐ');
  const board = (await secretariat.say('/tinhhinh')).join('\n');
  expect(board).toMatch(/Công đoàn phường.*đang soạn 2\/\d+/);
  // … and from their first message on, their chat's menu lists the secretariat's commands.
  const scoped = t.telegram
    .callsTo('setMyCommands')
    .find((call) => (call.params.scope as { chat_id?: number } | undefined)?.chat_id === SECRETARIAT_ID);
  expect(scoped).toBeDefined();
  expect((scoped!.params.commands as { command: string }[]).map((c) => c.command)).toEqual(
    expect.arrayContaining(['baocao', 'tinhhinh', 'yeucau', 'xuat']),
  );
});

it('resumes at the first unanswered question: what a Zalo colleague answered is not asked again on Telegram', async () => {
  const repos = t.app.store.repos;
  const flow = t.app.flows.require('bao-cao-dan-chu-co-so');
  const expiresAt = t.clock.now().plus({ days: 3 }).toJSDate();
  const invite = () =>
    repos.invites.create({ unitCode: 'doan-tn', role: 'contact', expiresAt, createdBy: 'test' });
  const questionOf = async (sessionKey: string) => {
    const state = parseEngineState((await repos.sessions.get(sessionKey))?.engine);
    return state?.mode === 'answering' ? state.questionId : undefined;
  };

  // The Telegram contact opens the report and stops at its first unanswered question.
  const telegram = new TelegramUser(t.telegram, 7002, 'Anh Hùng');
  await telegram.say(`/start ${await invite()}`);
  await telegram.say('/baocao', 2);
  const stoppedAt = await questionOf('telegram:7002');
  expect(stoppedAt).toBeDefined();

  // A Zalo colleague answers that question and the next ones, whatever their types.
  await zaloSay('z-hoa', await invite());
  await zaloSay('z-hoa', 'bao cao', 2);
  const answeredOnZalo: string[] = [];
  for (let i = 0; i < 4; i++) {
    const id = await questionOf('zalo:z-hoa');
    const question = flow.sections.flatMap((section) => section.questions).find((q) => q.id === id)!;
    answeredOnZalo.push(question.id);
    if (question.type === 'text') {
      await zaloSay('z-hoa', 'Đoàn phường tổ chức hội nghị lấy ý kiến đoàn viên.');
      await zaloSay('z-hoa', 'xong');
    } else {
      await zaloSay('z-hoa', question.type === 'number' ? '12' : question.type === 'yesno' ? 'có' : '1');
    }
  }
  expect(answeredOnZalo[0]).toBe(stoppedAt);
  const zaloNext = await questionOf('zalo:z-hoa');

  // Back on Telegram, /baocao continues where the unit's report is, not where this chat stopped.
  const [header, asked] = await telegram.say('/baocao', 2);
  expect(header).toContain('Báo cáo năm 2026');
  expect(await questionOf('telegram:7002')).toBe(zaloNext);
  const applicable = flow.sections.flatMap((section) => section.questions).map((q) => q.id);
  expect(applicable.indexOf(zaloNext!)).toBeGreaterThan(applicable.indexOf(answeredOnZalo.at(-1)!));
  expect(asked).not.toContain('Đoàn phường tổ chức hội nghị');
});

it('sends reminders to contacts on both platforms, once', async () => {
  const at = DateTime.fromISO('2026-12-03T08:00:00', { zone: ZONE });
  const telegramBefore = t.telegram.sentMessages(7001).length;
  const zaloBefore = t.zalo!.sentMessages('z-mai').length;
  const result = await t.app.reminders.runReminderPass({ at, dryRun: false });
  expect(
    result.sent
      .filter((item) => item.stage === 'truoc-7')
      .map((item) => item.recipientId)
      .sort(),
  ).toEqual(expect.arrayContaining(['telegram:7001', 'zalo:z-mai']));
  await t.zalo!.waitForMessages('z-mai', zaloBefore + 1);
  await t.telegram.waitForMessages(7001, telegramBefore + 1);
  expect(t.zalo!.sentMessages('z-mai').at(-1)?.text).toContain('Báo cáo năm 2026');
  expect(t.zalo!.sentMessages('z-mai').at(-1)?.text).toContain('/baocao');

  const again = await t.app.reminders.runReminderPass({ at, dryRun: false });
  expect(again.sent).toHaveLength(0);
  expect(t.zalo!.sentMessages('z-mai')).toHaveLength(zaloBefore + 1);
});
