import { isApplicable } from './conditions';
import { goTo } from './navigation';
import { reask } from './replies';
import { RETURN_TO_DONE } from './state';
import { type Ctx, currentEntry, type StepResult } from './step-context';
import { T } from './texts';

/**
 * Goes to an earlier (or later) question to change its answer, remembering in
 * `returnTo` where the user was; `moveOn` consumes that return point once the
 * edited question is answered or skipped.
 */
export function onEdit(s: Ctx, questionId: string, notices: string[]): StepResult {
  const e = s.idx.byId.get(questionId);
  if (!e || !isApplicable(s.idx, e, s.ctx, s.ctx.answers)) return reask(s, [...notices, T.noSuchQuestion]);
  const cur = currentEntry(s);
  if (cur && cur.question.id === questionId) return reask(s, notices);
  // Keep the first return point when edits are chained, so the user always comes back to where they were.
  const returnTo = s.state.returnTo ?? (cur ? cur.question.id : RETURN_TO_DONE);
  return goTo(
    { ...s, state: { ...s.state, returnTo } },
    e,
    s.ctx.answers,
    [...notices, T.editing],
    cur,
    true,
  );
}
