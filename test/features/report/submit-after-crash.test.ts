import { annualRound2026, startTestApp, type TestApp } from '../../support/start-test-app';

/**
 * Found by the chaos suite (npm run chaos): a bot killed between freezing a submitted version
 * (a unique insert) and writing the submission's status left the report unsubmitted for good,
 * and the confirmation handled again after the restart told the contact "đã được nộp lúc  (số
 * tiếp nhận )" with both blank. The submission is now completed from the frozen version.
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  await t.app.store.repos.rounds.ensure(annualRound2026());
});
afterAll(async () => {
  await t.close();
});

it('completes a submission whose version was frozen just before a crash', async () => {
  const { repos } = t.app.store;
  const contact = await repos.contacts.link({
    platform: 'telegram',
    userId: '7501',
    chatId: '7501',
    displayName: 'Chị Hoa',
    unitCode: 'ubnd',
    role: 'contact',
  });
  const flow = t.app.flows.require('bao-cao-dan-chu-co-so');
  const id = 'annual-2026:ubnd';
  const questions = flow.sections.flatMap((section) => section.questions);
  for (const question of questions) {
    await repos.answers.save({
      submissionId: id,
      questionId: question.id,
      value: question.type === 'number' ? 1 : 'Có',
      by: contact._id,
      channel: 'telegram',
      at: new Date(),
    });
  }
  // The first handling of the confirmation froze version 1, then the process was killed.
  const submittedAt = new Date('2026-12-01T02:00:00Z');
  await repos.answers.freezeVersion({
    submissionId: id,
    roundId: 'annual-2026',
    unitCode: 'ubnd',
    version: 1,
    flowId: flow.id,
    flowVersion: flow.version,
    answers: [],
    receiptNo: 'ANNUAL-2026-UBND-1',
    submittedBy: contact._id,
    channel: 'telegram',
    submittedAt,
  });

  // Handled again after the restart (a new process: the answers are read from the store).
  const cursor = (await t.app.reports.cursor('annual-2026', 'ubnd'))!;
  const outcome = await t.app.reports.submit(cursor, contact);
  expect(outcome.type).toBe('already');
  const submission = await repos.submissions.get(id);
  expect(submission).toMatchObject({ status: 'submitted', version: 1, receiptNo: 'ANNUAL-2026-UBND-1' });
  expect(submission?.submittedAt).toEqual(submittedAt);

  // Once more (a second copy of the update, or a colleague's confirmation): nothing changes.
  expect((await t.app.reports.submit(cursor, contact)).type).toBe('already');
  const events = await repos.audit.list({ unitCode: 'ubnd' });
  expect(events.filter((event) => event.action === 'submission.submitted')).toHaveLength(1);
});
