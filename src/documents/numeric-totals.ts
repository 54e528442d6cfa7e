import { addExact, isCounted, numericValue } from './format';
import type { ExportOutline, ExportUnitReport, NumericTotal } from './types';

/**
 * For every numeric question (in outline order), the value each submitted/accepted report gave and the
 * sum. Reports in any other status, and reports without a numeric answer to the question, give no row.
 */
export function numericTotals(outline: ExportOutline, reports: ExportUnitReport[]): NumericTotal[] {
  const counted = reports.filter((r) => isCounted(r.status));
  const byUnit = counted.map((r) => {
    const values = new Map<string, number>();
    for (const a of r.answers) {
      const n = numericValue(a.raw);
      if (n !== null) values.set(a.questionId, n);
    }
    return { unitName: r.unitName, values };
  });
  const out: NumericTotal[] = [];
  for (const section of outline.sections) {
    for (const question of section.questions) {
      if (question.type !== 'number') continue;
      const rows: { unitName: string; value: number }[] = [];
      let total = 0;
      for (const u of byUnit) {
        const value = u.values.get(question.id);
        if (value === undefined) continue;
        rows.push({ unitName: u.unitName, value });
        total = addExact(total, value);
      }
      out.push({ question, section, rows, total });
    }
  }
  return out;
}
