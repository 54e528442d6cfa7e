import { type Entry, type FlowIndex, hasAnswer, isApplicable } from './conditions';
import type { EngineState } from './state';
import type { AnswerLookup, Effect, EngineContext, Reply } from './types';

/** What one step produces: the new state, the messages to send, and what to persist. */
export interface StepResult {
  state: EngineState;
  replies: Reply[];
  effects: Effect[];
  /** The error a step met (the user got a notice and a valid state); the caller logs it with the update. */
  fault?: unknown;
}

/** Internal step context. `answers` may overlay the answer saved in this very step. */
export interface Ctx {
  idx: FlowIndex;
  ctx: EngineContext;
  state: EngineState;
}

// Lookups every input handler shares. Each is one pass over the flow's questions, so a step stays
// O(questions) whatever the history.

/** The question being asked, if the state is answering one that still applies. */
export function currentEntry(s: Ctx): Entry | undefined {
  if (s.state.mode !== 'answering' || !s.state.questionId) return undefined;
  const e = s.idx.byId.get(s.state.questionId);
  return e && isApplicable(s.idx, e, s.ctx, s.ctx.answers) ? e : undefined;
}

export function applicable(s: Ctx, answers: AnswerLookup): Entry[] {
  return s.idx.entries.filter((e) => isApplicable(s.idx, e, s.ctx, answers));
}

export function nextApplicable(s: Ctx, answers: AnswerLookup, afterIndex: number): Entry | undefined {
  for (let i = afterIndex + 1; i < s.idx.entries.length; i++) {
    const e = s.idx.entries[i]!;
    if (isApplicable(s.idx, e, s.ctx, answers)) return e;
  }
  return undefined;
}

export function firstUnanswered(
  idx: FlowIndex,
  ctx: EngineContext,
  answers: AnswerLookup,
): Entry | undefined {
  return idx.entries.find(
    (e) => isApplicable(idx, e, ctx, answers) && !hasAnswer(answers.get(e.question.id)),
  );
}

/** The end state: only the flow's identity survives (no position, no pending edit or long text). */
export function doneState(state: EngineState): EngineState {
  return { v: 1, flowId: state.flowId, flowVersion: state.flowVersion, mode: 'done' };
}
