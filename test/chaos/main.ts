/**
 * `npm run chaos`: attacks the product as processes (README, "Operations") and prints what was
 * lost, doubled or left unanswered. Exit code 1 when one of issue 12's goals is missed.
 * Knobs (environment): CHAOS_SEED, CHAOS_KILLS, CHAOS_KILL_CONTACTS, CHAOS_REDELIVERY_CONTACTS,
 * CHAOS_STORE_KILLS, CHAOS_STORE_CONTACTS, CHAOS_REMIND_KILLS, CHAOS_REMIND_CONTACTS,
 * CHAOS_TWO_INSTANCE_CONTACTS.
 */
import { describeChaos, goalsMissed } from './report';
import { runChaos } from './run';
import type { ChaosOptions } from './world';

function knob(name: string, fallback: number): number {
  const text = process.env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0)
    throw new Error(`${name} = "${text}": expected a whole number ≥ 0`);
  return value;
}

export const DEFAULT_OPTIONS: ChaosOptions = {
  seed: knob('CHAOS_SEED', 12),
  kills: knob('CHAOS_KILLS', 50),
  killContacts: knob('CHAOS_KILL_CONTACTS', 32),
  killConcurrency: 2,
  redeliveryContacts: knob('CHAOS_REDELIVERY_CONTACTS', 8),
  storeKills: knob('CHAOS_STORE_KILLS', 3),
  storeContacts: knob('CHAOS_STORE_CONTACTS', 6),
  remindKills: knob('CHAOS_REMIND_KILLS', 3),
  remindContacts: knob('CHAOS_REMIND_CONTACTS', 40),
  twoInstanceContacts: knob('CHAOS_TWO_INSTANCE_CONTACTS', 8),
  apiTimeoutSeconds: 2,
  replyTimeoutMs: 90_000,
};

async function main(): Promise<number> {
  const result = await runChaos(DEFAULT_OPTIONS, (line) => console.log(line));
  for (const line of describeChaos(result)) console.log(line);
  return goalsMissed(result).length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(2);
  },
);
