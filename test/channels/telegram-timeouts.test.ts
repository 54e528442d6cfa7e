import { startTestApp, type TestApp } from '../support/start-test-app';
import { TelegramUser } from '../support/telegram-user';

/** A Bot API call that hangs costs one reply at most BOT_API_TIMEOUT_SECONDS, and the chat goes on. */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ env: { BOT_API_TIMEOUT_SECONDS: '1' } });
});
afterAll(async () => {
  await t.close();
});

it('gives up on a hung reply after the timeout and answers the next message at once', async () => {
  const user = new TelegramUser(t.telegram, 1701, 'Hùng');
  t.telegram.failNext('sendMessage', { status: 'hang', ms: 30_000 });
  const started = Date.now();
  t.telegram.sendText({ id: user.id, first_name: 'Hùng' }, '/trogiup');
  // Without a timeout the chat would wait for the hung call (grammY's default: 500 s).
  const replies = await user.say('/start', 2);
  // The hung reply is tried again once the call timed out; the next message is answered after it.
  expect(replies).toEqual([
    expect.stringContaining('chưa được liên kết với đơn vị nào'),
    expect.stringContaining('cần mã mời'),
  ]);
  expect(Date.now() - started).toBeLessThan(3_000); // 1 s timeout + 0.5 s backoff, with margin
  expect(Date.now() - started).toBeGreaterThanOrEqual(900);
});
