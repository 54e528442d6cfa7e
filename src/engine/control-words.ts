import { fold } from './normalize';

// Words that move around inside a report ("bỏ qua", "quay lại", "mục II"). Bot-level commands typed as
// words ("báo cáo", "nộp") are the conversation's: src/conversation/commands.ts and typed-commands.ts.

/** A control word typed instead of pressing a button. */
export type Command =
  | { kind: 'skip' | 'back' | 'done' | 'review' | 'check' | 'start' | 'keep' }
  | { kind: 'jump'; section: string }
  | { kind: 'editNumber'; n: number };

/** Control words, folded (no diacritics, lower case), as users type them. */
const WORDS: Record<string, Command['kind']> = {
  'bo qua': 'skip',
  bo: 'skip',
  skip: 'skip',
  'giu nguyen': 'skip',
  'quay lai': 'back',
  'quay lai cau truoc': 'back',
  'tro lai': 'back',
  lui: 'back',
  back: 'back',
  'cau truoc': 'back',
  xong: 'done',
  'xong roi': 'done',
  'da xong': 'done',
  done: 'done',
  het: 'done',
  'hoan thanh': 'done',
  'xem lai': 'review',
  'xem lai bao cao': 'review',
  review: 'review',
  'kiem tra': 'check',
  'con thieu': 'check',
  'con thieu gi': 'check',
  'tiep tuc': 'start',
  giu: 'keep',
  'giu nhu ky truoc': 'keep',
  'bat dau': 'start',
};

/** Typed control words work like buttons, so Zalo users can navigate too. Only short messages can be commands. */
export function parseCommand(text: string): Command | undefined {
  if (text.length > 60) return undefined;
  const s = fold(text);
  const word = WORDS[s];
  if (word === 'jump' || word === 'editNumber') return undefined;
  if (word) return { kind: word } as Command;
  const jump = /^(?:sua |den |toi |chuyen den |chuyen sang |sang )?muc ([ivx]+(?:\.\d{1,2})?|\d{1,2})$/.exec(
    s,
  );
  if (jump) return { kind: 'jump', section: jump[1]!.toUpperCase() };
  const edit = /^sua cau (?:so )?(\d{1,3})$/.exec(s);
  if (edit) return { kind: 'editNumber', n: Number(edit[1]) };
  return undefined;
}
