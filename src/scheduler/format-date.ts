import { DateTime } from 'luxon';

/**
 * Vietnamese date texts for reminders. Names are spelt out here rather than taken from `Intl`
 * because Node builds without full ICU would silently fall back to English.
 *
 * Every function formats the `DateTime` in its own zone: pass instants already in the
 * schedule's zone (everything `src/scheduler` returns is).
 */

// Index = luxon ISO weekday (1 = Monday). Mid-sentence form: "thứ Năm"; Sunday is always "Chủ nhật".
const WEEKDAY_NAMES = ['', 'thứ Hai', 'thứ Ba', 'thứ Tư', 'thứ Năm', 'thứ Sáu', 'thứ Bảy', 'Chủ nhật'];

/**
 * Weekday name: "thứ Năm" (mid-sentence, the default) or "Thứ Năm" (`capitalized`, e.g. at the
 * start of a line). Sunday is "Chủ nhật" either way.
 */
export function weekdayVi(dt: DateTime, options: { capitalized?: boolean } = {}): string {
  const name = WEEKDAY_NAMES[dt.weekday] ?? '';
  return options.capitalized ? name.charAt(0).toUpperCase() + name.slice(1) : name;
}

/** "2/12/2026", or with `weekday` "thứ Tư, 2/12/2026". Day and month are not zero-padded, as in official letters ("trước ngày 10/6"). */
export function formatDateVi(dt: DateTime, options: { weekday?: boolean } = {}): string {
  const date = `${dt.day}/${dt.month}/${dt.year}`;
  return options.weekday ? `${weekdayVi(dt)}, ${date}` : date;
}

/** "08:00 ngày 2/12/2026", or with `weekday` "08:00 thứ Tư, 2/12/2026". */
export function formatDateTimeVi(dt: DateTime, options: { weekday?: boolean } = {}): string {
  const time = dt.toFormat('HH:mm');
  return options.weekday
    ? `${time} ${formatDateVi(dt, { weekday: true })}`
    : `${time} ngày ${formatDateVi(dt)}`;
}

/**
 * The deadline as users read it, naming the last day on which a report is on time:
 * - End of a local day (23:59:59.999: periodic rounds, and an ad-hoc date typed without a time):
 *   "hết ngày 9/12/2026 (thứ Tư)".
 * - Start of a local day (00:00:00.000) is the end of the day before, and reads the same way.
 * - Any other instant (an ad-hoc deadline with a time): "trước 17:00 ngày 29/2/2028 (thứ Ba)".
 *
 * "trước ngày 10/12" (the letters' wording) was read by some as "10/12 still counts" and by others
 * as "9/12 is the last day"; naming the last day itself leaves one reading. The chat, the reminders,
 * the digests and the dashboard all use this one function.
 * `weekday: false` drops the parenthesis (the short label stored on a round).
 */
export function formatDeadline(dueAt: DateTime, options: { weekday?: boolean } = {}): string {
  const next = dueAt.plus({ milliseconds: 1 });
  let shown: DateTime;
  let text: string;
  if (next.toMillis() === next.startOf('day').toMillis()) {
    shown = dueAt;
    text = `hết ngày ${formatDateVi(shown)}`;
  } else if (dueAt.toMillis() === dueAt.startOf('day').toMillis()) {
    shown = dueAt.minus({ days: 1 });
    text = `hết ngày ${formatDateVi(shown)}`;
  } else {
    shown = dueAt;
    text = `trước ${dueAt.toFormat('HH:mm')} ngày ${formatDateVi(shown)}`;
  }
  return (options.weekday ?? true) ? `${text} (${weekdayVi(shown)})` : text;
}

/** {@link formatDeadline} of a stored instant, read in `zone` (labels stored on older rounds are not trusted). */
export function deadlineIn(dueAt: Date, zone: string, options: { weekday?: boolean } = {}): string {
  return formatDeadline(DateTime.fromJSDate(dueAt, { zone }), options);
}
