import { type Entry, hasAnswer } from './conditions';
import { shortLabel } from './format';
import { renderQuestion } from './prompt';
import { applicable, type Ctx, currentEntry, doneState, type StepResult } from './step-context';
import { T } from './texts';
import { REVIEW_TOKEN, tokens } from './tokens';
import type { AnswerLookup, Effect, Reply } from './types';

// The messages a step ends with: a question (new or asked again) or the end summary.

const MAX_MISSING_LISTED = 10;

/** Re-asks the current question (or repeats the end summary) with notices; the state does not change. */
export function reask(
  s: Ctx,
  lead: string[],
  opts: { withSection?: boolean; withRequest?: boolean; collecting?: boolean } = {},
): StepResult {
  const cur = currentEntry(s);
  if (!cur) return doneResult(s, s.ctx.answers, lead, [], opts.withRequest);
  const collecting = opts.collecting ?? s.state.collectingText?.questionId === cur.question.id;
  return {
    state: s.state,
    replies: [ask(s, cur, s.ctx.answers, { ...opts, lead, collecting })],
    effects: [],
  };
}

/** The message asking `entry`, numbered among the questions that apply with `answers`. */
export function ask(
  s: Ctx,
  entry: Entry,
  answers: AnswerLookup,
  opts: { lead?: string[]; withSection?: boolean; withRequest?: boolean; collecting?: boolean },
): Reply {
  const list = applicable(s, answers);
  const pos = list.indexOf(entry);
  return renderQuestion(entry, s.ctx, answers, {
    ...opts,
    position: { n: pos + 1, total: list.length },
    canGoBack: pos > 0,
  });
}

/** Ends the walk: the done state and the completeness summary. */
export function doneResult(
  s: Ctx,
  answers: AnswerLookup,
  lead: string[],
  effects: Effect[],
  withRequest = false,
): StepResult {
  const state = doneState(s.state);
  const reply = completeness({ ...s, state }, answers, lead);
  if (withRequest && s.ctx.request) reply.text = `${T.requestTitle(s.ctx.request.title)}\n\n${reply.text}`;
  return { state, replies: [reply], effects };
}

/** The completeness check: answered count and the required questions still missing (with buttons). */
export function completeness(s: Ctx, answers: AnswerLookup, lead: string[]): Reply {
  const list = applicable(s, answers);
  if (list.length === 0) return { text: [...lead, T.noQuestions].join('\n') };
  const answered = list.filter((e) => hasAnswer(answers.get(e.question.id))).length;
  const missing = list.flatMap((e, i) =>
    e.question.required && !hasAnswer(answers.get(e.question.id)) ? [{ e, n: i + 1 }] : [],
  );
  const lines = [...lead];
  if (s.state.mode === 'done') lines.push(T.allWalked(answered, list.length));
  if (missing.length === 0) {
    lines.push(T.complete);
    return { text: lines.join('\n'), buttons: [[{ label: T.buttonReview, token: REVIEW_TOKEN }]] };
  }
  lines.push(T.missingHead(missing.length));
  for (const { e, n } of missing.slice(0, MAX_MISSING_LISTED))
    lines.push(T.missingLine(n, e.section.number, shortLabel(e.question)));
  if (missing.length > MAX_MISSING_LISTED) lines.push(T.missingMore(missing.length - MAX_MISSING_LISTED));
  lines.push(T.missingHint);
  const buttons = missing
    .slice(0, 6)
    .map(({ e, n }) => [{ label: T.buttonAnswer(n), token: tokens.edit(e.question.id) }]);
  buttons.push([{ label: T.buttonReview, token: REVIEW_TOKEN }]);
  return { text: lines.join('\n'), buttons };
}
