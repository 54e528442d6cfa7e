import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Store } from '../../src/store/connect';
import { killBotProcess, seedKillTestWard, startBotProcess, until } from '../support/bot-process';
import { type FakeTelegramApi, startFakeTelegramApi } from '../support/fake-telegram-api';
import { openTestStore } from '../support/store';

/**
 * The bot as `npm start` runs it, killed with SIGKILL while it handles a long-polled update (the
 * answer stored, the reply not yet sent): the update must come again at the next start, be
 * applied once, and be answered.
 */
jest.setTimeout(240_000);

const TOKEN = '123456:TEST-token-abcdefghijklmnopqrstuvwxyz';
const USER = { id: 6101, first_name: 'Chị Mai' };
const dataDir = mkdtempSync(path.join(tmpdir(), 'baocao-kill-'));

let telegram: FakeTelegramApi;
let store: Store & { dropAndClose(): Promise<void> };
let bot: ChildProcess | undefined;

const startBot = () =>
  startBotProcess({
    MONGODB_DB: store.connection.name,
    DATA_DIR: dataDir,
    TELEGRAM_BOT_TOKEN: TOKEN,
    TELEGRAM_API_ROOT: telegram.apiRoot,
  });

async function say(text: string, expected = 1): Promise<string[]> {
  const before = telegram.sentMessages(USER.id).length;
  telegram.sendText(USER, text);
  await telegram.waitForMessages(USER.id, before + expected, 60_000);
  return telegram
    .sentMessages(USER.id)
    .slice(before)
    .map((message) => String(message.text));
}

beforeAll(async () => {
  telegram = await startFakeTelegramApi({ token: TOKEN });
  store = await openTestStore();
  await seedKillTestWard(store, { id: 'kill-test-round', title: 'Báo cáo thử nghiệm' });
  bot = await startBot();
});

afterAll(async () => {
  bot?.kill('SIGKILL');
  await store.dropAndClose();
  await telegram.close();
  rmSync(dataDir, { recursive: true, force: true });
});

it('handles again, once, and answers an update that was in flight when the bot was killed', async () => {
  const code = await store.repos.invites.create({
    unitCode: 'hoi-lhpn',
    role: 'contact',
    expiresAt: new Date(Date.now() + 86_400_000),
    createdBy: 'test',
  });
  await say(`/start ${code}`);
  const chooser = await say('/baocao');
  if (chooser.join('\n').includes('Chọn')) {
    const before = telegram.sentMessages(USER.id).length;
    telegram.pressButton(USER, 'r:kill-test-round');
    await telegram.waitForMessages(USER.id, before + 1, 60_000);
  }
  const submissionId = 'kill-test-round:hoi-lhpn';
  const answersBefore = (await store.repos.answers.listBySubmission(submissionId)).length;

  // The reply to the next message hangs: the bot stores the answer, then waits on Telegram.
  telegram.failNext('sendMessage', { status: 'hang', ms: 60_000 });
  const sentBefore = telegram.sentMessages(USER.id).length;
  telegram.sendText(USER, 'Hội có 1.250 hội viên.');
  await until(async () => (await store.repos.answers.listBySubmission(submissionId)).length > answersBefore);
  await killBotProcess(bot!);

  bot = await startBot();
  await telegram.waitForMessages(USER.id, sentBefore + 1, 60_000);
  const replies = telegram
    .sentMessages(USER.id)
    .slice(sentBefore)
    .map((message) => String(message.text));
  // Killed after the chat was saved: shown where they are; killed before: the step is run again,
  // finding its answer already stored. Either way the user gets a reply.
  expect(replies.join('\n')).toMatch(/Báo cáo thử nghiệm|Đã lưu phần|Câu \d+/);

  const answers = await store.repos.answers.listBySubmission(submissionId);
  expect(answers).toHaveLength(answersBefore + 1);
  const saved = answers.find((answer) => String(answer.value).includes('1.250'));
  expect(saved).toMatchObject({ value: 'Hội có 1.250 hội viên.', revision: 1 });
  const audit = await store.repos.audit.list({ unitCode: 'hoi-lhpn' });
  expect(
    audit.filter((event) => event.action === 'answer.saved' && String(event.details.new).includes('1.250')),
  ).toHaveLength(1);
});
