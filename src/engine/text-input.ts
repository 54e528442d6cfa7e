import { parseTypedAnswer } from './answers';
import { hasAnswer } from './conditions';
import { parseCommand } from './control-words';
import { onEdit } from './editing';
import { formatAnswer } from './format';
import { collectTextPiece } from './long-text';
import { onMove } from './moves';
import { saveAndMoveOn } from './navigation';
import { numberingOf } from './numbering';
import { doneResult, reask } from './replies';
import { type Ctx, currentEntry, type StepResult } from './step-context';
import { T } from './texts';

/** A typed message: a control word if it is one, else an answer to the current question. */
export function onText(s: Ctx, text: string, notices: string[]): StepResult {
  const cmd = parseCommand(text);
  if (cmd) {
    switch (cmd.kind) {
      case 'skip':
      case 'back':
      case 'done':
      case 'review':
      case 'check':
      case 'keep':
        return onMove(s, { kind: cmd.kind }, notices);
      case 'jump':
        return onMove(s, cmd, notices);
      case 'start':
        return reask(s, notices, { withSection: true });
      case 'editNumber': {
        // The number the question is asked with ("Câu 7/29"), as /sua reads it.
        const e = numberingOf(s.idx, s.ctx, s.ctx.answers).find(String(cmd.n));
        return e ? onEdit(s, e.question.id, notices) : reask(s, [...notices, T.noSuchQuestion]);
      }
    }
  }
  const cur = currentEntry(s);
  if (!cur) return doneResult(s, s.ctx.answers, notices, []);
  const q = cur.question;
  if (q.type === 'text') return collectTextPiece(s, cur, text, notices);
  if (q.type === 'attachment') {
    return reask(s, [...notices, T.needFile]);
  }
  const parsed = parseTypedAnswer(q, text);
  if (!parsed.ok) return reask(s, [...notices, parsed.reason]);
  // Typed numbers are the whole choice; a different earlier choice is named, never dropped silently.
  const before = s.ctx.answers.get(q.id);
  const replaced =
    q.type === 'multi' && hasAnswer(before) && JSON.stringify(before) !== JSON.stringify(parsed.value)
      ? [T.multiReplaced(formatAnswer(q, before!))]
      : [];
  return saveAndMoveOn(s, cur, parsed.value, [...notices, ...replaced]);
}
