import type ExcelJS from 'exceljs';
import { totalOf } from './figures';
import { answerMap, cleanText, isCounted, numericValue, questionLabel } from './format';
import { LABELS } from './labels';
import { periodText } from './prose';
import type { ExportOutline, ExportQuestion, ExportRound, ExportUnitReport } from './types';

/**
 * The "Số liệu" sheet: one row per unit with its figures (submitted and accepted reports only), one
 * column per numeric question, and a "Tổng cộng" row whose cells stay blank where nobody answered.
 * Row 2 holds the question ids: `npm run cli -- import-round` reads this layout back (last year's
 * figures for "so với cùng kỳ"), so a sheet filled in by hand in the same layout imports too.
 */

export const FIGURES_FIXED_COLUMNS = 4;
/** First row of units (row 1: titles, row 2: question ids). */
export const FIGURES_FIRST_ROW = 3;

export function figureQuestions(outline: ExportOutline): { q: ExportQuestion; section: string }[] {
  return outline.sections.flatMap((s) =>
    s.questions.filter((q) => q.type === 'number').map((q) => ({ q, section: s.number })),
  );
}

export function addFiguresSheet(
  wb: ExcelJS.Workbook,
  outline: ExportOutline,
  reports: ExportUnitReport[],
  style: (row: ExcelJS.Row) => void,
): ExcelJS.Worksheet {
  const questions = figureQuestions(outline);
  const ws = wb.addWorksheet(LABELS.xlsx.figuresSheet, {
    views: [{ state: 'frozen', xSplit: 2, ySplit: 2 }],
  });
  ws.columns = [
    { header: LABELS.xlsx.unitCode, width: 12 },
    { header: LABELS.xlsx.unitName, width: 32 },
    { header: LABELS.xlsx.group, width: 24 },
    { header: LABELS.xlsx.status, width: 16 },
    ...questions.map(({ q, section }) => ({
      header: `${section}. ${cleanText(questionLabel(q))}${q.unit ? ` (${q.unit})` : ''}`,
      width: 14,
    })),
  ];
  style(ws.getRow(1));
  const ids = ws.addRow([LABELS.xlsx.questionId, null, null, null, ...questions.map(({ q }) => q.id)]);
  ids.font = { italic: true, size: 8, color: { argb: 'FF808080' } };

  for (const r of reports) {
    const answers = answerMap(r);
    ws.addRow([
      cleanText(r.unitCode),
      cleanText(r.unitName),
      cleanText(r.group ?? r.unitKindLabel),
      r.statusText ?? LABELS.status[r.status],
      ...questions.map(({ q }) => (isCounted(r.status) ? numericValue(answers.get(q.id)?.raw) : null)),
    ]);
  }
  const counted = reports.filter((r) => isCounted(r.status));
  const last = FIGURES_FIRST_ROW + reports.length - 1;
  const totals: ExcelJS.CellValue[] = [null, LABELS.total, null, null];
  questions.forEach(({ q }, i) => {
    const t = totalOf(q, counted);
    const col = ws.getColumn(FIGURES_FIXED_COLUMNS + 1 + i).letter;
    // blank, not 0, when no unit gave this figure
    totals.push(t ? { formula: `SUM(${col}${FIGURES_FIRST_ROW}:${col}${last})`, result: t.total } : null);
  });
  const totalRow = ws.addRow(totals);
  totalRow.font = { bold: true };
  totalRow.eachCell((c) => {
    c.border = { top: { style: 'double' } };
  });
  return ws;
}

/** Lines under the status table: the round, its deadline and its data window. */
export function addRoundFooter(ws: ExcelJS.Worksheet, round: ExportRound): void {
  ws.addRow([]);
  const lines: [string, string][] = [
    [LABELS.xlsx.round, cleanText(round.title)],
    [LABELS.xlsx.due, cleanText(round.dueLabel)],
    [LABELS.xlsx.dataWindow, periodText(round.dataFrom, round.dataTo) || LABELS.xlsx.noDataWindow],
  ];
  for (const [label, value] of lines) {
    const row = ws.addRow([label, value]);
    row.getCell(1).font = { bold: true };
  }
}
