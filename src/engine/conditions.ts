import type { Flow, Question, Section } from './flow-schema';
import type { AnswerLookup, AnswerValue, EngineContext } from './types';

/** A question with its place in the flow; `index` is its position in flow order. */
export interface Entry {
  question: Question;
  section: Section;
  index: number;
}

/** Flat, indexed view of a flow, built once per flow object. */
export interface FlowIndex {
  flow: Flow;
  entries: Entry[];
  byId: Map<string, Entry>;
}

// Flows are immutable after loading, so a WeakMap cache keeps every step O(questions) without rebuilding.
const cache = new WeakMap<Flow, FlowIndex>();

export function indexFlow(flow: Flow): FlowIndex {
  let idx = cache.get(flow);
  if (!idx) {
    const entries: Entry[] = [];
    for (const section of flow.sections)
      for (const question of section.questions) entries.push({ question, section, index: entries.length });
    idx = { flow, entries, byId: new Map(entries.map((e) => [e.question.id, e])) };
    cache.set(flow, idx);
  }
  return idx;
}

/** True when the answer counts as given: not undefined, not blank text, not an empty list. */
export function hasAnswer(v: AnswerValue | undefined): boolean {
  if (v === undefined || v === null) return false;
  if (typeof v === 'string') return v.trim() !== '';
  if (Array.isArray(v)) return v.length > 0;
  return true;
}

/** Section subset of an ad-hoc round: "IV" covers IV.1–IV.3. */
export function sectionSelected(number: string, selected: readonly string[] | undefined): boolean {
  if (!selected) return true;
  return selected.some((s) => s === number || number.startsWith(`${s}.`));
}

function valueMatches(answer: AnswerValue, expected: string | number | boolean): boolean {
  if (Array.isArray(answer)) return answer.some((a) => a === expected);
  return answer === expected;
}

/**
 * Whether `entry` applies to this unit with these answers. Conditions refer only
 * to earlier questions (checked at load), and an answer to a question that does
 * not apply is ignored — so a chain is evaluated recursively, bounded by `depth`.
 */
export function isApplicable(
  idx: FlowIndex,
  entry: Entry,
  ctx: EngineContext,
  answers: AnswerLookup,
  depth = 0,
): boolean {
  const { section, question } = entry;
  if (section.appliesTo && !section.appliesTo.includes(ctx.unitKind)) return false;
  if (!sectionSelected(section.number, ctx.sections)) return false;
  const when = question.when;
  if (!when) return true;
  if (when.unitKinds && !when.unitKinds.includes(ctx.unitKind)) return false;
  const cond = when.answer;
  if (!cond) return true;
  const ref = idx.byId.get(cond.question);
  if (!ref || ref.index >= entry.index || depth > 50) return false;
  if (!isApplicable(idx, ref, ctx, answers, depth + 1)) return false;
  const value = answers.get(cond.question);
  if (cond.notEmpty !== undefined) return hasAnswer(value) === cond.notEmpty;
  if (!hasAnswer(value)) return false;
  if (cond.greaterThan !== undefined) return typeof value === 'number' && value > cond.greaterThan;
  if (cond.equals !== undefined) return valueMatches(value!, cond.equals);
  if (cond.in) return cond.in.some((x) => valueMatches(value!, x));
  return true;
}

/** Answers with one value replaced or removed, without copying the map (keeps a step O(questions)). */
export function overlay(
  base: AnswerLookup,
  questionId: string,
  value: AnswerValue | undefined,
): AnswerLookup {
  return { get: (id) => (id === questionId ? value : base.get(id)) };
}
