import { execFileSync } from 'node:child_process';
import { annualRound2026, startTestApp, type TestApp } from '../support/start-test-app';
import { currentQuestion, TelegramUser } from '../support/telegram-user';

jest.setTimeout(60_000);

/**
 * The bot on its own embedded store (no MONGODB_URI), whose server process dies while a user is
 * answering: the supervisor restarts it, the driver reconnects, the answer is stored and the user
 * gets the next question. Runs on the embedded store even when the suite uses a MongoDB server.
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ env: { MONGODB_URI: '' } });
  await t.app.store.repos.rounds.ensure(annualRound2026());
});
afterAll(async () => {
  await t.close();
});

it('survives the store process dying mid-conversation without losing the answer or the reply', async () => {
  expect(t.app.store.kind).toBe('embedded');
  const code = await t.app.store.repos.invites.create({
    unitCode: 'doan-tn',
    role: 'contact',
    expiresAt: t.clock.now().plus({ days: 1 }).toJSDate(),
    createdBy: 'test',
  });
  const user = new TelegramUser(t.telegram, 8201, 'Khoa');
  await user.say(`/start ${code}`);
  await user.say('/baocao', 2);
  const flow = t.app.flows.require('bao-cao-dan-chu-co-so');
  const first = await currentQuestion(t.app, flow, user.id);
  expect(first?.type).toBe('text');

  const pids = execFileSync('pgrep', ['-f', `embedded-store.*${t.dataDir}`], { encoding: 'utf8' })
    .trim()
    .split('\n');
  for (const pid of pids) process.kill(Number(pid), 'SIGKILL');

  const [reply] = await user.say('Đoàn phường có 312 đoàn viên.');
  expect(reply).toContain('Đã lưu phần 1');
  expect((await t.app.store.repos.answers.get('annual-2026:doan-tn', first!.id))?.value).toBe(
    'Đoàn phường có 312 đoàn viên.',
  );
});
