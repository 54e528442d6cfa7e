import { type Entry, hasAnswer, indexFlow, isApplicable } from './conditions';
import type { Flow, Question } from './flow-schema';
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

/** Answered and total counts over applicable questions only. */
export function progress(flow: Flow, ctx: EngineContext): { answered: number; total: number } {
  const list = applicableEntries(flow, ctx);
  return {
    answered: list.filter((e) => hasAnswer(ctx.answers.get(e.question.id))).length,
    total: list.length,
  };
}

/** Required applicable questions without an answer: the completeness check before submission. */
export function missingRequired(flow: Flow, ctx: EngineContext): Question[] {
  return applicableEntries(flow, ctx)
    .filter((e) => e.question.required && !hasAnswer(ctx.answers.get(e.question.id)))
    .map((e) => e.question);
}
