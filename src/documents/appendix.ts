import { AlignmentType, Paragraph, type Table, TableRow } from 'docx';
import { type DocBlock, gridTable, tableCell } from './docx-body';
import { centred, run, TEXT_WIDTH } from './docx-styles';
import { totalOf } from './figures';
import { answerMap, attachmentNames, formatNumber, hasContent, numericValue, questionLabel } from './format';
import { LABELS } from './labels';
import type { ExportOutline, ExportQuestion, ExportUnitReport } from './types';

/**
 * The appendix of the consolidated report (phụ lục): one table of the figures each unit reported,
 * unit by unit, with the files it attached, then the ward totals. It replaces one small table per
 * indicator in the body, which tells the figures in sentences.
 */

const W = [700, TEXT_WIDTH - 700 - 1700 - 1400, 1700, 1400] as const;

function numberQuestions(outline: ExportOutline): ExportQuestion[] {
  return outline.sections.flatMap((s) => s.questions.filter((q) => q.type === 'number'));
}

function attachmentQuestions(outline: ExportOutline): ExportQuestion[] {
  return outline.sections.flatMap((s) => s.questions.filter((q) => q.type === 'attachment'));
}

function spanRow(no: string, text: string, bold: boolean): TableRow {
  return new TableRow({
    cantSplit: true,
    children: [
      tableCell(no, W[0], { bold, align: 'center' }),
      tableCell(text, W[1] + W[2] + W[3], { bold, span: 3 }),
    ],
  });
}

function figureRow(q: ExportQuestion, value: number): TableRow {
  return new TableRow({
    cantSplit: true,
    children: [
      tableCell('', W[0]),
      tableCell(questionLabel(q), W[1]),
      tableCell(q.unit ?? '', W[2], { align: 'center' }),
      tableCell(formatNumber(value), W[3], { align: 'center' }),
    ],
  });
}

function headerRow(): TableRow {
  return new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: [
      tableCell(LABELS.tableNo, W[0], { bold: true, align: 'center' }),
      tableCell(LABELS.tableContent, W[1], { bold: true, align: 'center' }),
      tableCell(LABELS.appendix.measure, W[2], { bold: true, align: 'center' }),
      tableCell(LABELS.tableQuantity, W[3], { bold: true, align: 'center' }),
    ],
  });
}

/** The rows of one table: unit blocks, then "Tổng cộng toàn phường". */
export function appendixTable(outline: ExportOutline, reports: ExportUnitReport[]): Table {
  const numbers = numberQuestions(outline);
  const files = attachmentQuestions(outline);
  const rows: TableRow[] = [headerRow()];
  reports.forEach((r, i) => {
    rows.push(spanRow(String(i + 1), r.unitName, true));
    const answers = answerMap(r);
    let any = false;
    for (const q of numbers) {
      const n = numericValue(answers.get(q.id)?.raw);
      if (n === null) continue;
      rows.push(figureRow(q, n));
      any = true;
    }
    const names = files.flatMap((q) => {
      const a = answers.get(q.id);
      return hasContent(a) ? attachmentNames(a) : [];
    });
    if (names.length > 0) rows.push(spanRow('', `${LABELS.attachments}: ${names.join('; ')}`, false));
    else if (!any) rows.push(spanRow('', LABELS.appendix.noFigures, false));
  });
  const totals = numbers.map((q) => totalOf(q, reports)).filter((t) => t !== null);
  if (totals.length > 0) {
    rows.push(spanRow('', LABELS.appendix.wardTotal, true));
    for (const t of totals) rows.push(figureRow(t.question, t.total));
  }
  return gridTable([...W], rows);
}

/** "PHỤ LỤC", its title and what it is attached to, on a new page, then the table. */
export function appendixBlocks(
  outline: ExportOutline,
  reports: ExportUnitReport[],
  attachedTo: string,
): DocBlock[] {
  return [
    new Paragraph({
      children: [run(LABELS.appendix.title, { bold: true })],
      alignment: AlignmentType.CENTER,
      pageBreakBefore: true,
      spacing: { before: 0, after: 0, line: 240, lineRule: 'auto' },
    }),
    centred([run(LABELS.appendix.subtitle, { bold: true })]),
    centred([run(`(${attachedTo})`, { italics: true })], 240),
    appendixTable(outline, reports),
  ];
}
