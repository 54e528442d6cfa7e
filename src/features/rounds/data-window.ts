import { DateTime } from 'luxon';
import { formatDateVi } from '../../scheduler/format-date';

/**
 * The data window of a round (kỳ số liệu, flows/schedule.yaml) as chat shows it:
 * "từ ngày 1/12/2025 đến ngày 30/11/2026"; undefined for a round without one (ad-hoc requests).
 */
export function dataWindowText(from: Date | null, to: Date | null, zone: string): string | undefined {
  if (!from || !to) return undefined;
  const day = (d: Date) => formatDateVi(DateTime.fromJSDate(d, { zone }));
  return `từ ngày ${day(from)} đến ngày ${day(to)}`;
}
