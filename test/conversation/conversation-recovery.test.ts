import type { Inbound } from '../../src/conversation/messages';
import { annualRound2026, startTestApp, type TestApp } from '../support/start-test-app';

/**
 * What a redelivered update does after a crash (a webhook is redelivered until it is answered):
 * it is never applied twice, and the user always gets a reply.
 */
let t: TestApp;
let sequence = 0;
const USER = '8101';

function message(text: string, updateId = `r-${++sequence}`): Inbound {
  return {
    platform: 'telegram',
    updateId,
    userId: USER,
    chatId: USER,
    displayName: 'Chị Hạnh',
    content: text.startsWith('/')
      ? { type: 'command', command: text.slice(1).split(' ')[0]!, args: text.split(' ').slice(1).join(' ') }
      : { type: 'text', text },
  };
}

const handle = (inbound: Inbound) => t.app.conversation.handle(inbound, 4096);

beforeAll(async () => {
  t = await startTestApp();
  await t.app.store.repos.rounds.ensure(annualRound2026());
  const code = await t.app.store.repos.invites.create({
    unitCode: 'hoi-lhpn',
    role: 'contact',
    expiresAt: t.clock.now().plus({ days: 1 }).toJSDate(),
    createdBy: 'test',
  });
  await handle(message(`/start ${code}`));
  await handle(message('/baocao'));
});
afterAll(async () => {
  await t.close();
});

it('ignores a redelivery of an update that was fully handled', async () => {
  const update = message('/trogiup');
  expect((await handle(update))[0]?.text).toContain('HƯỚNG DẪN');
  expect(await handle(update)).toEqual([]);
});

it('handles again an update whose handling never started before the crash', async () => {
  // Question 1 (which organisation) is filled in from the units file: question 2 is a long text.
  const update = message('Hội có 1.250 hội viên.');
  // The process claimed the update, then died before doing anything.
  await t.app.store.repos.processedUpdates.claim('telegram', update.updateId, new Date());
  const replies = await handle(update);
  expect(replies.map((reply) => reply.text).join('\n')).toContain('Đã lưu phần 1');
  expect((await t.app.store.repos.submissions.get('annual-2026:hoi-lhpn'))?.answeredCount).toBe(1); // the pre-filled answer is not counted
});

it('does not apply an update twice when the crash came after it was applied, and still replies', async () => {
  const update = message('Sinh hoạt ở 12 chi hội.');
  await handle(update);
  const answered = (await t.app.store.repos.submissions.get('annual-2026:hoi-lhpn'))!.answeredCount;
  const revisions = (await t.app.store.repos.answers.listRevisions('annual-2026:hoi-lhpn')).length;
  // The process died after saving the answer and the session, before marking the update done.
  await t.app.store.models.ProcessedUpdate.deleteOne({ _id: `telegram:${update.updateId}:done` });
  const replies = await handle(update);
  const text = replies.map((reply) => reply.text).join('\n');
  expect(text).toContain('Báo cáo năm 2026'); // shown where they are…
  expect(text).not.toMatch(/Đã lưu phần|không hợp lệ/i); // …without taking the text as a new piece
  expect((await t.app.store.repos.submissions.get('annual-2026:hoi-lhpn'))!.answeredCount).toBe(answered);
  expect(await t.app.store.repos.answers.listRevisions('annual-2026:hoi-lhpn')).toHaveLength(revisions);
  const stored = await t.app.store.repos.answers.listBySubmission('annual-2026:hoi-lhpn');
  const text2 = String(stored.find((answer) => String(answer.value).includes('12 chi hội'))?.value);
  expect(text2).toBe('Hội có 1.250 hội viên.\nSinh hoạt ở 12 chi hội.');
});

it('keeps the chat as the first handling left it when it only replays an update to answer', async () => {
  const update = message('/tamdung');
  await handle(update);
  const before = await t.app.store.repos.sessions.get(`telegram:${USER}`);
  expect(before?.pending).toEqual({ type: 'paused' });
  // The process died after saving the chat, before the reply was confirmed: the update comes again.
  await t.app.store.models.ProcessedUpdate.deleteOne({ _id: `telegram:${update.updateId}:done` });
  const replies = await handle(update);
  expect(replies.length).toBeGreaterThan(0); // answered…
  expect((await t.app.store.repos.sessions.get(`telegram:${USER}`))?.pending).toEqual({ type: 'paused' }); // …and nothing undone
});
