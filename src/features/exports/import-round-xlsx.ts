import ExcelJS from 'exceljs';
import { addExact, FIGURES_FIRST_ROW, FIGURES_FIXED_COLUMNS, LABELS } from '../../documents';
import type { ImportedRound } from './imported-rounds';

/**
 * Reads the figures of a round from an .xlsx in the layout the bot exports (sheet "Số liệu": row 1
 * titles, row 2 question ids, one row per unit, then "Tổng cộng"). Unknown question ids are
 * reported and left out; the totals are computed again from the unit rows, never read.
 */

export class ImportRoundError extends Error {}

export interface ParsedRound {
  units: ImportedRound['units'];
  totals: Record<string, number>;
  /** Question ids of the sheet that the outline does not have. */
  unknownIds: string[];
}

function cellNumber(value: ExcelJS.CellValue): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (value && typeof value === 'object' && 'result' in value && typeof value.result === 'number') {
    return value.result;
  }
  if (typeof value === 'string') {
    const s = value.trim().replace(/\s/g, '');
    if (/^-?\d+([.,]\d+)?$/.test(s)) return Number(s.replace(',', '.'));
  }
  return null;
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object' && 'richText' in value)
    return value.richText
      .map((r) => r.text)
      .join('')
      .trim();
  return String(value).trim();
}

export async function parseRoundXlsx(bytes: Buffer, knownIds: ReadonlySet<string>): Promise<ParsedRound> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new ImportRoundError('không đọc được tệp .xlsx (tệp hỏng hoặc không phải Excel)');
  }
  const ws = wb.getWorksheet(LABELS.xlsx.figuresSheet);
  if (!ws) {
    throw new ImportRoundError(
      `tệp không có trang "${LABELS.xlsx.figuresSheet}" (dùng tệp .xlsx do bot xuất, hoặc điền số liệu theo mẫu đó)`,
    );
  }
  const columns: { col: number; id: string }[] = [];
  const unknownIds: string[] = [];
  ws.getRow(2).eachCell((cell, col) => {
    if (col <= FIGURES_FIXED_COLUMNS) return;
    const id = cellText(cell.value);
    if (id === '') return;
    if (knownIds.has(id)) columns.push({ col, id });
    else unknownIds.push(id);
  });
  if (columns.length === 0)
    throw new ImportRoundError('hàng 2 của trang "Số liệu" không có mã câu hỏi nào của đề cương');

  const units: ImportedRound['units'] = [];
  const totals: Record<string, number> = {};
  for (let r = FIGURES_FIRST_ROW; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const code = cellText(row.getCell(1).value);
    const name = cellText(row.getCell(2).value);
    if (name === LABELS.total || (code === '' && name === '')) break;
    const values: Record<string, number> = {};
    for (const { col, id } of columns) {
      const n = cellNumber(row.getCell(col).value);
      if (n === null) continue;
      values[id] = n;
      totals[id] = addExact(totals[id] ?? 0, n);
    }
    units.push({ code, name, values });
  }
  return { units, totals, unknownIds };
}
