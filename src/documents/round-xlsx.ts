import ExcelJS from 'exceljs';
import { addFiguresSheet, addRoundFooter } from './figures-sheet';
import {
  answerMap,
  appliesTo,
  attachmentNames,
  cleanText,
  displayYesNo,
  excelLocalDate,
  hasContent,
  isCounted,
  numericValue,
  paragraphsOf,
  parseIsoDay,
  questionLabel,
  statusLabel,
} from './format';
import { LABELS } from './labels';
import { numericTotals } from './numeric-totals';
import type { ExportAnswer, ExportQuestion, ExportSection, RoundXlsxInput } from './types';

/** Excel refuses longer cell text. */
export const EXCEL_CELL_LIMIT = 32767;
const DATE_FMT = 'dd/mm/yyyy';
const DATE_TIME_FMT = 'dd/mm/yyyy hh:mm';
const FIXED_COLUMNS = 5;

type CellValue = string | number | Date | null;

export function truncateCell(raw: string): string {
  const text = cleanText(raw);
  if (text.length <= EXCEL_CELL_LIMIT) return text;
  return text.slice(0, EXCEL_CELL_LIMIT - LABELS.truncated.length) + LABELS.truncated;
}

/** The cell for one answer: numbers as numbers, dates as Dates, yes/no as "Có"/"Không", the rest as text. */
function answerCell(q: ExportQuestion, a: ExportAnswer): CellValue {
  switch (q.type) {
    case 'number':
      return numericValue(a.raw) ?? truncateCell(a.display);
    case 'date':
      return parseIsoDay(a.raw) ?? truncateCell(a.display);
    case 'yesno':
      return cleanText(displayYesNo(a));
    case 'multi':
      return truncateCell(Array.isArray(a.raw) ? paragraphsOf(a.display).join('; ') : a.display);
    case 'attachment':
      return truncateCell(attachmentNames(a).join('; '));
    default:
      return truncateCell(a.display);
  }
}

function columnWidth(q: ExportQuestion): number {
  switch (q.type) {
    case 'text':
      return 50;
    case 'number':
    case 'date':
    case 'yesno':
      return 14;
    default:
      return 24;
  }
}

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};

function styleHeader(row: ExcelJS.Row): void {
  row.font = { name: 'Times New Roman', bold: true, size: 11 };
  row.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  row.height = 60;
  row.eachCell((c) => {
    c.fill = HEADER_FILL;
    c.border = THIN;
  });
}

/**
 * The round as a workbook. Sheet "Tổng hợp": one row per unit, one column per question, answers only for
 * submitted/accepted reports (so the SUM row equals the consolidated totals), and a "Tổng cộng" row with
 * SUM formulas and cached results. Sheet "Trạng thái": every unit's status, submission time, version and
 * receipt number. Times are Asia/Ho_Chi_Minh wall clock.
 */
export async function buildRoundXlsx(input: RoundXlsxInput): Promise<Buffer> {
  const { outline, round, reports } = input;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'baocao-bot';
  wb.title = round.title;
  wb.created = new Date();

  const questions: { q: ExportQuestion; section: ExportSection }[] = [];
  for (const section of outline.sections) for (const q of section.questions) questions.push({ q, section });

  // ---- Tổng hợp
  const ws = wb.addWorksheet(LABELS.xlsx.summarySheet, {
    views: [{ state: 'frozen', xSplit: 2, ySplit: 1 }],
  });
  ws.columns = [
    { header: LABELS.xlsx.unitCode, key: 'code', width: 12 },
    { header: LABELS.xlsx.unitName, key: 'name', width: 32 },
    { header: LABELS.xlsx.unitKind, key: 'kind', width: 20 },
    { header: LABELS.xlsx.status, key: 'status', width: 16 },
    { header: LABELS.xlsx.submittedAt, key: 'at', width: 18 },
    ...questions.map(({ q, section }) => ({
      header: `${section.number}. ${cleanText(questionLabel(q))}${q.type === 'number' && q.unit ? ` (${q.unit})` : ''}`,
      key: `q:${q.id}`,
      width: columnWidth(q),
    })),
  ];
  styleHeader(ws.getRow(1));

  for (const r of reports) {
    const answers = answerMap(r);
    const values: CellValue[] = [
      cleanText(r.unitCode),
      cleanText(r.unitName),
      cleanText(r.unitKindLabel),
      r.statusText ?? statusLabel(r),
      r.submittedAt && isCounted(r.status) ? excelLocalDate(r.submittedAt) : null,
    ];
    for (const { q } of questions) {
      const a = answers.get(q.id);
      values.push(isCounted(r.status) && hasContent(a) ? answerCell(q, a) : null);
    }
    const row = ws.addRow(values);
    row.alignment = { vertical: 'top', wrapText: true };
    row.getCell(5).numFmt = DATE_TIME_FMT;
    questions.forEach(({ q }, i) => {
      const c = row.getCell(FIXED_COLUMNS + 1 + i);
      if (q.type === 'date') c.numFmt = DATE_FMT;
      if (!appliesTo(q, r.unitKind) && c.value === null) {
        c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
      }
    });
  }

  const firstDataRow = 2;
  const lastDataRow = reports.length + 1;
  const totals = new Map(
    numericTotals(outline, reports)
      .filter((t) => t.rows.length > 0)
      .map((t) => [t.question.id, t]),
  );
  const totalValues: ExcelJS.CellValue[] = [null, LABELS.total, null, null, null];
  questions.forEach(({ q }, i) => {
    if (q.type !== 'number') {
      totalValues.push(null);
      return;
    }
    const col = ws.getColumn(FIXED_COLUMNS + 1 + i).letter;
    const total = totals.get(q.id);
    // blank, not 0, when no unit gave this figure
    totalValues.push(
      total ? { formula: `SUM(${col}${firstDataRow}:${col}${lastDataRow})`, result: total.total } : null,
    );
  });
  const totalRow = ws.addRow(totalValues);
  totalRow.font = { bold: true };
  totalRow.eachCell((c) => {
    c.border = { top: { style: 'double' } };
  });
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: FIXED_COLUMNS + questions.length } };

  // ---- Trạng thái
  const st = wb.addWorksheet(LABELS.xlsx.statusSheet, { views: [{ state: 'frozen', ySplit: 1 }] });
  st.columns = [
    { header: LABELS.xlsx.unitCode, key: 'code', width: 12 },
    { header: LABELS.xlsx.unitName, key: 'name', width: 36 },
    { header: LABELS.xlsx.unitKind, key: 'kind', width: 20 },
    { header: LABELS.xlsx.status, key: 'status', width: 18 },
    { header: LABELS.xlsx.submittedAt, key: 'at', width: 18, style: { numFmt: DATE_TIME_FMT } },
    { header: LABELS.xlsx.version, key: 'version', width: 10 },
    { header: LABELS.xlsx.receiptNo, key: 'receipt', width: 16 },
  ];
  styleHeader(st.getRow(1));
  st.getRow(1).height = 30;
  for (const r of reports) {
    st
      .addRow([
        cleanText(r.unitCode),
        cleanText(r.unitName),
        cleanText(r.unitKindLabel),
        r.statusText ?? statusLabel(r),
        r.submittedAt ? excelLocalDate(r.submittedAt) : null,
        r.version ?? null,
        (r.receiptNo && cleanText(r.receiptNo)) || null,
      ])
      .getCell(5).numFmt = DATE_TIME_FMT;
  }
  st.autoFilter = { from: { row: 1, column: 1 }, to: { row: reports.length + 1, column: 7 } };
  addRoundFooter(st, round);

  addFiguresSheet(wb, outline, reports, styleHeader);

  const out = await wb.xlsx.writeBuffer();
  return Buffer.from(out as ArrayBuffer);
}
