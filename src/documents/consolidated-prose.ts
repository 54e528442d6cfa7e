import { groupReports, optionCounts, type QuestionTotal, totalOf, yesNoOf } from './figures';
import { answerMap, formatNumber, hasContent, questionLabel } from './format';
import {
  attributedParagraphs,
  comparison,
  continuation,
  endSentence,
  joinAnd,
  totalPhrase,
  upperFirst,
} from './prose';
import type { ExportSection, ExportUnitReport, PreviousRoundFigures } from './types';

/**
 * The consolidated report's text for one section of the outline, drafted from the counted reports:
 * a sentence of figures (ward totals, the split by block of units, the comparison with the same
 * period a year earlier), sentences for yes/no and multiple-choice questions, then what the units
 * wrote, attributed to them. No question labels, no "Có/Không", no file names.
 */

export interface DraftContext {
  previous?: PreviousRoundFigures | null;
  /** Every counted report: a figure is compared with last year only when it is the ward's whole figure. */
  all: ExportUnitReport[];
}

/** Phrases joined to the previous one with a comma ("…, với 640 lượt người tham dự"). */
const ATTACHED = /^(với|trong đó|gồm)\b/u;

function splitText(t: QuestionTotal): string {
  if (t.byGroup.length < 2) return '';
  return t.byGroup.map((g) => `${g.group}: ${formatNumber(g.value)}`).join('; ');
}

/** "Trong kỳ, <subject> đã tổ chức 12 hội nghị …; …", then what did not occur; '' when there is no figure. */
export function figuresSentence(
  section: ExportSection,
  reports: ExportUnitReport[],
  subject: string,
  ctx: DraftContext,
  opts: { split: boolean; lead?: string },
): string {
  let text = '';
  const none: string[] = [];
  for (const q of section.questions) {
    if (q.type !== 'number') continue;
    const t = totalOf(q, reports);
    if (!t) continue;
    const whole = t.units === totalOf(q, ctx.all)?.units;
    const previous = ctx.previous && whole ? ctx.previous.totals[q.id] : undefined;
    if (t.total === 0 && !previous) {
      none.push(continuation(questionLabel(q)));
      continue;
    }
    const notes = [
      opts.split ? splitText(t) : '',
      ctx.previous ? comparison(q, t.total, previous, ctx.previous.label) : '',
    ].filter((n) => n !== '');
    const item = totalPhrase(q, t.total) + (notes.length > 0 ? ` (${notes.join('; ')})` : '');
    text += text === '' ? item : ATTACHED.test(item) ? `, ${item}` : `; ${item}`;
  }
  const noneSentence = none.length > 0 ? ` Không phát sinh ${joinAnd(none)}.` : '';
  if (text === '') return noneSentence.trim();
  if (opts.lead) return endSentence(`${opts.lead} ${text}`) + noneSentence;
  const allPhrased = section.questions.every((q) => q.type !== 'number' || q.phrase);
  return (
    (allPhrased
      ? endSentence(`Trong kỳ, ${subject} đã ${text}`)
      : endSentence(`Số liệu trong kỳ của ${subject} gồm ${text}`)) + noneSentence
  );
}

/** "8/10 đơn vị đã có quy chế thực hiện dân chủ (chưa: A và B)." and the options used. */
export function choiceSentences(section: ExportSection, reports: ExportUnitReport[]): string[] {
  const out: string[] = [];
  for (const q of section.questions) {
    if (q.type === 'yesno') {
      const s = yesNoOf(q, reports);
      if (!s) continue;
      const label = continuation(questionLabel(q));
      const missing = s.noUnits.length > 0 && s.noUnits.length <= 6 ? ` (chưa: ${joinAnd(s.noUnits)})` : '';
      out.push(endSentence(`Có ${s.yes}/${s.answered} đơn vị ${label}${missing}`));
    } else if (q.type === 'multi') {
      const counts = optionCounts(q, reports);
      if (counts.length === 0) continue;
      const many = reports.length > 1;
      const items = counts.map((c) => `${continuation(c.option)}${many ? ` (${c.units} đơn vị)` : ''}`);
      out.push(endSentence(`${upperFirst(questionLabel(q))} đã sử dụng: ${items.join('; ')}`));
    }
  }
  return out;
}

/** What the units wrote in the section's text questions, each unit's first paragraph attributed. */
export function proseParagraphs(section: ExportSection, reports: ExportUnitReport[]): string[] {
  const out: string[] = [];
  for (const r of reports) {
    const answers = answerMap(r);
    let attributed = false;
    for (const q of section.questions) {
      if (q.type !== 'text') continue;
      const a = answers.get(q.id);
      if (!hasContent(a)) continue;
      const paras = attributedParagraphs(r.unitName, a.display);
      if (paras.length === 0) continue;
      if (attributed) paras[0] = endSentence(upperFirst(a.display.split(/\r?\n/)[0]?.trim() ?? ''));
      attributed = true;
      out.push(...paras);
    }
  }
  return out;
}

/** A section for all units: figures with the split by block, choices, then the units' text. */
export function wardSectionParagraphs(
  section: ExportSection,
  reports: ExportUnitReport[],
  ctx: DraftContext,
): string[] {
  // section I holds the size of the units (staff, members), said as such, not as "done in the period"
  const lead = section.number === 'I' ? 'Về quy mô, các đơn vị báo cáo có' : undefined;
  const figures = figuresSentence(section, reports, 'các cơ quan, đơn vị', ctx, { split: true, lead });
  return [
    ...(figures ? [figures] : []),
    ...choiceSentences(section, reports),
    ...proseParagraphs(section, reports),
  ];
}

/**
 * Section III, block by block (chính quyền, cơ quan tham mưu, Mặt trận và đoàn thể, tổ chức đảng…):
 * a block of up to three units is told unit by unit, a larger one with the block's totals.
 */
export function blocksOfSectionIII(
  section: ExportSection,
  reports: ExportUnitReport[],
  ctx: DraftContext,
): { group: string; paragraphs: string[] }[] {
  const out: { group: string; paragraphs: string[] }[] = [];
  for (const { group, reports: members } of groupReports(reports)) {
    const paragraphs: string[] = [];
    if (members.length <= 3) {
      for (const r of members) {
        const s = figuresSentence(section, [r], r.unitName, ctx, { split: false });
        if (s) paragraphs.push(s);
      }
    } else {
      const subject = `${members.length} đơn vị thuộc khối ${continuation(group)}`;
      const s = figuresSentence(section, members, subject, ctx, { split: false });
      if (s) paragraphs.push(s);
    }
    paragraphs.push(...choiceSentences(section, members), ...proseParagraphs(section, members));
    if (paragraphs.length > 0) out.push({ group, paragraphs });
  }
  return out;
}
