import type { RoundDoc } from '../../store/models';

/**
 * The receipt number a unit is given on submitting, read aloud and typed by people: Vietnamese
 * words, no round ids ("ANNUAL-2026-UBND-1" read as English). Unique per (round, unit, version):
 * a periodic round is one per kind and year; an ad-hoc round keeps its id's date and suffix.
 *   "UBND – năm 2026 – lần 1", "UBND – 6 tháng 2027 – lần 2", "CHI-BO-KP1 – đột xuất 20261120-AB12 – lần 1"
 */
export function receiptNumber(
  round: Pick<RoundDoc, '_id' | 'kind' | 'year'>,
  unitCode: string,
  version: number,
): string {
  return `${unitCode.toUpperCase()} – ${roundPeriod(round)} – lần ${version}`;
}

function roundPeriod(round: Pick<RoundDoc, '_id' | 'kind' | 'year'>): string {
  switch (round.kind) {
    case 'annual':
      return `năm ${round.year}`;
    case 'semiannual':
      return `6 tháng ${round.year}`;
    default:
      return `đột xuất ${round._id.replace(/^dot-xuat-/, '').toUpperCase()}`;
  }
}
