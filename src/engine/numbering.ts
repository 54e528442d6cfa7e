import { type Entry, type FlowIndex, indexFlow, isApplicable } from './conditions';
import type { Flow } from './flow-schema';
import type { AnswerLookup, EngineContext } from './types';

/**
 * How questions are numbered for people: every message ("Câu 7/29"), the end summary, the review,
 * /sua and /nop use this one numbering, so a number a contact reads is one they can type back.
 *
 * - Answers filled in from the units file (`ctx.preset`) are not numbered: nobody is asked them, so
 *   numbering starts at 1 on the first question a person answers.
 * - A follow-up (a question shown only for some answer to an earlier question of the same section,
 *   e.g. "Nếu có, …") takes its parent's number with a letter: 7a, 7b. The total counts the other
 *   questions only, so it does not move as follow-ups appear or disappear.
 */
export interface Numbered {
  entry: Entry;
  /** "7" or "7a". */
  label: string;
}

export interface Numbering {
  /** Applicable, numbered entries in flow order (pre-filled ones left out). */
  list: Numbered[];
  /** Count of main (not follow-up) questions: the "/29" of "Câu 7/29". */
  total: number;
  labelOf(questionId: string): string | undefined;
  /** The entry a typed number names ("7", "câu 7a"), if any. */
  find(label: string): Entry | undefined;
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

export function isPreset(ctx: EngineContext, questionId: string): boolean {
  return ctx.preset?.has(questionId) ?? false;
}

function isFollowUp(idx: FlowIndex, ctx: EngineContext, entry: Entry): boolean {
  const ref = entry.question.when?.answer?.question;
  if (!ref || isPreset(ctx, ref)) return false;
  return idx.byId.get(ref)?.section === entry.section;
}

export function numberingOf(idx: FlowIndex, ctx: EngineContext, answers: AnswerLookup): Numbering {
  const list: Numbered[] = [];
  let main = 0;
  let sub = 0;
  for (const entry of idx.entries) {
    if (isPreset(ctx, entry.question.id) || !isApplicable(idx, entry, ctx, answers)) continue;
    if (main > 0 && isFollowUp(idx, ctx, entry)) {
      list.push({ entry, label: `${main}${LETTERS[Math.min(sub, LETTERS.length - 1)]}` });
      sub += 1;
    } else {
      main += 1;
      sub = 0;
      list.push({ entry, label: String(main) });
    }
  }
  const byId = new Map(list.map((n) => [n.entry.question.id, n.label]));
  const byLabel = new Map(list.map((n) => [n.label, n.entry]));
  return {
    list,
    total: main,
    labelOf: (id) => byId.get(id),
    find: (label) =>
      byLabel.get(
        label
          .trim()
          .toLowerCase()
          .replace(/^câu\s*/u, '')
          .replace(/\s+/g, ''),
      ),
  };
}

/** {@link numberingOf} for a flow, with the context's own answers. */
export function flowNumbering(
  flow: Flow,
  ctx: EngineContext,
  answers: AnswerLookup = ctx.answers,
): Numbering {
  return numberingOf(indexFlow(flow), ctx, answers);
}
