/**
 * Exports of a synthetic round of 200 units: the three builders, timed, with file sizes.
 * Run: npx tsx bench/exports.ts
 */
import { performance } from 'node:perf_hooks';
import { buildConsolidatedDocx, buildRoundXlsx, buildUnitReportDocx } from '../src/documents';
import { outline, round, syntheticReports, unitHeader, wardHeader } from '../test/documents/fixtures';

export interface ExportBenchResult {
  units: number;
  consolidatedDocx: { ms: number; bytes: number };
  roundXlsx: { ms: number; bytes: number };
  unitDocx: { count: number; ms: number; bytes: number };
}

async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const t0 = performance.now();
  const value = await fn();
  return { value, ms: Math.round(performance.now() - t0) };
}

export async function run(units = 200): Promise<ExportBenchResult> {
  const reports = syntheticReports(units);
  // warm up the libraries once so the figures are not dominated by module initialisation
  await buildConsolidatedDocx({ header: wardHeader(), outline, round, reports: reports.slice(0, 2) });
  await buildRoundXlsx({ outline, round, reports: reports.slice(0, 2) });

  const consolidated = await timed(() =>
    buildConsolidatedDocx({ header: wardHeader(), outline, round, reports }),
  );
  const xlsx = await timed(() => buildRoundXlsx({ outline, round, reports }));
  const perUnit = await timed(async () => {
    let bytes = 0;
    for (const report of reports) {
      const buf = await buildUnitReportDocx({ header: unitHeader(report.unitName), outline, round, report });
      bytes += buf.length;
    }
    return bytes;
  });
  const result: ExportBenchResult = {
    units,
    consolidatedDocx: { ms: consolidated.ms, bytes: consolidated.value.length },
    roundXlsx: { ms: xlsx.ms, bytes: xlsx.value.length },
    unitDocx: { count: reports.length, ms: perUnit.ms, bytes: perUnit.value },
  };
  const kb = (b: number): string => `${(b / 1024).toFixed(1)} KiB`;
  console.log(
    `exports bench: ${units} units (${reports.filter((r) => r.status === 'submitted' || r.status === 'accepted').length} submitted/accepted)`,
  );
  console.log(
    `  consolidated .docx  ${String(result.consolidatedDocx.ms).padStart(6)} ms  ${kb(result.consolidatedDocx.bytes)}`,
  );
  console.log(
    `  round .xlsx         ${String(result.roundXlsx.ms).padStart(6)} ms  ${kb(result.roundXlsx.bytes)}`,
  );
  console.log(
    `  ${units} unit .docx     ${String(result.unitDocx.ms).padStart(6)} ms  ${kb(result.unitDocx.bytes)} in all (${kb(result.unitDocx.bytes / units)} each)`,
  );
  return result;
}

if (require.main === module) {
  run().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
