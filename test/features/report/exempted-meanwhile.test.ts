import { setExemption } from '../../../src/features/rounds/exemptions';
import { annualRound2026, startTestApp, type TestApp } from '../../support/start-test-app';
import { TelegramUser } from '../../support/telegram-user';

/**
 * A unit exempted from a round (by the CLI or the dashboard) while its contact is answering: the
 * next answer is refused with the reason, never taken for "no report open".
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  await t.app.store.repos.rounds.ensure(annualRound2026());
});
afterAll(async () => {
  await t.close();
});

it('tells a contact whose unit was exempted meanwhile that the answer was not saved, and takes it once the exemption is lifted', async () => {
  const { repos } = t.app.store;
  await repos.contacts.link({
    platform: 'telegram',
    userId: '7501',
    chatId: '7501',
    displayName: 'Chị Hoa',
    unitCode: 'ubnd',
    role: 'contact',
  });
  const user = new TelegramUser(t.telegram, 7501, 'Hoa');
  const opened = (await user.say('/baocao')).join('\n');
  const choice = /(\d+)\. [^\n]*2026/.exec(opened);
  if (choice && /Chọn một đợt|chọn đợt/i.test(opened)) await user.say(choice[1]!);
  const answersBefore = (await repos.answers.listBySubmission('annual-2026:ubnd')).length;

  await setExemption(repos, {
    roundId: 'annual-2026',
    unitCode: 'ubnd',
    exempt: true,
    actor: 'cli',
    channel: 'cli',
    at: new Date(),
  });
  // Another process's change is seen within the reference data's staleness (1 s).
  await new Promise((resolve) => setTimeout(resolve, 1_100));
  const replies = (await user.say('Phường có 12 khu phố.')).join('\n');

  expect(replies).toContain('không còn nhận câu trả lời');
  expect(replies).toContain('miễn báo cáo');
  expect(replies).not.toContain('chưa mở báo cáo nào');
  expect(await repos.answers.listBySubmission('annual-2026:ubnd')).toHaveLength(answersBefore);

  // The exemption lifted: the chat kept its place, and the same answer typed again is taken.
  await setExemption(repos, {
    roundId: 'annual-2026',
    unitCode: 'ubnd',
    exempt: false,
    actor: 'cli',
    channel: 'cli',
    at: new Date(),
  });
  await new Promise((resolve) => setTimeout(resolve, 1_100));
  const again = (await user.say('Phường có 12 khu phố.')).join('\n');
  expect(again).not.toContain('không còn nhận câu trả lời');
  expect((await repos.answers.listBySubmission('annual-2026:ubnd')).length).toBeGreaterThan(answersBefore);
});
