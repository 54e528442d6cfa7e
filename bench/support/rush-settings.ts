/**
 * Knobs of bench/deadline-rush.ts, from the environment. Defaults are the figures
 * ("The deadline rush"), bounded in time so that `npm run bench` stays a few minutes on two
 * shared cores; BENCH_RUSH_QUICK=1 is a smoke test of every part in well under a minute.
 */
export interface RushSettings {
  /** Which parts to run: single (product vs @grammyjs/conversations, one contact), rush (many contacts). */
  parts: { single: boolean; rush: boolean };
  /** Part (a): runs of both bots, taking turns; the table shows medians. */
  singleRepeats: number;
  /** Part (a): the conversations bots, by how they store their state (bench/support/conversations-bot.ts). */
  conversationsStates: ('document' | 'json')[];
  /** Part (b): contacts answering at once, and questions each answers (at most 99: a reply must ask a next one). */
  contacts: number;
  answersPerContact: number;
  /** Part (b): questions the first contact answers alone before the rush (CPU per answer without contention). */
  probeAnswers: number;
  /** Part (b): answers already in the store of the second run. */
  prefillAnswers: number;
  /** Part (b): no new answer is sent after this many seconds of rush; replies still awaited are waited for. */
  rushSeconds: number;
  /** A reply that has not come after this long counts as missing (an error). */
  replyTimeoutMs: number;
}

function intFromEnv(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name}="${raw}": expected a whole number from ${min} to ${max}`);
  }
  return value;
}

function conversationsStates(raw: string): ('document' | 'json')[] {
  const states = raw.split(',').map((state) => state.trim());
  for (const state of states) {
    if (state !== 'document' && state !== 'json') {
      throw new Error(
        `BENCH_RUSH_CONVERSATIONS_STATE="${raw}": expected document, json or both (document,json)`,
      );
    }
  }
  return states as ('document' | 'json')[];
}

export function rushSettings(): RushSettings {
  const quick = process.env.BENCH_RUSH_QUICK === '1';
  const parts = (process.env.BENCH_RUSH_PARTS ?? 'single,rush').split(',').map((p) => p.trim());
  return {
    parts: { single: parts.includes('single'), rush: parts.includes('rush') },
    singleRepeats: intFromEnv('BENCH_RUSH_REPEATS', quick ? 1 : 3, 1, 50),
    conversationsStates: conversationsStates(process.env.BENCH_RUSH_CONVERSATIONS_STATE ?? 'document,json'),
    contacts: intFromEnv('BENCH_RUSH_CONTACTS', quick ? 10 : 200, 1, 999),
    answersPerContact: intFromEnv('BENCH_RUSH_ANSWERS', quick ? 5 : 30, 1, 99),
    probeAnswers: intFromEnv('BENCH_RUSH_PROBE', 10, 0, 50),
    prefillAnswers: intFromEnv('BENCH_RUSH_PREFILL', quick ? 5_000 : 100_000, 0, 10_000_000),
    rushSeconds: intFromEnv('BENCH_RUSH_SECONDS', quick ? 10 : 40, 1, 3600),
    replyTimeoutMs: intFromEnv('BENCH_RUSH_REPLY_TIMEOUT_MS', 30_000, 100, 600_000),
  };
}

/** One line that says which knobs a run used, printed above its tables. */
export function describeSettings(s: RushSettings): string {
  return [
    `(a) runs ${s.singleRepeats}, conversations state as ${s.conversationsStates.join(' and ')}`,
    `(b) contacts ${s.contacts}`,
    `answers each ${s.answersPerContact}`,
    `alone first ${s.probeAnswers}`,
    `prefill ${s.prefillAnswers}`,
    `rush window ${s.rushSeconds} s`,
    `reply timeout ${s.replyTimeoutMs / 1000} s`,
  ].join(' · ');
}
