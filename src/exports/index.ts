export { buildConsolidatedDocx } from './consolidated-docx';
export { groupOf, totalsById } from './figures';
export { consolidatedFileName, roundXlsxFileName, slugify, unitReportFileName } from './file-names';
export { isCounted, placeDateLine, statusLabel } from './format';
export { LABELS } from './labels';
export { numericTotals } from './numeric-totals';
export { buildRoundXlsx, EXCEL_CELL_LIMIT } from './round-xlsx';
export type * from './types';
export { buildUnitReportDocx } from './unit-report-docx';
