import { overlay } from './conditions';
import { formatAnswer } from './format';
import { onMove } from './moves';
import { saveAndMoveOn } from './navigation';
import { ask, reask } from './replies';
import { type Ctx, currentEntry, type StepResult } from './step-context';
import { T } from './texts';
import { parseToken } from './tokens';
import type { Effect } from './types';

/** A pressed button. Tokens naming a question are honoured only while that question is current. */
export function onButton(s: Ctx, token: string, notices: string[]): StepResult {
  const t = parseToken(token);
  if (!t) return reask(s, [...notices, T.badButton]);
  switch (t.kind) {
    case 'review':
    case 'check':
    case 'jump':
    case 'edit':
      return onMove(s, t, notices);
  }
  const cur = currentEntry(s);
  // A button of an earlier message: say so and change nothing.
  if (!cur || cur.question.id !== t.questionId) return reask(s, [...notices, T.staleButton]);
  const q = cur.question;
  switch (t.kind) {
    case 'skip':
    case 'back':
    case 'done':
    case 'keep':
      return onMove(s, { kind: t.kind }, notices);
    case 'answer': {
      if (q.type === 'yesno' && (t.arg === 'y' || t.arg === 'n'))
        return saveAndMoveOn(s, cur, t.arg === 'y', notices);
      const opt = q.type === 'choice' ? q.options?.[Number(t.arg) - 1] : undefined;
      if (opt) return saveAndMoveOn(s, cur, opt.id, notices);
      return reask(s, [...notices, T.badButton]);
    }
    case 'toggle': {
      const opt = q.type === 'multi' ? q.options?.[Number(t.arg) - 1] : undefined;
      if (!opt) return reask(s, [...notices, T.badButton]);
      const before = s.ctx.answers.get(q.id);
      const set = new Set(
        Array.isArray(before) ? before.filter((x): x is string => typeof x === 'string') : [],
      );
      if (set.has(opt.id)) set.delete(opt.id);
      else set.add(opt.id);
      const value = (q.options ?? []).map((o) => o.id).filter((id) => set.has(id));
      const answers = overlay(s.ctx.answers, q.id, value.length > 0 ? value : undefined);
      const effect: Effect =
        value.length > 0
          ? { type: 'saveAnswer', questionId: q.id, value }
          : { type: 'clearAnswer', questionId: q.id };
      const picked = value.length > 0 ? formatAnswer(q, value) : T.multiNone;
      return {
        state: s.state,
        replies: [ask(s, cur, answers, { lead: [...notices, T.multiPicked(picked)] })],
        effects: [effect],
      };
    }
  }
}
