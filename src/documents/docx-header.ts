import {
  AlignmentType,
  Document,
  Header,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from 'docx';
import { formHeaderBlock } from './docx-header-forms';
import {
  BODY,
  centred,
  DOCUMENT_STYLES,
  FONT,
  NO_TABLE_BORDERS,
  ruleParagraph,
  run,
  SECTION_PAGE,
  SIZE,
  TEXT_WIDTH,
} from './docx-styles';
import { placeDateLine } from './format';
import { LABELS } from './labels';
import type { ExportHeader } from './types';

const HEADER_LEFT = 4500;
const HEADER_RIGHT = TEXT_WIDTH - HEADER_LEFT;
const CELL_MARGINS = { top: 0, bottom: 0, left: 0, right: 0 };

function cell(children: Paragraph[], width: number): TableCell {
  return new TableCell({
    children,
    width: { size: width, type: WidthType.DXA },
    verticalAlign: VerticalAlignTable.TOP,
  });
}

function upper(s: string): string {
  return s.toLocaleUpperCase('vi');
}

/**
 * The header block (thể thức): a borderless 2×2 table.
 * Left: superior body, issuing body (bold), "*", number. Right: "ĐẢNG CỘNG SẢN VIỆT NAM" with a rule, place and date.
 * Number and date share the second row so they line up, as on the printed form.
 */
export function headerBlock(header: ExportHeader): Table {
  if (header.form && header.form !== 'dang') return formHeaderBlock(header);
  const left1 = [
    centred([run(upper(header.superiorBody))]),
    centred([run(upper(header.issuingBody), { bold: true })]),
    centred([run(LABELS.star)]),
  ];
  const right1 = [
    centred([run(LABELS.partyName, { bold: true, size: SIZE.party })]),
    ruleParagraph(4200, HEADER_RIGHT),
  ];
  const left2 = [centred([run(header.documentNumber)])];
  const right2 = [
    new Paragraph({
      children: [run(placeDateLine(header.place, header.date), { italics: true })],
      alignment: AlignmentType.CENTER,
      spacing: { before: 0, after: 0, line: 240, lineRule: 'auto' },
    }),
  ];
  return new Table({
    rows: [
      new TableRow({ children: [cell(left1, HEADER_LEFT), cell(right1, HEADER_RIGHT)] }),
      new TableRow({ children: [cell(left2, HEADER_LEFT), cell(right2, HEADER_RIGHT)] }),
    ],
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [HEADER_LEFT, HEADER_RIGHT],
    borders: NO_TABLE_BORDERS,
    margins: CELL_MARGINS,
    layout: 'fixed',
  });
}

/** "BÁO CÁO", the subject (trích yếu) and a short rule, centred. */
export function titleBlock(header: ExportHeader, extra: string[] = []): Paragraph[] {
  const out = [
    new Paragraph({
      children: [run(LABELS.reportTitle, { bold: true, size: SIZE.title })],
      alignment: AlignmentType.CENTER,
      spacing: { before: 480, after: 0, line: 240, lineRule: 'auto' },
    }),
    centred([run(upperFirst(header.subject), { bold: true })], 60),
  ];
  for (const line of extra) out.push(centred([run(line, { italics: true })], 60));
  out.push(ruleParagraph(1800, TEXT_WIDTH, 360));
  return out;
}

function upperFirst(s: string): string {
  return s.length === 0 ? s : s.charAt(0).toLocaleUpperCase('vi') + s.slice(1);
}

/** Bottom block: "Nơi nhận:" list on the left, the signer on the right, in a borderless table. */
export function closingBlock(header: ExportHeader): Table {
  const left = TEXT_WIDTH * 0.45;
  const right = TEXT_WIDTH - left;
  const recipients = header.recipients ?? [];
  const leftChildren = [
    new Paragraph({
      children: [run(LABELS.recipients, { bold: true, italics: true, size: SIZE.recipientsLabel })],
      spacing: { before: 0, after: 0, line: 240, lineRule: 'auto' },
    }),
    ...recipients.map(
      (r) =>
        new Paragraph({
          children: [run(r.trim().startsWith('-') ? r.trim() : `- ${r.trim()}`, { size: SIZE.small })],
          spacing: { before: 0, after: 0, line: 240, lineRule: 'auto' },
        }),
    ),
  ];
  const signer = (text: string | undefined): Paragraph[] =>
    text ? [centred([run(upper(text), { bold: true })])] : [];
  const rightChildren = [
    ...signer(header.signerOnBehalf),
    ...signer(header.signerTitle),
    // room for the signature and seal
    ...[0, 1, 2, 3].map(() => centred([])),
    ...(header.signerName ? [centred([run(header.signerName, { bold: true })])] : []),
  ];
  return new Table({
    rows: [
      new TableRow({
        children: [cell(leftChildren, left), cell(rightChildren, right)],
        cantSplit: true,
      }),
    ],
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [left, right],
    borders: NO_TABLE_BORDERS,
    margins: CELL_MARGINS,
    layout: 'fixed',
  });
}

/** Assemble the document: A4, margins, page numbers centred in the top margin from page 2. */
export async function packDocument(
  title: string,
  children: (Paragraph | Table)[],
  description?: string,
): Promise<Buffer> {
  const doc = new Document({
    title,
    description,
    creator: 'baocao-bot',
    styles: DOCUMENT_STYLES,
    sections: [
      {
        properties: SECTION_PAGE,
        headers: {
          default: new Header({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ children: [PageNumber.CURRENT], font: FONT, size: SIZE.body })],
              }),
            ],
          }),
          first: new Header({ children: [new Paragraph({ children: [] })] }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}

/** A spacer before the closing block. */
export function spacer(): Paragraph {
  return new Paragraph({
    children: [],
    keepNext: true,
    spacing: { before: 0, after: BODY.after, line: 240, lineRule: 'auto' },
  });
}
