import type { CommandStartedEvent } from 'mongodb';
import { annualRound2026, startTestApp, type TestApp } from '../support/start-test-app';
import { currentQuestion, TelegramUser } from '../support/telegram-user';

/**
 * What one answer costs the store, counted with the driver's command monitoring while a contact
 * answers through the real Telegram path. Each store command is a round trip and, on the embedded
 * store, a SQLite statement: the count must not grow back.
 */
jest.setTimeout(120_000);

let t: TestApp;
const commands: string[] = [];
let epochReads = 0;

async function start(soleStoreWriter: boolean): Promise<void> {
  t = await startTestApp({ monitorStoreCommands: true, soleStoreWriter });
  await t.app.store.repos.rounds.ensure(annualRound2026());
  t.app.store.connection.getClient().on('commandStarted', (event: CommandStartedEvent) => {
    const target = event.command[event.commandName];
    const command = `${event.commandName} ${typeof target === 'string' ? target : ''}`.trim();
    // The reference-data epoch is read at most once per second for the whole process, whatever
    // the traffic (src/store/reference-cache.ts): it is not a cost of the answer it falls into.
    if (command === 'find store_meta') epochReads += 1;
    else commands.push(command);
  });
}
afterEach(async () => {
  await t.close();
});

async function counted(work: () => Promise<unknown>): Promise<string[]> {
  commands.length = 0;
  await work();
  return [...commands];
}

/** What each typed answer costs when nothing is kept in memory (several bot instances on one MongoDB). */
const SHARED_STORE = [
  'insert processed_updates', // claim the update: exactly once, across processes
  'find chat_sessions',
  'find submissions',
  'insert answers', // the answer, the moment it arrives
  'insert audit_events',
  'findAndModify submissions', // raise the answer revision, set the counts, see the status
  'update chat_sessions',
  'insert processed_updates', // done, once the reply went out
];

/** The bot that owns the embedded store keeps the chats and reports it writes: no reads. */
const SOLE_WRITER = SHARED_STORE.filter((command) => !command.startsWith('find '));

it.each([
  ['the bot owning its store', true, SOLE_WRITER],
  ['one of several instances on one store', false, SHARED_STORE],
])(
  'costs a handful of store commands per typed answer, whatever the step (%s)',
  async (_name, sole, expected) => {
    await start(sole);
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
    const started = performance.now();
    epochReads = 0;
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
    if (process.env.SHOW_COMMANDS)
      console.log(perAnswer.map((a) => `${a.questionId}: ${a.commands.join(', ')}`).join('\n'));
    for (const answer of perAnswer) {
      expect({ questionId: answer.questionId, commands: answer.commands }).toEqual({
        questionId: answer.questionId,
        commands: expected,
      });
    }
    expect(epochReads).toBeLessThanOrEqual(Math.ceil((performance.now() - started) / 1000) + 1);
  },
);
