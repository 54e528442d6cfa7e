import type { CommandStartedEvent } from 'mongodb';
import { annualRound2026, startTestApp, type TestApp } from '../support/start-test-app';
import { currentQuestion, TelegramUser } from '../support/telegram-user';

/**
 * What one answer costs the store, counted with the driver's command monitoring while a contact
 * answers through the real Telegram path. Each store command is a round trip and, on the embedded
 * store, a SQLite statement: the count must not grow back.
 */
jest.setTimeout(120_000);

/** Store commands allowed for one typed answer (claim the update, read the chat and the report, write the answer, its audit and the chat). */
const MAX_COMMANDS_PER_ANSWER = 8;

let t: TestApp;
const commands: string[] = [];

beforeAll(async () => {
  t = await startTestApp({ monitorStoreCommands: true });
  await t.app.store.repos.rounds.ensure(annualRound2026());
  t.app.store.connection.getClient().on('commandStarted', (event: CommandStartedEvent) => {
    const target = event.command[event.commandName];
    // The reference cache's epoch read comes at most once a second, whatever the messages: on a
    // loaded machine it lands inside a counted answer now and then. It is not a cost per answer.
    if (event.commandName === 'find' && target === 'store_meta') return;
    commands.push(`${event.commandName} ${typeof target === 'string' ? target : ''}`.trim());
  });
});
afterAll(async () => {
  await t.close();
});

async function counted(work: () => Promise<unknown>): Promise<string[]> {
  commands.length = 0;
  await work();
  return [...commands];
}

it('costs a handful of store commands per typed answer, whatever the step', async () => {
  const code = await t.app.store.repos.invites.create({
    unitCode: 'ubnd',
    role: 'contact',
    expiresAt: t.clock.now().plus({ days: 14 }).toJSDate(),
    createdBy: 'test',
  });
  const user = new TelegramUser(t.telegram, 7301, 'Đếm');
  await user.say(`/start ${code}`);
  await user.say('/baocao', 2);
  const flow = t.app.flows.require('bao-cao-dan-chu-co-so');

  const perAnswer: { questionId: string; commands: string[] }[] = [];
  for (let step = 0; step < 60 && perAnswer.length < 12; step++) {
    const question = await currentQuestion(t.app, flow, user.id);
    if (!question) break;
    if (question.type === 'number') {
      perAnswer.push({ questionId: question.id, commands: await counted(() => user.say('3')) });
    } else if (question.type === 'yesno') {
      perAnswer.push({ questionId: question.id, commands: await counted(() => user.say('có')) });
    } else if (question.type === 'text') {
      await user.say('Đơn vị đã thực hiện nghiêm túc.');
      await user.press(`f:x:${question.id}`);
    } else if (question.type === 'choice') {
      await user.press(`f:a:${question.id}:1`);
    } else if (question.type === 'multi') {
      await user.say('1');
      if ((await currentQuestion(t.app, flow, user.id))?.id === question.id) await user.say('xong');
    } else if (question.type === 'date') {
      await user.say('15/11/2026');
    } else {
      await user.say('bỏ qua');
    }
  }

  expect(perAnswer.length).toBeGreaterThanOrEqual(5);
  const counts = perAnswer.map((answer) => answer.commands.length);
  if (process.env.SHOW_COMMANDS)
    console.log(perAnswer.map((a) => `${a.questionId}: ${a.commands.join(', ')}`).join('\n'));
  for (const answer of perAnswer) {
    expect({ questionId: answer.questionId, count: answer.commands.length }).toEqual({
      questionId: answer.questionId,
      count: expect.any(Number),
    });
  }
  expect(Math.max(...counts)).toBeLessThanOrEqual(MAX_COMMANDS_PER_ANSWER);
});
