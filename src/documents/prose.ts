import { formatDate, formatNumber, paragraphsOf, questionLabel } from './format';
import type { ExportQuestion } from './types';

/**
 * Small pieces of Vietnamese prose for the consolidated report: a total said as a phrase, the
 * comparison with the same period a year earlier, a unit's own text run into an attributed sentence.
 */

/** Words that keep their capital inside a sentence (names of bodies, "Nhân dân", documents). */
const KEEP_CAPITAL = [
  'Ủy ban',
  'Uỷ ban',
  'Nhân dân',
  'Đảng',
  'Nhà nước',
  'Hội đồng',
  'Mặt trận',
  'Luật',
  'Nghị quyết',
  'Nghị định',
  'Chỉ thị',
  'Kết luận số',
  'Công văn',
  'Quyết định',
  'Kế hoạch số',
  'Hội Liên hiệp',
  'Hội Cựu',
  'Đoàn Thanh niên',
  'Công đoàn phường',
  'Thường trực',
  'Ban Thường vụ',
  'Bác',
  'Hồ Chí Minh',
  'UBND',
  'HĐND',
  'MTTQ',
];

/** The text as the continuation of a sentence: first letter lower-cased unless it starts a name. */
export function continuation(text: string): string {
  const t = text.trim();
  if (t === '') return t;
  if (KEEP_CAPITAL.some((w) => t.startsWith(w)) && !t.startsWith('Đảng viên')) return t;
  const [first = '', second = ''] = t.split(/\s+/);
  // an abbreviation (UBKT), a name of two capitalised words (Khu phố 1 is fine, Trần Văn A is not)
  if (first.length > 1 && first === first.toLocaleUpperCase('vi')) return t;
  if (second !== '' && /^\p{Lu}/u.test(second)) return t;
  return t.charAt(0).toLocaleLowerCase('vi') + t.slice(1);
}

export function upperFirst(s: string): string {
  return s === '' ? s : s.charAt(0).toLocaleUpperCase('vi') + s.slice(1);
}

/** Ends the sentence with a full stop unless it already ends with punctuation. */
export function endSentence(s: string): string {
  const t = s.trim().replace(/[;,:]+$/u, '');
  return /[.!?…]$/u.test(t) ? t : `${t}.`;
}

/** "Không", "Không có.", "chưa có": answers that say nothing for a consolidated report. */
export function saysNothing(text: string): boolean {
  return /^(không|không có|chưa có|không phát sinh)[.\s]*$/iu.test(text.trim());
}

/** The number with its unit of measure: "12 cuộc". */
export function quantity(q: ExportQuestion, n: number): string {
  return q.unit ? `${formatNumber(n)} ${q.unit}` : formatNumber(n);
}

/** "tổ chức 12 hội nghị cộng đồng dân cư" from the question's phrase, else "hội nghị cộng đồng dân cư: 12 cuộc". */
export function totalPhrase(q: ExportQuestion, n: number): string {
  if (q.phrase?.includes('{n}')) return q.phrase.replace('{n}', formatNumber(n));
  return `${continuation(questionLabel(q))}: ${quantity(q, n)}`;
}

/** "tăng 2 cuộc (20%) so với cùng kỳ năm 2025" / "bằng cùng kỳ năm 2025"; '' without an earlier figure. */
export function comparison(
  q: ExportQuestion,
  n: number,
  previous: number | undefined,
  label: string,
): string {
  if (previous === undefined) return '';
  if (n === previous) return `bằng cùng kỳ ${label}`;
  const diff = Math.abs(Math.round((n - previous) * 1e9) / 1e9);
  const word = n > previous ? 'tăng' : 'giảm';
  const pct =
    previous > 0 ? `, tỷ lệ ${word} ${formatNumber(Math.round((diff / previous) * 1000) / 10)}%` : '';
  return `${word} ${quantity(q, diff)}${pct} so với cùng kỳ ${label}`;
}

/** "a, b và c" */
export function joinAnd(items: string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} và ${items[items.length - 1]}`;
}

/** "từ ngày 01/12/2025 đến ngày 30/11/2026"; '' when the round has no data window. */
export function periodText(from?: Date | null, to?: Date | null): string {
  if (!from || !to) return '';
  return `từ ngày ${formatDate(from)} đến ngày ${formatDate(to)}`;
}

/**
 * A unit's text answer as attributed paragraphs: the first one opens "Theo báo cáo của <unit>, …",
 * the following lines stay as they were written. Empty and "không có" answers give nothing.
 */
export function attributedParagraphs(unitName: string, text: string): string[] {
  const paras = paragraphsOf(text).filter((p) => !saysNothing(p));
  if (paras.length === 0) return [];
  const [first = '', ...rest] = paras;
  return [endSentence(`Theo báo cáo của ${unitName}, ${continuation(first)}`), ...rest.map(endSentence)];
}
