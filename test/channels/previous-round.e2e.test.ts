import { DateTime } from 'luxon';
import { seedSubmitted } from '../features/secretariat/secretariat-support';
import { annualRound2026, startTestApp, type TestApp, ZONE } from '../support/start-test-app';
import { TelegramUser } from '../support/telegram-user';

jest.setTimeout(60_000);

/**
 * Less typing for the next round, through grammY and the fake Bot API: a unit that submitted the
 * previous round is offered each previous answer with its question, keeps it only by choosing
 * it ("Giữ", or the button), and the secretariat sees which answers were kept unchanged.
 */
let t: TestApp;
const SECRETARIAT_ID = 4343;
const PREVIOUS = 'semiannual-2026';

beforeAll(async () => {
  t = await startTestApp({ env: { SECRETARIAT_TELEGRAM_IDS: String(SECRETARIAT_ID) } });
  await t.app.store.models.Round.create(
    annualRound2026({
      _id: PREVIOUS,
      kind: 'semiannual',
      title: 'Báo cáo 6 tháng 2026',
      opensAt: DateTime.fromISO('2026-05-15T00:00:00', { zone: ZONE }).toJSDate(),
      dueAt: DateTime.fromISO('2026-06-09T23:59:59.999', { zone: ZONE }).toJSDate(),
    }),
  );
  const at = DateTime.fromISO('2026-06-05T09:00:00', { zone: ZONE }).toJSDate();
  const answers = {
    cq_don_vi: 'ubnd',
    i_dac_diem: 'Phường có 12 khu phố, 45 tổ dân phố.',
    ii1_lanh_dao: 'Đảng ủy ban hành nghị quyết về dân chủ ở cơ sở.',
    ii1_so_van_ban: 5,
  };
  await seedSubmitted(t.app.store.repos, PREVIOUS, 'ubnd', answers, at);
  await seedSubmitted(t.app.store.repos, PREVIOUS, 'thuong-truc-hdnd', { ...answers, cq_don_vi: 'hdnd' }, at);
});
afterAll(async () => {
  await t.close();
});

async function invite(unitCode: string): Promise<string> {
  return t.app.store.repos.invites.create({
    unitCode,
    role: 'contact',
    expiresAt: t.clock.now().plus({ days: 1 }).toJSDate(),
    createdBy: 'test',
  });
}

it('offers each previous answer, keeps it only when chosen, and never carries a figure unconfirmed', async () => {
  const user = new TelegramUser(t.telegram, 3001, 'Phương');
  await user.say(`/start ${await invite('ubnd')}`);
  const [, first] = await user.say('/baocao', 2);
  expect(first).toContain('Kỳ trước đơn vị đã trả lời: Phường có 12 khu phố, 45 tổ dân phố.');
  expect(first).toContain('Gõ «Giữ» (hoặc bấm «Giữ như kỳ trước») nếu kỳ này vẫn như vậy');
  expect(user.lastButtons()).toContainEqual(['Giữ như kỳ trước', 'f:p:i_dac_diem']);
  // Offered, not copied: nothing is stored until the person chooses.
  expect(await t.app.store.repos.answers.get('annual-2026:ubnd', 'i_dac_diem')).toBeNull();

  const [kept] = await user.press('f:p:i_dac_diem');
  expect(kept).toContain('Đã giữ như kỳ trước.');
  expect(kept).toContain('Kỳ trước đơn vị đã trả lời: Đảng ủy ban hành nghị quyết');
  expect((await user.say('giữ'))[0]).toContain('Đã giữ như kỳ trước.');
  expect(user.lastReply()).toContain('Số liệu kỳ này thường khác kỳ trước');
  await user.say('7');
  const stored = await t.app.store.repos.answers.listBySubmission('annual-2026:ubnd');
  expect(Object.fromEntries(stored.map((a) => [a.questionId, a.value]))).toMatchObject({
    i_dac_diem: 'Phường có 12 khu phố, 45 tổ dân phố.',
    ii1_lanh_dao: 'Đảng ủy ban hành nghị quyết về dân chủ ở cơ sở.',
    ii1_so_van_ban: 7,
  });
});

it('shows the secretariat which answers were kept unchanged', async () => {
  await seedSubmitted(
    t.app.store.repos,
    'annual-2026',
    'thuong-truc-hdnd',
    {
      cq_don_vi: 'hdnd',
      i_dac_diem: 'Phường có 12 khu phố, 45 tổ dân phố.',
      ii1_lanh_dao: 'Thường trực HĐND chỉ đạo giám sát.',
      ii1_so_van_ban: 5,
    },
    t.clock.now().toJSDate(),
  );
  const secretariat = new TelegramUser(t.telegram, SECRETARIAT_ID, 'Ban XDĐ');
  const report = (await secretariat.say('/xembc thuong-truc-hdnd')).join('\n');
  // The pre-filled "which body" is not counted: only the unit's own answers.
  expect(report).toContain('2 câu trả lời giữ nguyên như báo cáo kỳ trước');
  expect(report).toContain('Đơn vị báo cáo: Thường trực Hội đồng nhân dân phường\n');
  expect(report).toMatch(
    /Khái quát đặc điểm, tình hình: Phường có 12 khu phố, 45 tổ dân phố\. \(giữ như kỳ trước\)/,
  );
  expect(report).toMatch(/Lãnh đạo, chỉ đạo của cấp ủy: Thường trực HĐND chỉ đạo giám sát\.\n/);
  expect(report).toContain('Văn bản lãnh đạo, chỉ đạo: 5 văn bản (giữ như kỳ trước)');
});
