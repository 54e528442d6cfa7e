import { DateTime } from 'luxon';
import { LABELS } from './labels';
import type { ExportAnswer, ExportQuestion, ExportRawValue, ExportStatus, ExportUnitReport } from './types';

export const ZONE = 'Asia/Ho_Chi_Minh';

// Everything XML 1.0 can hold; the rest (C0 controls other than tab/newline, U+FFFE/U+FFFF, lone surrogates),
// pasted into a chat answer, would make Word and Excel refuse the file.
const XML_INVALID = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Text safe to put in OOXML. */
export function cleanText(text: string): string {
  return text.replace(XML_INVALID, '');
}

/** Only these reports count as content and in totals. */
export function isCounted(status: ExportStatus): boolean {
  return status === 'submitted' || status === 'accepted';
}

export function statusLabel(
  report: Pick<ExportUnitReport, 'status' | 'answeredCount' | 'totalCount'>,
): string {
  const base = LABELS.status[report.status];
  return report.status === 'in_progress' ? `${base} ${report.answeredCount}/${report.totalCount}` : base;
}

/** 'Hồng An, ngày 26 tháng 11 năm 2026' in Asia/Ho_Chi_Minh (leading zero for days < 10 and months < 3). */
export function placeDateLine(place: string, date: Date): string {
  const dt = DateTime.fromJSDate(date, { zone: ZONE });
  return LABELS.dateLine(place, dt.day, dt.month, dt.year);
}

export function formatDate(date: Date): string {
  return DateTime.fromJSDate(date, { zone: ZONE }).toFormat('dd/MM/yyyy');
}

export function formatDateTime(date: Date): string {
  return DateTime.fromJSDate(date, { zone: ZONE }).toFormat("HH:mm 'ngày' dd/MM/yyyy");
}

/**
 * Excel has no time zones: a cell holds a wall-clock serial. This returns a Date whose UTC fields are
 * the Asia/Ho_Chi_Minh wall clock, so that exceljs (which writes UTC fields) shows Vietnamese local time.
 */
export function excelLocalDate(date: Date): Date {
  const dt = DateTime.fromJSDate(date, { zone: ZONE });
  return new Date(Date.UTC(dt.year, dt.month - 1, dt.day, dt.hour, dt.minute, dt.second));
}

/** 'yyyy-mm-dd' → Date at UTC midnight (what Excel shows as that calendar day); null if not a real date. */
export function parseIsoDay(value: unknown): Date | null {
  if (typeof value !== 'string') return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return date;
}

/** A number from a raw answer: finite numbers, or numeric strings ("12", "2,5"). */
export function numericValue(raw: ExportRawValue | undefined): number | null {
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : null;
  if (typeof raw === 'string') {
    const s = raw.trim().replace(/\s/g, '');
    if (!/^-?\d+([.,]\d+)?$/.test(s)) return null;
    const n = Number(s.replace(',', '.'));
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

/** Sum without binary-fraction noise (0.1 + 0.2 → 0.3). */
export function addExact(a: number, b: number): number {
  return Math.round((a + b) * 1e9) / 1e9;
}

const numberFormat = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 3 });
/** Vietnamese number: 1.234 / 2,5 */
export function formatNumber(n: number): string {
  return numberFormat.format(n);
}

/** Label for a question in a table or a run-in: the short label, else the prompt without a trailing "?"/":". */
export function questionLabel(q: ExportQuestion): string {
  return (q.shortLabel ?? q.prompt).trim().replace(/[?:：\s]+$/u, '');
}

export function appliesTo(q: ExportQuestion, unitKind: string): boolean {
  return q.unitKinds === undefined || q.unitKinds.includes(unitKind);
}

export function answerMap(report: ExportUnitReport): Map<string, ExportAnswer> {
  const map = new Map<string, ExportAnswer>();
  for (const a of report.answers) map.set(a.questionId, a);
  return map;
}

/** An answer with something in it. */
export function hasContent(a: ExportAnswer | undefined): a is ExportAnswer {
  if (!a) return false;
  if (a.raw === null || a.raw === undefined) return a.display.trim() !== '';
  if (Array.isArray(a.raw)) return a.raw.length > 0;
  if (typeof a.raw === 'string') return a.raw.trim() !== '' || a.display.trim() !== '';
  return true;
}

/** Names of attached files, from raw when it is the file list, else from the display text. */
export function attachmentNames(a: ExportAnswer): string[] {
  if (Array.isArray(a.raw)) {
    return (a.raw as unknown[])
      .map((f) => (typeof f === 'string' ? f : ((f as { name?: string }).name ?? '')))
      .filter((n) => n !== '');
  }
  return a.display
    .split(/\r?\n|;\s*/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

export function displayYesNo(a: ExportAnswer): string {
  if (typeof a.raw === 'boolean') return a.raw ? LABELS.yes : LABELS.no;
  return a.display;
}

/** Split a display text into paragraphs (one per non-empty line). */
export function paragraphsOf(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** 'II.1' → { top: 'II', depth: 2, label: '1' } */
export function sectionParts(number: string): { top: string; depth: number; label: string } {
  const parts = number.split('.').filter((p) => p !== '');
  return {
    top: parts[0] ?? number,
    depth: Math.max(1, parts.length),
    label: parts[parts.length - 1] ?? number,
  };
}
