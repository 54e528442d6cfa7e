import { AlignmentType, Paragraph, Table, TableCell, TableRow, VerticalAlignTable, WidthType } from 'docx';
import { centred, NO_TABLE_BORDERS, ruleParagraph, run, SIZE, TEXT_WIDTH } from './docx-styles';
import { placeDateLine } from './format';
import { LABELS } from './labels';
import type { ExportHeader } from './types';

/**
 * The header block of a State body (Decree 30/2020/NĐ-CP, Appendix I) and of the Fatherland Front
 * and mass organisations, which use the same layout: on the left the managing body (upright) and
 * the issuing body (bold), a short rule (or the organisation's own mark, "***" for the Youth Union),
 * the number "Số: …/BC-UBND"; on the right the national motto "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
 * (12–13 pt bold) and "Độc lập - Tự do - Hạnh phúc" (13–14 pt bold) with a rule under it — or the
 * organisation's own line ("ĐOÀN TNCS HỒ CHÍ MINH") — and the place and date in italics.
 */

const LEFT = 3700;
const RIGHT = TEXT_WIDTH - LEFT;

function cell(children: Paragraph[], width: number): TableCell {
  return new TableCell({
    children,
    width: { size: width, type: WidthType.DXA },
    verticalAlign: VerticalAlignTable.TOP,
  });
}

function lines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

const upper = (s: string): string => s.toLocaleUpperCase('vi');

export function formHeaderBlock(header: ExportHeader): Table {
  const left: Paragraph[] = [
    ...lines(header.superiorBody).map((l) => centred([run(upper(l), { size: SIZE.motto })])),
    ...lines(header.issuingBody).map((l) => centred([run(upper(l), { bold: true, size: SIZE.motto })])),
    header.mark ? centred([run(header.mark)]) : ruleParagraph(1200, LEFT),
  ];
  const motto = header.motto ?? LABELS.nationalMotto;
  const right: Paragraph[] = motto.map((l, i) =>
    centred([run(i === 0 ? upper(l) : l, { bold: true, size: i === 0 ? SIZE.mottoFirst : SIZE.body })]),
  );
  right.push(ruleParagraph(motto.length > 1 ? 3000 : 3600, RIGHT));
  const number = [centred([run(header.documentNumber, { size: SIZE.motto })])];
  const date = [
    new Paragraph({
      children: [run(placeDateLine(header.place, header.date), { italics: true })],
      alignment: AlignmentType.CENTER,
      spacing: { before: 60, after: 0, line: 240, lineRule: 'auto' },
    }),
  ];
  return new Table({
    rows: [
      new TableRow({ children: [cell(left, LEFT), cell(right, RIGHT)] }),
      new TableRow({ children: [cell(number, LEFT), cell(date, RIGHT)] }),
    ],
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [LEFT, RIGHT],
    borders: NO_TABLE_BORDERS,
    margins: { top: 0, bottom: 0, left: 0, right: 0 },
    layout: 'fixed',
  });
}
