import { DateTime } from 'luxon';
import { formatDateTimeVi } from '../../scheduler/format-date';

export type DueDateParse = { ok: true; dueAt: DateTime; dateOnly: boolean } | { ok: false; reason: string };

const PATTERN = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:\s+(?:lúc\s+)?(\d{1,2})\s*[:hg]\s*(\d{2}))?$/iu;

/**
 * A deadline typed by the secretariat: "dd/mm/yyyy" (the whole day counts) or "dd/mm/yyyy HH:mm",
 * read in the ward's zone. Dates that don't exist (31/02) and instants not in the future are refused
 * with the reason, in words the secretariat can act on.
 */
export function parseDueDate(text: string, now: DateTime, zone: string): DueDateParse {
  const match = PATTERN.exec(text.trim());
  if (!match) {
    return {
      ok: false,
      reason:
        'Chưa đúng dạng ngày. Vui lòng nhập dd/mm/yyyy, có thể kèm giờ HH:mm, ví dụ: 05/12/2026 hoặc 05/12/2026 17:00.',
    };
  }
  const [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12)
    return { ok: false, reason: `Tháng ${month} không có thật (tháng từ 1 đến 12).` };
  const daysInMonth = DateTime.fromObject({ year, month, day: 1 }, { zone }).daysInMonth ?? 31;
  if (day < 1 || day > daysInMonth) {
    return {
      ok: false,
      reason: `Ngày ${day}/${month}/${year} không có thật: tháng ${month}/${year} chỉ có ${daysInMonth} ngày.`,
    };
  }
  const dateOnly = match[4] === undefined;
  const hour = dateOnly ? 0 : Number(match[4]);
  const minute = dateOnly ? 0 : Number(match[5]);
  if (hour > 23 || minute > 59)
    return { ok: false, reason: `Giờ ${match[4]}:${match[5]} không hợp lệ (00:00 đến 23:59).` };
  const start = DateTime.fromObject({ year, month, day, hour, minute }, { zone });
  // A date alone means "by the end of that day", as the letter's deadlines are read.
  const dueAt = dateOnly ? start.endOf('day') : start;
  if (dueAt <= now) {
    return {
      ok: false,
      reason: `Hạn nộp ${dateOnly ? `ngày ${day}/${month}/${year}` : formatDateTimeVi(dueAt)} đã qua. Hạn nộp phải sau thời điểm hiện tại (${formatDateTimeVi(now.setZone(zone))}).`,
    };
  }
  return { ok: true, dueAt, dateOnly };
}
