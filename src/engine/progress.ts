import { type Entry, hasAnswer, indexFlow, isApplicable } from './conditions';
import type { Flow, Question } from './flow-schema';
import { flowNumbering } from './numbering';
import type { AnswerLookup, EngineContext } from './types';

/** Applicable entries in flow order, with answers possibly overridden (for the step being decided). */
export function applicableEntries(
  flow: Flow,
  ctx: EngineContext,
  answers: AnswerLookup = ctx.answers,
): Entry[] {
  const idx = indexFlow(flow);
  return idx.entries.filter((e) => isApplicable(idx, e, ctx, answers));
}

/** The questions this unit must see, in order. */
export function applicableQuestions(flow: Flow, ctx: EngineContext): Question[] {
  return applicableEntries(flow, ctx).map((e) => e.question);
}

/**
 * Answered and total counts as a person reads them: over the numbered questions (numbering.ts), so
 * the board's "3/29" and the chat's "Câu 4/29" agree and the total does not move with follow-ups.
 */
export function progress(flow: Flow, ctx: EngineContext): { answered: number; total: number } {
  const numbering = flowNumbering(flow, ctx);
  const main = numbering.list.filter((n) => /^\d+$/.test(n.label));
  return {
    answered: main.filter((n) => hasAnswer(ctx.answers.get(n.entry.question.id))).length,
    total: numbering.total,
  };
}

/** Required applicable questions without an answer: the completeness check before submission. */
export function missingRequired(flow: Flow, ctx: EngineContext): Question[] {
  return applicableEntries(flow, ctx)
    .filter((e) => e.question.required && !hasAnswer(ctx.answers.get(e.question.id)))
    .map((e) => e.question);
}
