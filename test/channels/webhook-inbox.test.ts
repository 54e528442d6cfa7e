import { DateTime } from 'luxon';
import type { CommandStartedEvent } from 'mongodb';
import { postWebhook } from '../support/fake-telegram-api';
import { startTestApp, type TestApp } from '../support/start-test-app';

/**
 * Webhook mode through the real HTTP endpoint, the real store and the fake Bot API: an update is
 * stored in the inbox, answered 200 at once, and handled in the background, once.
 */
jest.setTimeout(60_000);

const SECRET = 'webhook-secret-1234567890';
let t: TestApp;
let url: string;

function textUpdate(updateId: number, chatId: number, text: string) {
  return {
    update_id: updateId,
    message: {
      message_id: updateId,
      date: Math.floor(DateTime.now().toSeconds()),
      chat: { id: chatId, type: 'private', first_name: 'Lan' },
      from: { id: chatId, is_bot: false, first_name: 'Lan' },
      text,
      ...(text.startsWith('/')
        ? { entities: [{ type: 'bot_command', offset: 0, length: text.length }] }
        : {}),
    },
  };
}

beforeAll(async () => {
  t = await startTestApp({
    monitorStoreCommands: true,
    env: { TELEGRAM_WEBHOOK_URL: 'https://bot.example.vn/telegram/webhook', TELEGRAM_WEBHOOK_SECRET: SECRET },
  });
  url = `http://127.0.0.1:${t.app.httpAddress!.port}/telegram/webhook`;
});

afterAll(async () => {
  await t.close();
});

it('answers 200 at once while the turn is slow, then handles the update in the background', async () => {
  // The reply hangs for 4 s (under the request timeout): the turn takes that long.
  t.telegram.failNext('sendMessage', { status: 'hang', ms: 4_000 });
  const started = Date.now();
  const response = await postWebhook(url, textUpdate(5001, 4001, '/start'), SECRET);
  const ackMs = Date.now() - started;
  expect(response.status).toBe(200);
  expect(ackMs).toBeLessThan(1_500);
  // Stored before the answer.
  expect(await t.app.store.models.InboxEntry.exists({ _id: 'telegram:5001' })).toBeTruthy();
  const [reply] = await t.telegram.waitForMessages(4001, 1, 20_000);
  expect(reply?.text).toContain('cần mã mời');
  expect(Date.now() - started).toBeGreaterThanOrEqual(3_500);
  await until(async () => (await t.app.store.repos.webhookInbox.count({ status: 'pending' })) === 0);
  // Handled: gone from the inbox, recorded in the processed-update ledger.
  expect(await t.app.store.models.InboxEntry.findById('telegram:5001').lean()).toBeNull();
  expect(await t.app.store.models.ProcessedUpdate.exists({ _id: 'telegram:5001:done' })).toBeTruthy();
});

it('handles a redelivered update once, however often and however concurrently it comes', async () => {
  const update = textUpdate(5002, 4002, '/start');
  const responses = await Promise.all([1, 2, 3].map(() => postWebhook(url, update, SECRET)));
  expect(responses.map((r) => r.status)).toEqual([200, 200, 200]);
  await t.telegram.waitForMessages(4002, 1, 20_000);
  // A late redelivery, after it was handled.
  expect((await postWebhook(url, update, SECRET)).status).toBe(200);
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  expect(t.telegram.sentMessages(4002)).toHaveLength(1);
  expect(await t.app.store.models.InboxEntry.countDocuments({ _id: 'telegram:5002' })).toBe(0);
});

it("keeps a chat's updates in order although each is answered before it is handled", async () => {
  // Three commands at once in one chat: replies come in the order the updates were sent.
  t.telegram.failNext('sendMessage', { status: 'hang', ms: 1_500 });
  for (const [i, text] of ['/start', '/trogiup', '/start'].entries()) {
    expect((await postWebhook(url, textUpdate(5010 + i, 4003, text), SECRET)).status).toBe(200);
  }
  const replies = await t.telegram.waitForMessages(4003, 3, 20_000);
  expect(replies[0]?.text).toContain('cần mã mời');
  expect(replies[2]?.text).toContain('cần mã mời');
  expect(replies[1]?.text).not.toContain('cần mã mời');
});

it('handles at the next start what a stopped process left in the inbox', async () => {
  // Stored and answered, then the process stops before handling it (as if killed).
  const inbox = t.app.store.repos.webhookInbox;
  await inbox.add({
    _id: 'telegram:5020',
    platform: 'telegram',
    chatKey: 'telegram:4004',
    seq: 5020,
    payload: JSON.stringify(textUpdate(5020, 4004, '/start')),
    receivedAt: new Date(),
  });
  // And a lease its dead handler held.
  await inbox.takeLease('telegram:4004', 'telegram', 'dead-process', new Date());
  await t.restart();
  url = `http://127.0.0.1:${t.app.httpAddress!.port}/telegram/webhook`;
  await t.telegram.waitForMessages(4004, 1, 20_000);
  await until(async () => (await t.app.store.repos.webhookInbox.count({ status: 'pending' })) === 0);
  expect(await t.app.store.models.InboxEntry.findById('telegram:5020').lean()).toBeNull();
  expect(t.telegram.sentMessages(4004)).toHaveLength(1);
});

it('costs six store commands per update for the inbox, two of them queries of a chat (no more)', async () => {
  const commands: string[] = [];
  const client = t.app.store.connection.getClient();
  const listen = (event: CommandStartedEvent) => {
    const target = event.command[event.commandName];
    // The test's own counts (aggregate) are left out.
    if (typeof target === 'string' && target.startsWith('webhook_inbox') && event.commandName !== 'aggregate')
      commands.push(`${event.commandName} ${target}`);
  };
  client.on('commandStarted', listen);
  try {
    const acks: number[] = [];
    for (let i = 0; i < 10; i++) {
      const started = performance.now();
      expect((await postWebhook(url, textUpdate(5100 + i, 4100 + i, '/trogiup'), SECRET)).status).toBe(200);
      acks.push(performance.now() - started);
      await t.telegram.waitForMessages(4100 + i, 1, 20_000);
      await until(async () => (await t.app.store.repos.webhookInbox.count({ status: 'pending' })) === 0);
    }
    if (process.env.INBOX_LOG) console.log(`ack ms: ${acks.map((ms) => ms.toFixed(1)).join(' ')}`);
    // Stored; the chat's lease taken; its pending entries read; deleted once handled; lease released; one
    // more look for what came meanwhile.
    const perUpdate = [
      'insert webhook_inbox',
      'insert webhook_inbox_leases',
      'find webhook_inbox',
      'delete webhook_inbox',
      'delete webhook_inbox_leases',
      'find webhook_inbox',
    ];
    expect(commands).toEqual(Array.from({ length: 10 }, () => perUpdate).flat());
  } finally {
    client.off('commandStarted', listen);
  }
});

it('refuses a body that is not an update, and stores nothing', async () => {
  const before = await t.app.store.repos.webhookInbox.count();
  expect((await postWebhook(url, { nope: 1 }, SECRET)).status).toBe(400);
  expect(await t.app.store.repos.webhookInbox.count()).toBe(before);
});

async function until(condition: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
