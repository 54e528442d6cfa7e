import { stripDiacritics } from '../domain/vietnamese';
import type { ExportRound, ExportUnitReport } from './types';

const MAX_SLUG = 60;

/** ASCII slug of Vietnamese text: 'Báo cáo năm 2026' → 'bao-cao-nam-2026'. */
export function slugify(text: string, fallback = 'bao-cao'): string {
  const slug = stripDiacritics(text)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_SLUG)
    .replace(/-+$/g, '');
  return slug === '' ? fallback : slug;
}

/** 'bao-cao-nam-2026-kp1-chi-bo-khu-pho-1.docx' */
export function unitReportFileName(
  round: Pick<ExportRound, 'title'>,
  report: Pick<ExportUnitReport, 'unitCode' | 'unitName'>,
): string {
  const code = slugify(report.unitCode, '');
  const name = slugify(report.unitName, 'don-vi');
  const unit = code !== '' && !name.startsWith(code) ? `${code}-${name}` : name;
  return `${slugify(round.title)}-${unit}.docx`;
}

/** 'bao-cao-nam-2026-tong-hop.docx' */
export function consolidatedFileName(round: Pick<ExportRound, 'title'>): string {
  return `${slugify(round.title)}-tong-hop.docx`;
}

/** 'bao-cao-nam-2026-so-lieu.xlsx' */
export function roundXlsxFileName(round: Pick<ExportRound, 'title'>): string {
  return `${slugify(round.title)}-so-lieu.xlsx`;
}
