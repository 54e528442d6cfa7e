import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { DateTime } from 'luxon';
import { UsageError } from '../../src/cli/args';
import type { CliApp } from '../../src/cli/cli-app';
import { importRoundCommand } from '../../src/cli/commands/import-round';
import { buildRoundXlsx } from '../../src/documents';
import { loadFlows } from '../../src/engine';
import { readImportedRound } from '../../src/features/exports/imported-rounds';
import { exampleRound, exampleWard, FLOWS_DIR } from '../documents/example-ward';

describe('npm run cli -- import-round', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'import-round-'));
  const lines: string[] = [];
  let cli: CliApp;
  const xlsx = path.join(dir, 'bao-cao-nam-2025-so-lieu.xlsx');

  beforeAll(async () => {
    const { outline, reports } = await exampleWard();
    // last year's export of the bot: the same layout the import reads
    writeFileSync(
      xlsx,
      await buildRoundXlsx({
        outline,
        round: { ...exampleRound, id: 'annual-2025', title: 'Báo cáo năm 2025' },
        reports,
      }),
    );
    cli = {
      config: { dataDir: dir },
      flows: await loadFlows(FLOWS_DIR),
      now: () => DateTime.fromISO('2026-12-02T08:00:00', { zone: 'Asia/Ho_Chi_Minh' }),
      out: (line: string) => lines.push(line),
    } as unknown as CliApp;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('reads the "Số liệu" sheet of an exported .xlsx into DATA_DIR/imported-rounds/<round>.json', async () => {
    expect(await importRoundCommand(['--file', xlsx, '--round', 'annual-2025'], cli)).toBe(0);
    expect(lines[0]).toMatch(
      /^Đã nhập "Báo cáo năm 2025" \(annual-2025\) từ bao-cao-nam-2025-so-lieu\.xlsx: 3 đơn vị, \d+ chỉ tiêu/,
    );
    expect(lines.at(-1)).toBe('Báo cáo năm 2026 sẽ so sánh với cùng kỳ năm 2025.');
    const imported = await readImportedRound(dir, 'annual-2025');
    expect(imported?.units.map((u) => u.code)).toEqual(['ubnd', 'chi-bo-kp1', 'mttq']);
    expect(imported?.units[0]?.values.cq_hoi_nghi_cong_dong).toBe(24);
    // totals are computed again from the unit rows: 4 + 2 + 3 documents
    expect(imported?.totals).toMatchObject({ ii1_so_van_ban: 9, cq_hoi_nghi_cong_dong: 24, cq_vi_pham: 0 });
    expect(imported?.totals).not.toHaveProperty('cq_tiep_xuc_cu_tri');
  });

  test('a sheet filled in by hand: unknown ids are reported and left out', async () => {
    lines.length = 0;
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Số liệu');
    ws.addRow(['Mã đơn vị', 'Tên đơn vị', 'Khối', 'Trạng thái', 'Hội nghị', 'Cũ']);
    ws.addRow(['Mã câu hỏi', null, null, null, 'cq_hoi_nghi_cong_dong', 'cau_hoi_cu']);
    ws.addRow(['ubnd', 'Ủy ban nhân dân phường', null, null, '18', 5]);
    ws.addRow([null, 'Tổng cộng', null, null, 999, 999]);
    const file = path.join(dir, 'tay.xlsx');
    writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));
    expect(
      await importRoundCommand(
        ['--file', file, '--round', 'semiannual-2025', '--title', 'Báo cáo 6 tháng đầu năm 2025'],
        cli,
      ),
    ).toBe(0);
    expect(lines).toContain('Bỏ qua các mã câu hỏi không có trong đề cương: cau_hoi_cu');
    expect((await readImportedRound(dir, 'semiannual-2025'))?.totals).toEqual({ cq_hoi_nghi_cong_dong: 18 });
  });

  test('refuses a file without the sheet, a missing file and a round id that is not periodic', async () => {
    lines.length = 0;
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Sheet1');
    const file = path.join(dir, 'khac.xlsx');
    writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));
    expect(await importRoundCommand(['--file', file, '--round', 'annual-2024'], cli)).toBe(1);
    expect(lines[0]).toMatch(/không có trang "Số liệu"/);
    expect(
      await importRoundCommand(['--file', path.join(dir, 'nope.xlsx'), '--round', 'annual-2024'], cli),
    ).toBe(1);
    await expect(importRoundCommand(['--file', file, '--round', 'dot-xuat-1'], cli)).rejects.toBeInstanceOf(
      UsageError,
    );
    await expect(importRoundCommand(['--round', 'annual-2024'], cli)).rejects.toBeInstanceOf(UsageError);
    expect(await readImportedRound(dir, 'annual-2024')).toBeNull();
  });
});
