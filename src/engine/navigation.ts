import { type Entry, hasAnswer, overlay } from './conditions';
import { formatAnswer } from './format';
import { numberingOf } from './numbering';
import { offeredPrevious } from './prompt';
import { ask, doneResult, reask } from './replies';
import { type EngineState, RETURN_TO_DONE } from './state';
import {
  applicable,
  type Ctx,
  currentEntry,
  doneState,
  firstUnanswered,
  nextApplicable,
  type StepResult,
} from './step-context';
import { T } from './texts';
import type { AnswerLookup, AnswerValue, Effect } from './types';

// Moving between questions: forward after an answer, skip, back, jump to a section.

/** Saves `value` for the current question, acknowledges it and moves on. */
export function saveAndMoveOn(s: Ctx, cur: Entry, value: AnswerValue, notices: string[]): StepResult {
  const effects: Effect[] = [{ type: 'saveAnswer', questionId: cur.question.id, value }];
  const answers = overlay(s.ctx.answers, cur.question.id, value);
  return moveOn(s, cur, answers, [...notices, T.saved(formatAnswer(cur.question, value))], effects);
}

/** After the current question: back to where an edit started, else the next applicable question, else the end. */
export function moveOn(
  s: Ctx,
  from: Entry,
  answers: AnswerLookup,
  lead: string[],
  effects: Effect[],
): StepResult {
  const state: EngineState = { ...s.state, collectingText: undefined, returnTo: undefined };
  const ret = s.state.returnTo;
  let target: Entry | undefined;
  if (ret === RETURN_TO_DONE) target = undefined;
  else if (ret !== undefined) {
    const e = s.idx.byId.get(ret);
    target = e ? nextApplicable(s, answers, e.index - 1) : nextApplicable(s, answers, from.index);
  } else {
    target = nextApplicable(s, answers, from.index);
  }
  const next = { ...s, state };
  if (!target) return doneResult(next, answers, lead, effects);
  const r = goTo(next, target, answers, lead, from);
  return { ...r, effects };
}

/** Asks `target`; the section heading is shown when entering another section (or when forced). */
export function goTo(
  s: Ctx,
  target: Entry,
  answers: AnswerLookup,
  lead: string[],
  from?: Entry,
  forceSection = false,
): StepResult {
  const state: EngineState = {
    ...s.state,
    mode: 'answering',
    questionId: target.question.id,
    collectingText: undefined,
  };
  const withSection = forceSection || !from || from.section !== target.section;
  return { state, replies: [ask({ ...s, state }, target, answers, { lead, withSection })], effects: [] };
}

export function onSkip(s: Ctx, notices: string[]): StepResult {
  const cur = currentEntry(s);
  if (!cur) return doneResult(s, s.ctx.answers, notices, []);
  const collecting = s.state.collectingText?.questionId === cur.question.id;
  if (cur.question.required && !collecting && !hasAnswer(s.ctx.answers.get(cur.question.id))) {
    return reask(s, [...notices, T.required]);
  }
  return moveOn(s, cur, s.ctx.answers, notices, []);
}

export function onDone(s: Ctx, notices: string[]): StepResult {
  // "Xong" finishes a long text, a set of files or a multiple choice; elsewhere it behaves like skip.
  return onSkip(s, notices);
}

export function onBack(s: Ctx, notices: string[]): StepResult {
  const cur = currentEntry(s);
  // Back walks the numbered questions: one filled in from the units file is reached only by /sua.
  const list = numberingOf(s.idx, s.ctx, s.ctx.answers).list.map((n) => n.entry);
  const pos = cur ? list.findIndex((e) => e.question.id === cur.question.id) : list.length;
  const prev = pos > 0 ? list[pos - 1] : undefined;
  if (!prev) return reask(s, [...notices, T.firstQuestion]);
  return goTo(s, prev, s.ctx.answers, notices, cur);
}

export function onJump(s: Ctx, section: string, notices: string[]): StepResult {
  const wanted = section.trim().toUpperCase();
  const target = wanted
    ? applicable(s, s.ctx.answers).find(
        (e) => e.section.number === wanted || e.section.number.startsWith(`${wanted}.`),
      )
    : undefined;
  if (!target) return reask(s, [...notices, T.noSuchSection(section.slice(0, 20))]);
  // A jump is a new place to work from, so a pending edit's return point is dropped.
  const state: EngineState = { ...s.state, returnTo: undefined };
  return goTo({ ...s, state }, target, s.ctx.answers, notices, undefined, true);
}

/**
 * Where (re)entering a report starts: the question the chat stopped at, unless it has been answered
 * since (a colleague on another platform shares the unit's report), in which case the next
 * unanswered question after it, else the first unanswered one, else the end summary. Nothing the
 * unit already answered is asked again. An edit in progress or a long text being collected keeps
 * its place: that is this chat's own work.
 */
export function resumePoint(s: Ctx): Ctx {
  const cur = currentEntry(s);
  if (!cur || s.state.returnTo !== undefined || s.state.collectingText) return s;
  const answers = s.ctx.answers;
  if (!hasAnswer(answers.get(cur.question.id))) return s;
  let target: Entry | undefined = cur;
  while (target && hasAnswer(answers.get(target.question.id)))
    target = nextApplicable(s, answers, target.index);
  target ??= firstUnanswered(s.idx, s.ctx, answers);
  const state: EngineState = target ? { ...s.state, questionId: target.question.id } : doneState(s.state);
  return { ...s, state };
}

/** "Giữ như kỳ trước": the previous round's answer, chosen by the person, saved as this round's. */
export function onKeep(s: Ctx, notices: string[]): StepResult {
  const cur = currentEntry(s);
  // "Giữ" on an answered question keeps that answer, as «Bỏ qua» / «Giữ nguyên» do.
  if (cur && hasAnswer(s.ctx.answers.get(cur.question.id))) return onSkip(s, notices);
  const previous = cur ? offeredPrevious(cur, s.ctx, false) : undefined;
  if (!cur || previous === undefined) return reask(s, [...notices, T.noPrevious]);
  return saveAndMoveOn(s, cur, previous, [...notices, T.keptPrevious]);
}
