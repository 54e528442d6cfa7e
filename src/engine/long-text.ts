import { parseText } from './answers';
import type { Entry } from './conditions';
import { reask } from './replies';
import type { EngineState } from './state';
import type { Ctx, StepResult } from './step-context';
import { T } from './texts';
import { tokens } from './tokens';
import type { Effect } from './types';

/**
 * One message of a text answer. Long answers arrive in several messages, so each
 * piece is saved (appended after the first) and the question stays current until
 * "Xong"; the state keeps only counts, enough to enforce maxLength without the text.
 */
export function collectTextPiece(s: Ctx, cur: Entry, text: string, notices: string[]): StepResult {
  const q = cur.question;
  const collecting = s.state.collectingText?.questionId === q.id ? s.state.collectingText : undefined;
  const parsed = parseText(q, text, collecting?.chars ?? 0);
  if (!parsed.ok) return reask(s, [...notices, parsed.reason], { collecting: !!collecting });
  const value = parsed.value as string;
  const effect: Effect = collecting
    ? { type: 'saveAnswer', questionId: q.id, value, append: true }
    : { type: 'saveAnswer', questionId: q.id, value };
  const pieces = (collecting?.pieces ?? 0) + 1;
  const chars = (collecting?.chars ?? 0) + value.length + (collecting ? 1 : 0);
  const state: EngineState = { ...s.state, collectingText: { questionId: q.id, pieces, chars } };
  return {
    state,
    replies: [
      {
        text: [...notices, T.textPieceSaved(pieces, chars)].join('\n'),
        buttons: [[{ label: T.buttonDone, token: tokens.done(q.id) }]],
      },
    ],
    effects: [effect],
  };
}
