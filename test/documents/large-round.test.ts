import { buildConsolidatedDocx, buildRoundXlsx, numericTotals } from '../../src/documents';
import { outline, round, syntheticReports, wardHeader } from './fixtures';
import { readDocx, readXlsx } from './read-back';

describe('a round of 200 units', () => {
  const reports = syntheticReports(200);
  const counted = reports.filter((r) => r.status === 'submitted' || r.status === 'accepted');
  const totals = numericTotals(outline, reports);

  it('consolidated .docx: every reporting unit is in the appendix table, whose ward totals match numericTotals', async () => {
    const doc = await readDocx(
      await buildConsolidatedDocx({ header: wardHeader(), outline, round, reports }),
    );
    const appendix = doc.tables[doc.tables.length - 1]!;
    counted.forEach((r, i) => {
      expect(appendix).toContainEqual([String(i + 1), r.unitName]);
    });
    const wardTotals = appendix.slice(appendix.findIndex((row) => row[1] === 'Tổng cộng toàn phường') + 1);
    expect(wardTotals.map((row) => row[3])).toEqual(
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
