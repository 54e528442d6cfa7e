import { type Entry, hasAnswer } from './conditions';
import { shortLabel } from './format';
import { numberingOf } from './numbering';
import { renderQuestion } from './prompt';
import { type Ctx, currentEntry, doneState, type StepResult } from './step-context';
import { T, textsFor } from './texts';
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
  const numbering = numberingOf(s.idx, s.ctx, answers);
  const pos = numbering.list.findIndex((n) => n.entry === entry);
  return renderQuestion(entry, s.ctx, answers, {
    ...opts,
    position: { n: numbering.labelOf(entry.question.id), total: numbering.total },
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
  const numbering = numberingOf(s.idx, s.ctx, answers);
  if (numbering.list.length === 0) return { text: [...lead, T.noQuestions].join('\n') };
  // Counted like the "Câu 7/29" lines: numbered questions, follow-ups within their parent.
  const answered = numbering.list.filter(
    (n) => /^\d+$/.test(n.label) && hasAnswer(answers.get(n.entry.question.id)),
  ).length;
  const missing = numbering.list.flatMap(({ entry: e, label }) =>
    e.question.required && !hasAnswer(answers.get(e.question.id)) ? [{ e, n: label }] : [],
  );
  const lines = [...lead];
  if (s.state.mode === 'done') lines.push(T.allWalked(answered, numbering.total));
  if (missing.length === 0) {
    lines.push(T.complete);
    return { text: lines.join('\n'), buttons: [[{ label: T.buttonReview, token: REVIEW_TOKEN }]] };
  }
  lines.push(T.missingHead(missing.length));
  for (const { e, n } of missing.slice(0, MAX_MISSING_LISTED))
    lines.push(T.missingLine(n, e.section.number, shortLabel(e.question)));
  if (missing.length > MAX_MISSING_LISTED) lines.push(T.missingMore(missing.length - MAX_MISSING_LISTED));
  lines.push(textsFor(s.ctx).missingHint);
  const buttons = missing
    .slice(0, 6)
    .map(({ e, n }) => [{ label: T.buttonAnswer(n), token: tokens.edit(e.question.id) }]);
  buttons.push([{ label: T.buttonReview, token: REVIEW_TOKEN }]);
  return { text: lines.join('\n'), buttons };
}
