import { ask, completeness } from './replies';
import { renderReview } from './review';
import { type Ctx, currentEntry, type StepResult } from './step-context';

// Views of the whole report on request; neither changes the state.

export function onReview(s: Ctx): StepResult {
  return {
    state: s.state,
    replies: renderReview(s.idx.flow, s.ctx, s.ctx.maxReplyChars ?? 2000),
    effects: [],
  };
}

/** The completeness summary, then the current question again so the user can carry on. */
export function onCheck(s: Ctx, notices: string[]): StepResult {
  const summary = completeness(s, s.ctx.answers, notices);
  const cur = currentEntry(s);
  const replies = [summary];
  if (cur) replies.push(ask(s, cur, s.ctx.answers, {}));
  return { state: s.state, replies, effects: [] };
}
