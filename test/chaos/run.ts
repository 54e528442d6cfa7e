/**
 * One chaos run: the world, the contacts, the attacks one after another on the same product, then
 * the figures read from the store and from the fake API. Used by `npm run chaos` (main.ts) and,
 * smaller, by test/chaos/chaos.test.ts.
 */
import { unitCodes } from '../../bench/support/bots';
import { PRODUCT_DB } from './product';
import { killedReminderPass, type ReminderPhase } from './reminders';
import { type AnswerPhase, botKills, redeliveryAndFaults, storeKills } from './scenarios';
import { TWO_INSTANCES_DB, type TwoInstancesPhase, twoInstances } from './two-instances';
import { type AnswerFigures, type ReminderFigures, StoreReader } from './verify';
import { type ChaosOptions, joinContacts, startWorld } from './world';

export interface ChaosResult {
  options: ChaosOptions;
  answers: AnswerFigures[];
  reminders: ReminderFigures | undefined;
  botStarts: number;
  /** Bot exits the suite did not cause, with the bot's last lines. */
  crashes: string[][];
  /** Messages left without a reply, per scenario: "bot kill -9: dv-003 '/nop'". */
  unanswered: string[];
  /** Replies that were not the next step, per scenario. */
  outOfStep: string[];
  /** Reports whose submission is not in the store, with the bot's last reply about it. */
  notSubmitted: string[];
  seconds: number;
}

export async function runChaos(options: ChaosOptions, log: (line: string) => void = () => {}) {
  const started = performance.now();
  const world = await startWorld(options);
  try {
    const counts = [options.killContacts, options.redeliveryContacts, options.storeContacts];
    const codes = unitCodes(counts.reduce((a, b) => a + b, 0) + options.remindContacts);
    log(`${codes.length} contacts join…`);
    const contacts = await joinContacts(world, codes);
    const take = (n: number) => contacts.splice(0, n);
    const [killed, redelivered, stored] = counts.map(take) as [
      typeof contacts,
      typeof contacts,
      typeof contacts,
    ];
    const reminded = contacts;

    const phases: AnswerPhase[] = [];
    if (killed.length > 0) {
      log(`(a) ${options.kills} kill -9 of the bot while ${killed.length} contacts report…`);
      phases.push(await botKills(world, killed));
    }
    if (redelivered.length > 0) {
      log(
        `(b, e) every update three times, out of order, sendMessage faults; ${redelivered.length} contacts…`,
      );
      phases.push(await redeliveryAndFaults(world, redelivered));
    }
    if (stored.length > 0) {
      log(`(d) ${options.storeKills} kill -9 of the embedded store while ${stored.length} contacts report…`);
      phases.push(await storeKills(world, stored));
    }
    let reminderPhase: ReminderPhase | undefined;
    if (reminded.length > 0) {
      log(`(c) a remind pass to ${reminded.length} contacts killed ${options.remindKills}×, then run again…`);
      reminderPhase = await killedReminderPass(world, reminded);
    }

    let twoPhase: TwoInstancesPhase | undefined;
    if (options.twoInstanceContacts > 0) {
      log(
        `(f) two instances in webhook mode on one store, ${options.twoInstanceContacts} contacts, a CLI and a kill…`,
      );
      twoPhase = await twoInstances(world, options.twoInstanceContacts);
    }

    const reader = await StoreReader.open(world.product.storeUri(), PRODUCT_DB);
    const twoReader = twoPhase
      ? await StoreReader.open(world.product.storeUri(), TWO_INSTANCES_DB)
      : undefined;
    try {
      const answers: AnswerFigures[] = [];
      for (const phase of phases) answers.push(await reader.answerFigures(phase));
      if (twoPhase && twoReader) {
        answers.push(await twoReader.answerFigures(twoPhase));
        phases.push(twoPhase);
      }
      const reminders = reminderPhase ? await reader.reminderFigures(reminderPhase, world.inbox) : undefined;
      return {
        options,
        answers,
        reminders,
        botStarts: world.product.starts,
        crashes: world.product.crashes,
        notSubmitted: answers.flatMap((f) => f.notSubmitted),
        outOfStep: phases.flatMap((phase) =>
          phase.records.flatMap((r) => r.outOfStep.map((o) => `${phase.name}: ${r.contact.unitCode} ${o}`)),
        ),
        unanswered: phases.flatMap((phase) =>
          phase.records.flatMap((r) =>
            r.missing.map((text) => `${phase.name}: ${r.contact.unitCode} '${text}'`),
          ),
        ),
        seconds: (performance.now() - started) / 1000,
      } satisfies ChaosResult;
    } finally {
      await reader.close();
      await twoReader?.close();
    }
  } finally {
    await world.close();
  }
}
