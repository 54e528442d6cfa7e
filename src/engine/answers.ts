import {
  DEFAULT_NUMBER_MAX,
  DEFAULT_TEXT_MAX_LENGTH,
  type Question,
  type QuestionOption,
} from './flow-schema';
import { fold, groupThousands } from './normalize';
import { T } from './texts';
import type { AnswerValue } from './types';

/** Result of parsing typed text as an answer. Nothing is stored unless `ok`. */
export type ParseResult = { ok: true; value: AnswerValue } | { ok: false; reason: string };

const ok = (value: AnswerValue): ParseResult => ({ ok: true, value });
const invalid = (reason: string): ParseResult => ({ ok: false, reason });

/** Non-text answers are short; anything longer is certainly not a number, date or choice. */
const MAX_SHORT_INPUT = 500;

/** Parses typed text as an answer to `question` (attachments are not typed: see `advance`). */
export function parseTypedAnswer(question: Question, input: string): ParseResult {
  if (question.type !== 'text' && input.length > MAX_SHORT_INPUT) return invalid(T.tooLongForType);
  switch (question.type) {
    case 'text':
      return parseText(question, input, 0);
    case 'number':
      return parseNumber(question, input);
    case 'yesno':
      return parseYesNo(input);
    case 'choice':
      return parseChoice(question, input);
    case 'multi':
      return parseMulti(question, input);
    case 'date':
      return parseDate(input);
    case 'attachment':
      return invalid(T.needFile);
  }
}

/** `alreadyChars`: length of the pieces already saved for this answer (long text in several messages). */
export function parseText(question: Question, input: string, alreadyChars: number): ParseResult {
  const value = input.trim();
  if (value === '') return invalid(T.emptyText);
  const max = question.maxLength ?? DEFAULT_TEXT_MAX_LENGTH;
  if (alreadyChars + value.length > max) {
    return invalid(
      alreadyChars > 0
        ? T.textTooLongTotal(value.length, alreadyChars, max)
        : T.textTooLong(value.length, max),
    );
  }
  if (alreadyChars === 0 && question.minLength !== undefined && value.length < question.minLength) {
    return invalid(T.textTooShort(question.minLength));
  }
  return ok(value);
}

const GROUPED = /^\d{1,3}(?:([.,\s])\d{3})(?:\1\d{3})*$/;

export function parseNumber(question: Question, input: string): ParseResult {
  let s = fold(input);
  // "12 cuộc" is fine when "cuộc" is the question's unit.
  if (question.unit) {
    const unit = fold(question.unit);
    if (s.endsWith(unit)) s = s.slice(0, -unit.length).trim();
  }
  // "không" / "không có" mean zero in everyday answers ("Số vụ việc hòa giải?" – "Không có").
  if (s === 'khong' || s === 'khong co' || s === 'chua co') return checkRange(question, 0);
  s = s.replace(/^\+/, '');
  let n: number;
  if (/^\d+$/.test(s)) n = Number(s);
  else if (GROUPED.test(s)) n = Number(s.replace(/[.,\s]/g, ''));
  else if (/^-\s*\d/.test(s)) return invalid(T.numberNegative);
  else if (/^\d+(?:[.,\s]\d+)+$/.test(s)) return invalid(T.numberDecimal);
  else return invalid(T.numberExpected(question.unit));
  if (!Number.isSafeInteger(n)) return invalid(T.numberTooBig(DEFAULT_NUMBER_MAX));
  return checkRange(question, n);
}

function checkRange(question: Question, n: number): ParseResult {
  const min = question.min ?? 0;
  const max = question.max ?? DEFAULT_NUMBER_MAX;
  if (n < min || n > max) return invalid(T.numberRange(groupThousands(min), groupThousands(max)));
  return ok(n);
}

const YES = new Set(['co', 'c', 'yes', 'y', 'ok', 'dung', 'da', 'da co', 'roi', 'co roi', '1']);
const NO = new Set(['khong', 'k', 'ko', 'kg', 'kh', 'no', 'n', 'chua', 'chua co', 'khong co', '2']);

export function parseYesNo(input: string): ParseResult {
  const s = fold(input).replace(/^so /, '');
  if (YES.has(s)) return ok(true);
  if (NO.has(s)) return ok(false);
  return invalid(T.yesNoExpected);
}

/** Index (0-based) of the option chosen by number ("2", "2.", "số 2") or by label/id; -1 if none. */
function matchOption(options: readonly QuestionOption[], raw: string): number | 'out-of-range' | -1 {
  const s = fold(raw);
  const num = /^(?:so\s*)?(\d{1,3})[.)]?$/.exec(s);
  if (num) {
    const i = Number(num[1]) - 1;
    return i >= 0 && i < options.length ? i : 'out-of-range';
  }
  if (s === '') return -1;
  const exact = options.findIndex((o) => fold(o.label) === s || o.id === s);
  if (exact >= 0) return exact;
  // A unique prefix is accepted ("phu nu" for "Hội Liên hiệp Phụ nữ" is not a prefix, "hoi lien" is).
  if (s.length >= 3) {
    const hits = options.flatMap((o, i) => (fold(o.label).startsWith(s) ? [i] : []));
    if (hits.length === 1) return hits[0]!;
  }
  return -1;
}

export function parseChoice(question: Question, input: string): ParseResult {
  const options = question.options ?? [];
  const i = matchOption(options, input);
  if (typeof i === 'number' && i >= 0) return ok(options[i]!.id);
  return invalid(T.choiceExpected(options.length));
}

export function parseMulti(question: Question, input: string): ParseResult {
  const options = question.options ?? [];
  const s = fold(input);
  if (s === 'tat ca' || s === 'ca') return ok(options.map((o) => o.id));
  let picked: number[] = [];
  if (/^[\d\s,;.]+$/.test(s)) {
    for (const part of s.split(/[^\d]+/).filter((p) => p !== '')) {
      const i = Number(part) - 1;
      if (i < 0 || i >= options.length) return invalid(T.multiOutOfRange(part, options.length));
      picked.push(i);
    }
  } else {
    for (const part of input.split(/[,;\n]+/).filter((p) => p.trim() !== '')) {
      const i = matchOption(options, part);
      if (typeof i !== 'number' || i < 0)
        return invalid(T.multiUnknown(part.trim().slice(0, 40), options.length));
      picked.push(i);
    }
  }
  picked = [...new Set(picked)].sort((a, b) => a - b);
  if (picked.length === 0) return invalid(T.multiExpected(options.length));
  return ok(picked.map((i) => options[i]!.id));
}

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  return m === 2 ? (isLeapYear(y) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31;
}

const pad = (n: number) => String(n).padStart(2, '0');

export function parseDate(input: string): ParseResult {
  const s = input.trim();
  let d: number;
  let m: number;
  let y: number;
  const dmy = /^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{2,4})$/.exec(s);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (dmy) {
    [d, m, y] = [Number(dmy[1]), Number(dmy[2]), Number(dmy[3])];
    if (dmy[3]!.length !== 4) return invalid(T.dateYear);
  } else if (iso) {
    [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  } else {
    return invalid(T.dateExpected);
  }
  if (y < 1900 || y > 2100) return invalid(T.dateYear);
  if (m < 1 || m > 12) return invalid(T.dateNoSuchMonth(m));
  if (d < 1 || d > daysInMonth(y, m)) return invalid(T.dateNoSuchDay(d, m, y));
  return ok(`${y}-${pad(m)}-${pad(d)}`);
}
