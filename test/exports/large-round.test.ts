import { buildConsolidatedDocx, buildRoundXlsx, numericTotals } from '../../src/exports';
import { outline, round, syntheticReports, wardHeader } from './fixtures';
import { readDocx, readXlsx } from './read-back';

describe('a round of 200 units', () => {
  const reports = syntheticReports(200);
  const counted = reports.filter((r) => r.status === 'submitted' || r.status === 'accepted');
  const totals = numericTotals(outline, reports);

  it('consolidated .docx: every reporting unit appears, and every table total matches numericTotals', async () => {
    const doc = await readDocx(
      await buildConsolidatedDocx({ header: wardHeader(), outline, round, reports }),
    );
    for (const r of counted) expect(doc.xml).toContain(`${r.unitName}: `);
    const totalRows = doc.tables.flatMap((t) =>
      t.filter((row) => row[0] === 'Tổng cộng').map((row) => row[1]),
    );
    expect(totalRows).toEqual(
      totals.filter((t) => t.rows.length > 0).map((t) => t.total.toLocaleString('vi-VN')),
    );
    expect(totals.every((t) => t.rows.length === counted.length || t.question.unitKinds)).toBe(true);
  });

  it('.xlsx: the SUM row caches the same totals', async () => {
    const wb = await readXlsx(await buildRoundXlsx({ outline, round, reports }));
    const ws = wb.getWorksheet('Tổng hợp')!;
    expect(ws.rowCount).toBe(202);
    const total = ws.getRow(202);
    const results: number[] = [];
    total.eachCell((c) => {
      const v = c.value as { formula?: string; result?: number } | null;
      if (v && typeof v === 'object' && v.formula) {
        expect(v.formula).toMatch(/^SUM\([A-Z]+2:[A-Z]+201\)$/);
        results.push(v.result!);
      }
    });
    expect(results).toEqual(totals.map((t) => t.total));
  });
});
