/**
 * One contact answering alone, each answer sent as soon as the previous reply arrives: CPU per
 * update of the bot process and of the store process over windows of steps, and the reply
 * latency of every step. Part (a) of bench/deadline-rush.ts (all 100 questions, steps 1–10,
 * 45–55 and 90–100) and the lone-contact probe of part (b).
 */
import type { FakeUser } from '../../test/support/fake-telegram-api';
import { type Chats, promptOf } from './chat';
import { cpuMs } from './processes';

/** Step windows (1-based, inclusive) whose CPU per update is reported. */
export const WINDOWS: readonly [number, number][] = [
  [1, 10],
  [45, 55],
  [90, 100],
];

export interface WindowCpu {
  from: number;
  to: number;
  botMs: number;
  storeMs: number;
}

export interface SingleContactResult {
  latenciesMs: number[];
  windows: WindowCpu[];
  errors: number;
}

/** Time for work that follows a reply (state written after sending it) to land in its window. */
const SETTLE_MS = 100;
const settle = () => new Promise((resolve) => setTimeout(resolve, SETTLE_MS));

/**
 * Answers questions `first`..`last` of a flow of `questions` (the user already sees question
 * `first`). The reply to answer n must ask question n + 1; the reply to the flow's last question
 * may say anything. CPU per update is measured over each of `windows` (steps, 1-based).
 */
export async function answerQuestions(options: {
  chats: Chats;
  user: FakeUser;
  questions: number;
  first?: number;
  last?: number;
  windows?: readonly [number, number][];
  botPid: number;
  storePid: number;
  replyTimeoutMs: number;
}): Promise<SingleContactResult> {
  const { chats, user, questions, botPid, storePid } = options;
  const first = options.first ?? 1;
  const last = options.last ?? questions;
  const wanted = options.windows ?? WINDOWS;
  const latenciesMs: number[] = [];
  const windows: WindowCpu[] = [];
  let errors = 0;
  let start: { bot: number; store: number } | undefined;
  for (let step = first; step <= last; step++) {
    const window = wanted.find(([from, to]) => step >= from && step <= to);
    if (window && step === window[0]) {
      await settle();
      start = { bot: cpuMs(botPid), store: cpuMs(storePid) };
    }
    const next = step < questions ? promptOf(step + 1) : '';
    const reply = await chats.say(user, String(step), (text) => text.includes(next), options.replyTimeoutMs);
    if (reply.kind !== 'reply') {
      errors++;
      if (reply.kind === 'timeout')
        throw new Error(`no reply to answer ${step} after ${options.replyTimeoutMs} ms`);
    }
    latenciesMs.push(reply.ms);
    if (window && start && step === window[1]) {
      await settle();
      const updates = window[1] - window[0] + 1;
      windows.push({
        from: window[0],
        to: window[1],
        botMs: (cpuMs(botPid) - start.bot) / updates,
        storeMs: (cpuMs(storePid) - start.store) / updates,
      });
    }
  }
  return { latenciesMs, windows, errors };
}
