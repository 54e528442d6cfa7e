import { parseTypedAnswer } from './answers';
import { parseCommand } from './control-words';
import { onEdit } from './editing';
import { collectTextPiece } from './long-text';
import { onBack, onDone, onJump, onSkip, saveAndMoveOn } from './navigation';
import { onCheck, onReview } from './overview';
import { doneResult, reask } from './replies';
import { applicable, type Ctx, currentEntry, type StepResult } from './step-context';
import { T } from './texts';

/** A typed message: a control word if it is one, else an answer to the current question. */
export function onText(s: Ctx, text: string, notices: string[]): StepResult {
  const cmd = parseCommand(text);
  if (cmd) {
    switch (cmd.kind) {
      case 'skip':
        return onSkip(s, notices);
      case 'back':
        return onBack(s, notices);
      case 'done':
        return onDone(s, notices);
      case 'review':
        return onReview(s);
      case 'check':
        return onCheck(s, notices);
      case 'start':
        return reask(s, notices, { withSection: true });
      case 'jump':
        return onJump(s, cmd.section, notices);
      case 'editNumber': {
        const e = applicable(s, s.ctx.answers)[cmd.n - 1];
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
  return saveAndMoveOn(s, cur, parsed.value, notices);
}
