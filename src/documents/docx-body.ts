import { AlignmentType, Paragraph, Table, TableCell, TableRow, VerticalAlignTable, WidthType } from 'docx';
import { BODY, bodyParagraph, GRID_TABLE_BORDERS, type RunStyle, run, SIZE, TEXT_WIDTH } from './docx-styles';
import {
  appliesTo,
  attachmentNames,
  displayYesNo,
  formatNumber,
  hasContent,
  numericValue,
  paragraphsOf,
  questionLabel,
  sectionParts,
} from './format';
import { LABELS } from './labels';
import type { ExportAnswer, ExportOutline, ExportQuestion, ExportSection } from './types';

/** Intermediate content, so that a unit's name can be run into its first paragraph. */
export type Block =
  | { kind: 'para'; runs: { text: string; style?: RunStyle }[] }
  | { kind: 'figures'; rows: { label: string; value: string }[] };

export type DocBlock = Paragraph | Table;

/** Top-level sections with their sub-sections, in outline order. */
export interface SectionGroup {
  top: string;
  /** The top-level section itself, when the outline has it. */
  own?: ExportSection;
  subs: ExportSection[];
}

export function groupSections(outline: ExportOutline): SectionGroup[] {
  const groups: SectionGroup[] = [];
  const byTop = new Map<string, SectionGroup>();
  for (const section of outline.sections) {
    const { top, depth } = sectionParts(section.number);
    let g = byTop.get(top);
    if (!g) {
      g = { top, subs: [] };
      byTop.set(top, g);
      groups.push(g);
    }
    if (depth === 1 && !g.own) g.own = section;
    else g.subs.push(section);
  }
  return groups;
}

/** The outline's guidance to reporters in a trailing parenthesis ("(tùy theo tình hình, …)") is not printed. */
export function documentHeading(heading: string): string {
  return heading.replace(/\s*\(\p{Ll}[^()]*\)\s*$/u, '');
}

export function sectionHeading(number: string, rawHeading: string): Paragraph {
  const { depth, label } = sectionParts(number);
  const heading = documentHeading(rawHeading);
  const text =
    depth === 1
      ? `${label}. ${heading.toLocaleUpperCase('vi')}`
      : depth === 2
        ? `${label}. ${heading}`
        : `${label}) ${heading}`;
  return new Paragraph({
    children: [run(text, { bold: true, italics: depth >= 3 })],
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: BODY.firstLine },
    spacing: { before: depth === 1 ? 120 : 60, after: BODY.after, line: BODY.line, lineRule: 'auto' },
    keepNext: true,
    keepLines: true,
  });
}

export function topHeading(group: SectionGroup): Paragraph {
  return sectionHeading(group.top, group.own?.heading ?? LABELS.standardHeadings[group.top] ?? '');
}

export function emptySectionNote(text: string): Paragraph {
  return bodyParagraph([run(text, { italics: true })]);
}

/** A yes/no answer said as a sentence from the question's label ("Đã có …" ↔ "Chưa có …"). */
export function yesNoSentence(label: string, yes: boolean): string {
  const text = label.trim();
  if (yes) return `${text}.`;
  if (/^Đã\s/u.test(text)) return `Chưa ${text.slice(3).trim()}.`;
  if (/^Có\s/u.test(text)) return `Không có ${text.slice(3).trim()}.`;
  return `Không ${text.charAt(0).toLocaleLowerCase('vi')}${text.slice(1)}.`;
}

function plainPara(text: string, style?: RunStyle): Block {
  return { kind: 'para', runs: [{ text, style }] };
}

function numberText(q: ExportQuestion, a: ExportAnswer): string {
  const n = numericValue(a.raw);
  if (n === null) return a.display;
  return q.unit ? `${formatNumber(n)} ${q.unit}` : formatNumber(n);
}

/**
 * What one unit wrote in one section, as blocks. Narrative answers become paragraphs (one per line);
 * runs of figures become a small table (unless `numbers` is false); other answers become "label: value."
 * sentences; attachments "Tài liệu kèm theo: …". Unanswered questions are left out.
 */
export function answerBlocks(
  section: ExportSection,
  answers: Map<string, ExportAnswer>,
  unitKind: string,
  opts: { numbers: boolean },
): Block[] {
  const blocks: Block[] = [];
  let figures: { label: string; value: string }[] = [];
  const flush = (): void => {
    if (figures.length > 0) blocks.push({ kind: 'figures', rows: figures });
    figures = [];
  };
  const answered = section.questions.filter(
    (q) => (appliesTo(q, unitKind) || answers.has(q.id)) && hasContent(answers.get(q.id)),
  );
  const textCount = answered.filter((q) => q.type === 'text').length;
  for (const q of answered) {
    const a = answers.get(q.id)!;
    if (q.type === 'number') {
      if (opts.numbers) figures.push({ label: questionLabel(q), value: numberText(q, a) });
      continue;
    }
    flush();
    switch (q.type) {
      case 'text': {
        const paras = paragraphsOf(a.display);
        paras.forEach((p, i) => {
          if (i === 0 && textCount > 1 && q.shortLabel) {
            blocks.push({
              kind: 'para',
              runs: [{ text: `${questionLabel(q)}: `, style: { italics: true } }, { text: p }],
            });
          } else blocks.push(plainPara(p));
        });
        break;
      }
      case 'attachment': {
        const names = attachmentNames(a);
        if (names.length > 0) {
          blocks.push({
            kind: 'para',
            runs: [
              { text: `${LABELS.attachments}: `, style: { italics: true } },
              { text: `${names.join('; ')}.` },
            ],
          });
        }
        break;
      }
      case 'yesno': {
        // "Đã có quy chế thực hiện dân chủ." / "Chưa có quy chế thực hiện dân chủ.", not "…: Có."
        const yes = typeof a.raw === 'boolean' ? a.raw : displayYesNo(a) === LABELS.yes;
        blocks.push(plainPara(yesNoSentence(questionLabel(q), yes)));
        break;
      }
      default: {
        const value = paragraphsOf(a.display).join('; ');
        blocks.push({
          kind: 'para',
          runs: [{ text: `${questionLabel(q)}: ` }, { text: /[.!?…]$/u.test(value) ? value : `${value}.` }],
        });
      }
    }
  }
  flush();
  return blocks;
}

export function tableCell(
  text: string,
  width: number,
  opts: { bold?: boolean; align?: 'left' | 'center' | 'right'; span?: number } = {},
): TableCell {
  const alignment =
    opts.align === 'center'
      ? AlignmentType.CENTER
      : opts.align === 'right'
        ? AlignmentType.RIGHT
        : AlignmentType.LEFT;
  return new TableCell({
    children: [
      new Paragraph({
        children: [run(text, { bold: opts.bold, size: SIZE.table })],
        alignment,
        spacing: { before: 20, after: 20, line: 240, lineRule: 'auto' },
      }),
    ],
    width: { size: width, type: WidthType.DXA },
    columnSpan: opts.span,
    verticalAlign: VerticalAlignTable.CENTER,
    margins: { left: 80, right: 80, top: 20, bottom: 20 },
  });
}

export function gridTable(columnWidths: number[], rows: TableRow[]): Table {
  return new Table({
    rows,
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths,
    borders: GRID_TABLE_BORDERS,
    layout: 'fixed',
  });
}

/** "Nội dung" / "Số lượng" table of one unit's figures. */
export function figuresTable(rows: { label: string; value: string }[]): Table {
  const w = [TEXT_WIDTH - 2600, 2600];
  return gridTable(w, [
    new TableRow({
      tableHeader: true,
      cantSplit: true,
      children: [
        tableCell(LABELS.tableContent, w[0]!, { bold: true, align: 'center' }),
        tableCell(LABELS.tableQuantity, w[1]!, { bold: true, align: 'center' }),
      ],
    }),
    ...rows.map(
      (r) =>
        new TableRow({
          cantSplit: true,
          children: [tableCell(r.label, w[0]!), tableCell(r.value, w[1]!, { align: 'center' })],
        }),
    ),
  ]);
}

/** Render blocks; `runIn` (a unit's name) is put bold at the start of the first paragraph, or on its own line. */
export function renderBlocks(blocks: Block[], runIn?: string): DocBlock[] {
  const out: DocBlock[] = [];
  let pending = runIn;
  for (const b of blocks) {
    if (b.kind === 'para') {
      const runs = b.runs.map((r) => run(r.text, r.style));
      if (pending !== undefined) {
        runs.unshift(run(`${pending}: `, { bold: true }));
        pending = undefined;
      }
      out.push(bodyParagraph(runs));
    } else {
      if (pending !== undefined) {
        out.push(bodyParagraph([run(`${pending}:`, { bold: true })]));
        pending = undefined;
      }
      out.push(
        figuresTable(b.rows),
        new Paragraph({ children: [], spacing: { before: 0, after: 60, line: 240, lineRule: 'auto' } }),
      );
    }
  }
  return out;
}
