import { annualRound2026, startTestApp, type TestApp } from '../../support/start-test-app';

/**
 * Two contacts of one unit, possibly served by two processes: an answer that reaches the store
 * after a colleague's submission froze the report is never acknowledged as if it were in it.
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  await t.app.store.repos.rounds.ensure(annualRound2026());
});
afterAll(async () => {
  await t.close();
});

it('tells the contact their answer missed the version a colleague submitted meanwhile', async () => {
  const { repos } = t.app.store;
  const contact = await repos.contacts.link({
    platform: 'telegram',
    userId: '7401',
    chatId: '7401',
    displayName: 'Anh Bình',
    unitCode: 'ubnd',
    role: 'contact',
  });
  const cursor = (await t.app.reports.cursor('annual-2026', 'ubnd'))!;
  const state = t.app.reports.resumeState(cursor, null);

  // Meanwhile a colleague (here: another process, straight through the store) submits version 1.
  const id = cursor.submission._id;
  await repos.answers.freezeVersion({
    submissionId: id,
    roundId: 'annual-2026',
    unitCode: 'ubnd',
    version: 1,
    flowId: cursor.flow.id,
    flowVersion: cursor.flow.version,
    answers: [],
    receiptNo: 'BC-UBND-1',
    submittedBy: 'telegram:7402',
    channel: 'telegram',
    submittedAt: new Date(),
  });
  await repos.submissions.update(id, () => ({ status: 'submitted', version: 1, receiptNo: 'BC-UBND-1' }));

  const result = await t.app.reports.step(
    cursor,
    state,
    { type: 'text', text: 'Phường có 12 khu phố.' },
    contact,
  );
  expect(result.replies.map((reply) => reply.text).join('\n')).toContain(
    'câu trả lời này KHÔNG có trong bản đã nộp',
  );
  expect((await repos.submissions.get(id))?.status).toBe('submitted'); // the answer did not reopen it
  expect((await repos.answers.listBySubmission(id)).map((answer) => answer.value)).toContain(
    'Phường có 12 khu phố.',
  ); // kept for a later version, not lost
});
