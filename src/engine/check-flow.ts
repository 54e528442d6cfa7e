import type { z } from 'zod';
import { type Flow, flowSchema, type Question } from './flow-schema';
import { UNIT_KINDS } from './types';

/** Sections every main report flow must have, as the letter's outline numbers them. */
export const OUTLINE_SECTIONS = ['I', 'II.1', 'II.2', 'III', 'IV.1', 'IV.2', 'IV.3', 'V', 'VI'] as const;

/** `sections[2].questions[4].type` */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out === '' ? String(seg) : `.${String(seg)}`;
  }
  return out === '' ? '(root)' : out;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_value':
      return `expected one of ${issue.values.map(String).join(', ')}`;
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    case 'invalid_type':
      // Zod says "received undefined" for a missing field; staff understand "is required" better.
      return /received undefined/.test(issue.message) ? 'is required' : `expected ${issue.expected}`;
    default:
      return issue.message;
  }
}

/** Validates a parsed flow file: schema first, then the rules a schema cannot express. */
export function validateFlow(raw: unknown, source: string): { flow?: Flow; problems: string[] } {
  const parsed = flowSchema.safeParse(raw);
  if (!parsed.success) {
    return {
      problems: parsed.error.issues.map((i) => `${source}: ${formatPath(i.path)}: ${describeIssue(i)}`),
    };
  }
  const problems = checkFlowRules(parsed.data).map((p) => `${source}: ${p}`);
  return problems.length > 0 ? { problems } : { flow: parsed.data, problems };
}

/** Rules across fields and questions. Returns `path: problem` strings. */
export function checkFlowRules(flow: Flow): string[] {
  const problems: string[] = [];
  const seen = new Map<string, string>(); // question id → path where first defined
  const byId = new Map<string, Question>();
  const sectionBlocks = new Map<string, { index: number; kinds: Set<string> | 'all' }>();

  flow.sections.forEach((section, si) => {
    const sp = `sections[${si}]`;
    if (section.questions.length === 0)
      problems.push(`${sp}.questions: section ${section.number} has no questions`);

    // A number may repeat only in adjacent blocks meant for disjoint unit kinds (section III).
    const prev = sectionBlocks.get(section.number);
    const kinds: Set<string> | 'all' = section.appliesTo ? new Set(section.appliesTo) : 'all';
    if (prev) {
      const prevSection = flow.sections[si - 1];
      if (prevSection?.number !== section.number) {
        problems.push(`${sp}.number: section ${section.number} repeats but is not next to its other block`);
      }
      if (prev.kinds === 'all' || kinds === 'all') {
        problems.push(`${sp}.appliesTo: section ${section.number} repeats, so each block needs appliesTo`);
      } else {
        const overlap = [...kinds].filter((k) => (prev.kinds as Set<string>).has(k));
        if (overlap.length > 0)
          problems.push(
            `${sp}.appliesTo: ${overlap.join(', ')} already in another block of section ${section.number}`,
          );
        for (const k of kinds) prev.kinds.add(k);
      }
    } else {
      sectionBlocks.set(section.number, { index: si, kinds: kinds === 'all' ? 'all' : new Set(kinds) });
    }

    section.questions.forEach((q, qi) => {
      const qp = `${sp}.questions[${qi}]`;
      const first = seen.get(q.id);
      if (first) problems.push(`${qp}.id: duplicate question id "${q.id}" (first used at ${first})`);
      else seen.set(q.id, qp);
      problems.push(...checkQuestion(q, qp, byId, section.appliesTo));
      byId.set(q.id, q);
    });
  });

  if (flow.kind === 'main') {
    for (const n of OUTLINE_SECTIONS) {
      if (!sectionBlocks.has(n)) problems.push(`sections: the outline section ${n} is missing`);
    }
    for (const k of kindsWithoutQuestions(flow)) problems.push(`sections: unit kind ${k} sees no question`);
  }
  return problems;
}

function checkQuestion(
  q: Question,
  qp: string,
  earlier: ReadonlyMap<string, Question>,
  sectionKinds: readonly string[] | undefined,
): string[] {
  const problems: string[] = [];
  const isChoice = q.type === 'choice' || q.type === 'multi';
  if (isChoice) {
    const opts = q.options ?? [];
    if (opts.length === 0) problems.push(`${qp}.options: a ${q.type} question needs options`);
    else if (q.type === 'choice' && opts.length < 2)
      problems.push(`${qp}.options: a choice needs at least 2 options`);
    const ids = new Set<string>();
    opts.forEach((o, oi) => {
      if (ids.has(o.id)) problems.push(`${qp}.options[${oi}].id: duplicate option id "${o.id}"`);
      ids.add(o.id);
    });
    if (opts.length > 30)
      problems.push(`${qp}.options: at most 30 options (they are numbered in the message)`);
  } else if (q.options) {
    problems.push(`${qp}.options: only choice and multi questions have options`);
  }
  if (q.type !== 'number') {
    for (const f of ['min', 'max', 'unit'] as const)
      if (q[f] !== undefined) problems.push(`${qp}.${f}: only number questions have ${f}`);
  } else if (q.min !== undefined && q.max !== undefined && q.min > q.max) {
    problems.push(`${qp}.max: must not be below min (${q.min})`);
  }
  if (q.type !== 'text') {
    for (const f of ['minLength', 'maxLength'] as const)
      if (q[f] !== undefined) problems.push(`${qp}.${f}: only text questions have ${f}`);
  } else if (q.minLength !== undefined && q.maxLength !== undefined && q.minLength > q.maxLength) {
    problems.push(`${qp}.maxLength: must not be below minLength (${q.minLength})`);
  }
  if (q.type !== 'attachment') {
    for (const f of ['maxFiles', 'maxSizeMb'] as const)
      if (q[f] !== undefined) problems.push(`${qp}.${f}: only attachment questions have ${f}`);
  }

  const kinds = q.when?.unitKinds;
  if (kinds && sectionKinds && !kinds.some((k) => sectionKinds.includes(k))) {
    problems.push(`${qp}.when.unitKinds: never applies, the section is only for ${sectionKinds.join(', ')}`);
  }
  const cond = q.when?.answer;
  if (cond) {
    const cp = `${qp}.when.answer`;
    const tests = [cond.equals, cond.in, cond.notEmpty, cond.greaterThan].filter((t) => t !== undefined);
    if (tests.length !== 1) problems.push(`${cp}: give exactly one of equals, in, notEmpty, greaterThan`);
    const ref = earlier.get(cond.question);
    if (cond.question === q.id) problems.push(`${cp}.question: a question cannot depend on itself`);
    else if (!ref)
      problems.push(`${cp}.question: "${cond.question}" is not an earlier question of this flow`);
    else if (cond.greaterThan !== undefined && ref.type !== 'number') {
      problems.push(`${cp}.greaterThan: "${ref.id}" is not a number question`);
    } else {
      const values = cond.in ?? (cond.equals !== undefined ? [cond.equals] : []);
      for (const v of values) {
        const why = valueMismatch(ref, v);
        if (why) problems.push(`${cp}: ${why}`);
      }
    }
  }
  return problems;
}

/** Why `v` can never be an answer of `ref` (so the condition would be dead), or undefined. */
function valueMismatch(ref: Question, v: unknown): string | undefined {
  switch (ref.type) {
    case 'choice':
    case 'multi':
      return typeof v === 'string' && (ref.options ?? []).some((o) => o.id === v)
        ? undefined
        : `"${String(v)}" is not an option id of "${ref.id}"`;
    case 'yesno':
      return typeof v === 'boolean' ? undefined : `"${ref.id}" is yes/no, compare with true or false`;
    case 'number':
      return typeof v === 'number' ? undefined : `"${ref.id}" is a number, compare with a number`;
    case 'date':
      return typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)
        ? undefined
        : `"${ref.id}" is a date, compare with yyyy-mm-dd`;
    default:
      // Text answers reach the engine abbreviated, so only notEmpty is reliable.
      return `"${ref.id}" is ${ref.type}; only notEmpty can test it`;
  }
}

/** Every unit kind must see at least one question in a main flow, or its report would be empty. */
export function kindsWithoutQuestions(flow: Flow): string[] {
  return UNIT_KINDS.filter(
    (k) =>
      !flow.sections.some(
        (s) =>
          (!s.appliesTo || s.appliesTo.includes(k)) &&
          s.questions.some((q) => !q.when?.unitKinds || q.when.unitKinds.includes(k)),
      ),
  );
}
