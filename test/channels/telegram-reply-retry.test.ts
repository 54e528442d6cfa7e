import { startTestApp, type TestApp } from '../support/start-test-app';
import { TelegramUser } from '../support/telegram-user';

/**
 * Found by the chaos suite (npm run chaos): a reply that failed even after the API client's
 * retries used to be logged and the update marked done and confirmed, so its user never got an
 * answer. Now the update is handled again after a pause, and the user gets the reply.
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ env: { BOT_API_TIMEOUT_SECONDS: '1' } });
});
afterAll(async () => {
  await t.close();
});

it('handles an update again when its reply could not be sent, and the user is answered', async () => {
  const user = new TelegramUser(t.telegram, 1801, 'Lan');
  // The first try and the client's two retries all fail.
  t.telegram.failNext('sendMessage', { status: 500, description: 'Internal Server Error' }, 3);
  const replies = await user.say('/start');
  expect(replies.join('\n')).toContain('cần mã mời');
  const calls = t.telegram.callsTo('sendMessage');
  expect(calls.map((call) => call.status)).toEqual([500, 500, 500, 200]);
  // About a second later: the update was handled again, not given up.
  expect(calls[3]!.at - calls[2]!.at).toBeGreaterThanOrEqual(900);
  // The next message is answered as usual.
  expect((await user.say('/trogiup')).join('\n')).toContain('chưa được liên kết');
});
