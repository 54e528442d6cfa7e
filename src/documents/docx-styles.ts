import {
  AlignmentType,
  BorderStyle,
  type IBorderOptions,
  type IPropertiesOptions,
  type ISectionPropertiesOptions,
  Paragraph,
  type ParagraphChild,
  TextRun,
  WidthType,
} from 'docx';
import { cleanText } from './format';

/**
 * Page, fonts and sizes of an official document (Hướng dẫn 36-HD/VPTW; margins per Nghị định 30/2020/NĐ-CP).
 * Sizes are in half-points (w:sz), lengths in twips (1 mm ≈ 56.7 twips).
 */
export const FONT = 'Times New Roman';

export const SIZE = {
  /** 14 pt: body, superior and issuing body, number, place and date, subject. */
  body: 28,
  /** 13 pt: bodies' names and the number in the State form (Decree 30: 12–13 pt). */
  motto: 26,
  /** 12 pt: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" (Decree 30: 12–13 pt), on one line. */
  mottoFirst: 24,
  /** 15 pt: "ĐẢNG CỘNG SẢN VIỆT NAM". */
  party: 30,
  /** 16 pt: "BÁO CÁO". */
  title: 32,
  /** 13 pt: figures tables. */
  table: 26,
  /** 12 pt: "Nơi nhận:" label. */
  recipientsLabel: 24,
  /** 11 pt: recipients list and small notes. */
  small: 22,
} as const;

const mm = (v: number): number => Math.round((v * 1440) / 25.4);

export const PAGE = {
  /** A4 portrait. */
  width: 11906,
  height: 16838,
  margin: { top: mm(20), bottom: mm(20), left: mm(30), right: mm(15), header: mm(10), footer: mm(10) },
} as const;

/** Width between the margins. */
export const TEXT_WIDTH = PAGE.width - PAGE.margin.left - PAGE.margin.right;

export const BODY = {
  /** 1.27 cm first-line indent. */
  firstLine: 720,
  /** Line spacing 1.2 (240 = single). */
  line: 288,
  /** 6 pt after paragraphs. */
  after: 120,
} as const;

export const NO_BORDER: IBorderOptions = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
export const THIN_BORDER: IBorderOptions = { style: BorderStyle.SINGLE, size: 4, color: '000000' };

export const NO_TABLE_BORDERS = {
  top: NO_BORDER,
  bottom: NO_BORDER,
  left: NO_BORDER,
  right: NO_BORDER,
  insideHorizontal: NO_BORDER,
  insideVertical: NO_BORDER,
};

export const GRID_TABLE_BORDERS = {
  top: THIN_BORDER,
  bottom: THIN_BORDER,
  left: THIN_BORDER,
  right: THIN_BORDER,
  insideHorizontal: THIN_BORDER,
  insideVertical: THIN_BORDER,
};

export interface RunStyle {
  bold?: boolean;
  italics?: boolean;
  size?: number;
}

/** A run that always names the font and size, so every viewer shows Times New Roman. */
export function run(text: string, style: RunStyle = {}): TextRun {
  return new TextRun({
    text: cleanText(text),
    font: FONT,
    size: style.size ?? SIZE.body,
    bold: style.bold,
    italics: style.italics,
  });
}

/** A body paragraph: justified, first-line indent, 6 pt after. */
export function bodyParagraph(
  children: ParagraphChild[],
  opts: { indent?: boolean; keepNext?: boolean } = {},
): Paragraph {
  return new Paragraph({
    children,
    keepNext: opts.keepNext,
    alignment: AlignmentType.JUSTIFIED,
    indent: opts.indent === false ? undefined : { firstLine: BODY.firstLine },
    spacing: { after: BODY.after, line: BODY.line, lineRule: 'auto' },
  });
}

/** A centred paragraph with no space around it (header block, title). */
export function centred(children: ParagraphChild[], after = 0): Paragraph {
  return new Paragraph({
    children,
    alignment: AlignmentType.CENTER,
    spacing: { before: 0, after, line: 240, lineRule: 'auto' },
  });
}

/**
 * A short centred horizontal rule of about `width` twips: an empty, 2 pt high paragraph with a bottom border,
 * indented from both sides of `available`.
 */
export function ruleParagraph(width: number, available: number, after = 0): Paragraph {
  const side = Math.max(0, Math.round((available - width) / 2));
  return new Paragraph({
    children: [],
    indent: { left: side, right: side },
    spacing: { before: 0, after, line: 40, lineRule: 'exact' },
    border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } },
  });
}

export const FULL_WIDTH = { size: TEXT_WIDTH, type: WidthType.DXA };

export const SECTION_PAGE: ISectionPropertiesOptions = {
  page: {
    size: { width: PAGE.width, height: PAGE.height },
    margin: { ...PAGE.margin },
  },
  titlePage: true,
};

export const DOCUMENT_STYLES: IPropertiesOptions['styles'] = {
  default: {
    document: {
      run: { font: FONT, size: SIZE.body },
      paragraph: { spacing: { after: BODY.after, line: BODY.line, lineRule: 'auto' } },
    },
  },
};
