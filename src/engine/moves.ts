import { onEdit } from './editing';
import { onBack, onDone, onJump, onKeep, onSkip } from './navigation';
import { onCheck, onReview } from './overview';
import type { Ctx, StepResult } from './step-context';

/** A move inside the report, whichever way it was asked for: a typed word, a button or an engine input. */
export type Move =
  | { kind: 'skip' | 'back' | 'done' | 'keep' | 'review' | 'check' }
  | { kind: 'jump'; section: string }
  | { kind: 'edit'; questionId: string };

/** The one place a move is carried out, so typed words, buttons and inputs cannot drift apart. */
export function onMove(s: Ctx, move: Move, notices: string[]): StepResult {
  switch (move.kind) {
    case 'skip':
      return onSkip(s, notices);
    case 'back':
      return onBack(s, notices);
    case 'done':
      return onDone(s, notices);
    case 'keep':
      return onKeep(s, notices);
    case 'review':
      return onReview(s);
    case 'check':
      return onCheck(s, notices);
    case 'jump':
      return onJump(s, move.section, notices);
    case 'edit':
      return onEdit(s, move.questionId, notices);
  }
}
