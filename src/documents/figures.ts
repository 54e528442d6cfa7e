import { addExact, answerMap, displayYesNo, hasContent, numericValue, paragraphsOf } from './format';

/** The options of a multiple-choice display ('a; b' or one per line). */
function optionsOf(display: string): string[] {
  return paragraphsOf(display)
    .flatMap((line) => line.split(/;\s*/))
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

import type { ExportAnswer, ExportQuestion, ExportUnitReport } from './types';

/**
 * Figures of the counted reports, ready to be said in sentences: totals with the split by block of
 * units, yes/no questions as "x/y đơn vị", multiple choices as how many units used each option.
 */

const maps = new WeakMap<ExportUnitReport, Map<string, ExportAnswer>>();
/** answerMap, built once per report (the drafting asks for the same answers many times). */
function answersOf(report: ExportUnitReport): Map<string, ExportAnswer> {
  let map = maps.get(report);
  if (!map) {
    map = answerMap(report);
    maps.set(report, map);
  }
  return map;
}

/** The block a unit is counted in: its units-file group, else its kind. */
export function groupOf(report: ExportUnitReport): string {
  return report.group?.trim() || report.unitKindLabel;
}

/** Groups in the order their first unit appears (the units file order), with their reports. */
export function groupReports(reports: ExportUnitReport[]): { group: string; reports: ExportUnitReport[] }[] {
  const out: { group: string; reports: ExportUnitReport[] }[] = [];
  for (const r of reports) {
    const g = groupOf(r);
    let entry = out.find((e) => e.group === g);
    if (!entry) {
      entry = { group: g, reports: [] };
      out.push(entry);
    }
    entry.reports.push(r);
  }
  return out;
}

export interface QuestionTotal {
  question: ExportQuestion;
  total: number;
  /** Units that gave a number. */
  units: number;
  byGroup: { group: string; value: number }[];
}

/** Total of one numeric question over the reports; null when none of them gave a number. */
export function totalOf(question: ExportQuestion, reports: ExportUnitReport[]): QuestionTotal | null {
  let total = 0;
  let units = 0;
  const byGroup: { group: string; value: number }[] = [];
  for (const r of reports) {
    const n = numericValue(answersOf(r).get(question.id)?.raw);
    if (n === null) continue;
    total = addExact(total, n);
    units++;
    const g = groupOf(r);
    const entry = byGroup.find((e) => e.group === g);
    if (entry) entry.value = addExact(entry.value, n);
    else byGroup.push({ group: g, value: n });
  }
  return units === 0 ? null : { question, total, units, byGroup };
}

/** Ward totals of every numeric question, by id (the "cùng kỳ" figures of a later round). */
export function totalsById(questions: ExportQuestion[], reports: ExportUnitReport[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const q of questions) {
    if (q.type !== 'number') continue;
    const t = totalOf(q, reports);
    if (t) out[q.id] = t.total;
  }
  return out;
}

export interface YesNoSummary {
  question: ExportQuestion;
  yes: number;
  answered: number;
  /** Units that answered "no". */
  noUnits: string[];
}

function boolOf(a: ExportAnswer): boolean | null {
  if (typeof a.raw === 'boolean') return a.raw;
  const d = displayYesNo(a).trim().toLocaleLowerCase('vi');
  if (d === 'có') return true;
  if (d === 'không') return false;
  return null;
}

export function yesNoOf(question: ExportQuestion, reports: ExportUnitReport[]): YesNoSummary | null {
  let yes = 0;
  let answered = 0;
  const noUnits: string[] = [];
  for (const r of reports) {
    const a = answersOf(r).get(question.id);
    if (!hasContent(a)) continue;
    const b = boolOf(a);
    if (b === null) continue;
    answered++;
    if (b) yes++;
    else noUnits.push(r.unitName);
  }
  return answered === 0 ? null : { question, yes, answered, noUnits };
}

/** Options of a multiple-choice question with how many units chose each, most used first. */
export function optionCounts(
  question: ExportQuestion,
  reports: ExportUnitReport[],
): { option: string; units: number }[] {
  const counts = new Map<string, number>();
  for (const r of reports) {
    const a = answersOf(r).get(question.id);
    if (!hasContent(a)) continue;
    for (const option of new Set(optionsOf(a.display))) counts.set(option, (counts.get(option) ?? 0) + 1);
  }
  return [...counts].map(([option, units]) => ({ option, units })).sort((x, y) => y.units - x.units);
}
