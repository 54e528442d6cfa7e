/**
 * Button tokens: short ASCII strings (≤ 40 chars) that name the question they
 * belong to, so the engine can reject a button pressed on an old message.
 *
 * - `a:<qid>:<n>` answer a choice with option n (1-based), or yes/no with `y`/`n`
 * - `m:<qid>:<n>` toggle option n of a multiple choice
 * - `s:<qid>` skip, `b:<qid>` back, `x:<qid>` done (long text, files, multiple choice)
 * - `e:<qid>` edit an earlier answer, `j:<section>` jump to a section
 * - `p:<qid>` keep the answer of the previous round ("Giữ như kỳ trước")
 * - `r` review, `k` completeness check
 */
export type Token =
  | { kind: 'answer'; questionId: string; arg: string }
  | { kind: 'toggle'; questionId: string; arg: string }
  | { kind: 'skip' | 'back' | 'done' | 'edit' | 'keep'; questionId: string }
  | { kind: 'jump'; section: string }
  | { kind: 'review' | 'check' };

export const REVIEW_TOKEN = 'r';
export const CHECK_TOKEN = 'k';

export const tokens = {
  answer: (qid: string, arg: string | number) => `a:${qid}:${arg}`,
  toggle: (qid: string, n: number) => `m:${qid}:${n}`,
  skip: (qid: string) => `s:${qid}`,
  back: (qid: string) => `b:${qid}`,
  done: (qid: string) => `x:${qid}`,
  edit: (qid: string) => `e:${qid}`,
  keep: (qid: string) => `p:${qid}`,
  jump: (section: string) => `j:${section}`,
};

const ID = '[a-z0-9_-]{1,32}';
const PATTERNS: [RegExp, (m: RegExpExecArray) => Token][] = [
  [new RegExp(`^a:(${ID}):([0-9]{1,2}|y|n)$`), (m) => ({ kind: 'answer', questionId: m[1]!, arg: m[2]! })],
  [new RegExp(`^m:(${ID}):([0-9]{1,2})$`), (m) => ({ kind: 'toggle', questionId: m[1]!, arg: m[2]! })],
  [new RegExp(`^s:(${ID})$`), (m) => ({ kind: 'skip', questionId: m[1]! })],
  [new RegExp(`^b:(${ID})$`), (m) => ({ kind: 'back', questionId: m[1]! })],
  [new RegExp(`^x:(${ID})$`), (m) => ({ kind: 'done', questionId: m[1]! })],
  [new RegExp(`^e:(${ID})$`), (m) => ({ kind: 'edit', questionId: m[1]! })],
  [new RegExp(`^p:(${ID})$`), (m) => ({ kind: 'keep', questionId: m[1]! })],
  [/^j:([A-Z0-9]{1,6}(?:\.[0-9]{1,2})?)$/, (m) => ({ kind: 'jump', section: m[1]! })],
  [/^r$/, () => ({ kind: 'review' })],
  [/^k$/, () => ({ kind: 'check' })],
];

/** Parses a button token; undefined for anything malformed (forged or from another system). */
export function parseToken(token: string): Token | undefined {
  if (typeof token !== 'string' || token.length > 40) return undefined;
  for (const [re, build] of PATTERNS) {
    const m = re.exec(token);
    if (m) return build(m);
  }
  return undefined;
}
