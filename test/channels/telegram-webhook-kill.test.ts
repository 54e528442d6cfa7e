import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Store } from '../../src/store/connect';
import { freePort, killBotProcess, seedKillTestWard, startBotProcess, until } from '../support/bot-process';
import { type FakeTelegramApi, startFakeTelegramApi } from '../support/fake-telegram-api';
import { openTestStore } from '../support/store';

/**
 * The bot as `npm start` runs it in webhook mode, killed with SIGKILL after it answered Telegram
 * 200 for an update and before that update's turn finished: Telegram never sends it again, so
 * the update must be handled at the next start, from the store's inbox, once, and answered.
 */
jest.setTimeout(240_000);

const TOKEN = '123456:TEST-token-abcdefghijklmnopqrstuvwxyz';
const SECRET = 'webhook-kill-secret-0123456789';
const USER = { id: 6201, first_name: 'Anh Tuấn' };
const CHAT = { id: USER.id, type: 'private' as const, first_name: USER.first_name };
const dataDir = mkdtempSync(path.join(tmpdir(), 'baocao-whkill-'));
const submissionId = 'whkill-round:hoi-lhpn';

let telegram: FakeTelegramApi;
let store: Store & { dropAndClose(): Promise<void> };
let bot: ChildProcess | undefined;
let port: number;
let messageId = 1;

const startBot = () =>
  startBotProcess({
    MONGODB_DB: store.connection.name,
    DATA_DIR: dataDir,
    TELEGRAM_BOT_TOKEN: TOKEN,
    TELEGRAM_API_ROOT: telegram.apiRoot,
    TELEGRAM_WEBHOOK_URL: `http://127.0.0.1:${port}/telegram/webhook`,
    TELEGRAM_WEBHOOK_SECRET: SECRET,
    HTTP_PORT: String(port),
  });

/** Delivers a text message through the webhook as Telegram does; resolves with the HTTP status. */
async function deliver(text: string): Promise<{ status: number; ms: number }> {
  const started = Date.now();
  const message = {
    message_id: messageId++,
    date: Math.floor(Date.now() / 1000),
    chat: CHAT,
    from: { ...USER, is_bot: false },
    text,
    ...(text.startsWith('/')
      ? { entities: [{ type: 'bot_command', offset: 0, length: text.split(' ')[0]!.length }] }
      : {}),
  };
  const response = await telegram.deliverWebhook({ message });
  return { status: response.status, ms: Date.now() - started };
}

async function say(text: string): Promise<string[]> {
  const before = telegram.sentMessages(USER.id).length;
  expect((await deliver(text)).status).toBe(200);
  await telegram.waitForMessages(USER.id, before + 1, 60_000);
  // The turn is over once its entry left the inbox: a reply still on its way would otherwise
  // take the fault the next step arms for its own reply.
  await until(async () => (await store.repos.webhookInbox.count({ status: 'pending' })) === 0);
  return telegram
    .sentMessages(USER.id)
    .slice(before)
    .map((sent) => String(sent.text));
}

const kill = () => killBotProcess(bot!);

beforeAll(async () => {
  telegram = await startFakeTelegramApi({ token: TOKEN });
  port = await freePort();
  store = await openTestStore();
  await seedKillTestWard(store, { id: 'whkill-round', title: 'Báo cáo thử nghiệm webhook' });
  bot = await startBot();
});

afterAll(async () => {
  bot?.kill('SIGKILL');
  await store.dropAndClose();
  await telegram.close();
  rmSync(dataDir, { recursive: true, force: true });
});

it('handles, once, an update answered 200 whose turn a kill -9 cut short', async () => {
  const code = await store.repos.invites.create({
    unitCode: 'hoi-lhpn',
    role: 'contact',
    expiresAt: new Date(Date.now() + 86_400_000),
    createdBy: 'test',
  });
  await say(`/start ${code}`);
  const opened = (await say('/baocao')).join('\n');
  // Other rounds may be open too: the chooser takes the round's number, typed.
  const choice = /(\d+)\. Báo cáo thử nghiệm webhook/.exec(opened);
  if (choice) await say(choice[1]!);
  const answersBefore = (await store.repos.answers.listBySubmission(submissionId)).length;

  // The reply hangs: the turn is slow (the answer stored, the reply not sent), yet Telegram has
  // its 200 at once.
  telegram.failNext('sendMessage', { status: 'hang', ms: 60_000 });
  const sentBefore = telegram.sentMessages(USER.id).length;
  const ack = await deliver('Hội có 1.250 hội viên.');
  expect(ack.status).toBe(200);
  expect(ack.ms).toBeLessThan(2_000);
  await until(async () => (await store.repos.answers.listBySubmission(submissionId)).length > answersBefore);
  await kill();
  expect(await store.repos.webhookInbox.count({ status: 'pending' })).toBe(1);

  bot = await startBot();
  await telegram.waitForMessages(USER.id, sentBefore + 1, 60_000);
  await until(async () => (await store.repos.webhookInbox.count({ status: 'pending' })) === 0);
  const answers = await store.repos.answers.listBySubmission(submissionId);
  expect(answers).toHaveLength(answersBefore + 1);
  expect(answers.find((answer) => String(answer.value).includes('1.250'))).toMatchObject({ revision: 1 });
  const audit = await store.repos.audit.list({ unitCode: 'hoi-lhpn' });
  expect(
    audit.filter((event) => event.action === 'answer.saved' && String(event.details.new).includes('1.250')),
  ).toHaveLength(1);
});

it('handles after a restart an update killed right after its 200, before or while it was handled', async () => {
  const sentBefore = telegram.sentMessages(USER.id).length;
  // Killed the moment the 200 came back: the turn had not begun or had barely begun.
  expect((await deliver('Chi hội có 12 chi hội cơ sở.')).status).toBe(200);
  await kill();
  bot = await startBot();
  await telegram.waitForMessages(USER.id, sentBefore + 1, 60_000);
  await until(async () => (await store.repos.webhookInbox.count({ status: 'pending' })) === 0);
  // The question takes a long text: the piece is added to the answer, once.
  const answers = await store.repos.answers.listBySubmission(submissionId);
  const text = answers.map((answer) => String(answer.value)).join('\n');
  expect(text.split('12 chi hội').length - 1).toBe(1);
});
