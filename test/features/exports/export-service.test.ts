import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createExportService, outlineFromFlow } from '../../../src/features/exports/export-service';
import { writeImportedRound } from '../../../src/features/exports/imported-rounds';
import { submissionId } from '../../../src/store/repositories';
import { readDocx, readXlsx } from '../../documents/read-back';
import { Harness, ORGANISATION, seedSubmitted } from '../secretariat/secretariat-support';

describe('export service (real store → official documents)', () => {
  let h: Harness;
  const at = new Date('2026-12-01T03:00:00Z');

  beforeAll(async () => {
    h = await Harness.open();
    await h.seedUnits();
    const round = await h.annualRound();
    await seedSubmitted(
      h.repos,
      round._id,
      'ubnd',
      {
        i_dac_diem: 'Phường có 12 khu phố, dân số khoảng 25.000 người.',
        ii1_so_van_ban: 4,
        cq_hoi_nghi_cong_dong: 15,
        ii1_co_quy_che: true,
      },
      at,
    );
    await seedSubmitted(
      h.repos,
      round._id,
      'kp1',
      { i_dac_diem: 'Khu phố 1 có 620 hộ dân.', ii1_so_van_ban: 3, dg_so_dang_vien: 41 },
      at,
    );
    // kp2 is still writing: its draft must not reach the consolidated report.
    await h.repos.submissions.ensure({
      roundId: round._id,
      unitCode: 'kp2',
      flowId: round.flowId,
      flowVersion: 1,
      totalCount: 20,
    });
    await h.repos.answers.save({
      submissionId: submissionId(round._id, 'kp2'),
      questionId: 'i_dac_diem',
      value: 'BẢN NHÁP KHU PHỐ 2',
      by: 'x',
      channel: 'telegram',
      at,
    });
    await h.repos.submissions.update(submissionId(round._id, 'kp2'), () => ({
      status: 'in_progress',
      answeredCount: 1,
    }));
    await h.repos.rounds.setExempt(round._id, 'mttq', true);
  });
  afterAll(() => h.close());

  test('the outline has one section III with each question keeping its unit kinds, and parent headings for II and IV', () => {
    const outline = outlineFromFlow(h.flows.require('bao-cao-dan-chu-co-so'));
    const numbers = outline.sections.map((s) => s.number);
    expect(numbers).toEqual(['I', 'II', 'II.1', 'II.2', 'III', 'IV', 'IV.1', 'IV.2', 'IV.3', 'V', 'VI']);
    const iii = outline.sections.find((s) => s.number === 'III')!;
    expect(iii.questions.find((q) => q.id === 'cq_hoi_nghi_cong_dong')?.unitKinds).toEqual(['chinh-quyen']);
    const ii = outline.sections.find((s) => s.number === 'II')!;
    expect(ii.heading).toBe('CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO TRIỂN KHAI');
    expect(
      outlineFromFlow(h.flows.require('bao-cao-dan-chu-co-so'), ['I', 'IV']).sections.map((s) => s.number),
    ).toEqual(['I', 'IV', 'IV.1', 'IV.2', 'IV.3']);
  });

  test('the consolidated .docx is the ward report: header, prose attributed to units, appendix totals, no progress tracking', async () => {
    const result = await h.exports.exportRound('annual-2026', at);
    expect(result!.files.map((f) => f.fileName)).toEqual([
      'bao-cao-nam-2026-tong-hop.docx',
      'bao-cao-nam-2026-so-lieu.xlsx',
    ]);
    const doc = await readDocx(result!.files[0]!.bytes);
    const text = doc.paragraphs.join('\n');
    for (const expected of [
      'ĐẢNG CỘNG SẢN VIỆT NAM',
      'ĐẢNG BỘ THÀNH PHỐ MẪU',
      'ĐẢNG ỦY PHƯỜNG HỒNG AN',
      'BÁO CÁO',
      'Kết quả thực hiện dân chủ ở cơ sở năm 2026',
      'Hồng An, ngày 01 tháng 12 năm 2026',
      'Theo báo cáo của Ủy ban nhân dân phường, phường có 12 khu phố, dân số khoảng 25.000 người.',
      'Theo báo cáo của Chi bộ Khu phố 1, khu phố 1 có 620 hộ dân.',
      // the letter's grounds, then the data window of the round
      'Thực hiện Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15;',
      // (this test round has no data window; rounds from the schedule print theirs)
      'Ban Thường vụ Đảng ủy phường báo cáo kết quả thực hiện dân chủ ở cơ sở năm 2026 như sau:',
      // ward total with the split by kind of unit
      'ban hành 7 văn bản lãnh đạo, chỉ đạo về thực hiện dân chủ ở cơ sở',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).toMatch(/II\. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO TRIỂN KHAI/);
    expect(text).not.toContain('BẢN NHÁP KHU PHỐ 2');
    // progress tracking is on the board and in the .xlsx, not in the signed report
    expect(text).not.toMatch(/chưa nộp|được miễn|Đến ngày/u);
    // recipients from the letter, not the Standing Committee reporting to itself
    expect(text).toContain('- Ban Tuyên giáo và Dân vận Thành ủy (để báo cáo),');
    expect(text).not.toContain('Ban Thường vụ Đảng ủy (để báo cáo)');
    // one appendix table: 4 (UBND) + 3 (KP1) = 7 documents in the ward total
    const appendix = doc.tables[doc.tables.length - 1]!;
    const wardTotal = appendix.slice(appendix.findIndex((row) => row[1] === 'Tổng cộng toàn phường'));
    expect(wardTotal).toContainEqual(['', 'Văn bản lãnh đạo, chỉ đạo', 'văn bản', '7']);
    expect(doc.tables).toHaveLength(3);
  });

  test('last year’s figures imported from an .xlsx give the "so với cùng kỳ" comparison', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'cung-ky-'));
    try {
      await writeImportedRound(dataDir, {
        roundId: 'annual-2025',
        title: 'Báo cáo năm 2025',
        source: 'bao-cao-nam-2025-so-lieu.xlsx',
        importedAt: at.toISOString(),
        units: [],
        totals: { ii1_so_van_ban: 5, cq_hoi_nghi_cong_dong: 15 },
      });
      const exports = createExportService({
        repos: h.repos,
        flows: h.flows,
        organisation: ORGANISATION,
        dataDir,
      });
      const result = await exports.exportRound('annual-2026', at);
      const text = (await readDocx(result!.files[0]!.bytes)).paragraphs.join('\n');
      expect(text).toContain('tăng 2 văn bản, tỷ lệ tăng 40% so với cùng kỳ năm 2025');
      expect(text).toContain('(bằng cùng kỳ năm 2025)');
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  test('the .xlsx has one row per target unit with numbers as numbers, and a status sheet', async () => {
    const result = await h.exports.exportRound('annual-2026', at);
    const wb = await readXlsx(result!.files[1]!.bytes);
    const sheet = wb.getWorksheet('Tổng hợp')!;
    const header = Array.from(sheet.getRow(1).values as unknown[], (v) => String(v ?? ''));
    const column = header.findIndex((v) => v.startsWith('II.1.') && v.includes('(văn bản)'));
    expect(column).toBeGreaterThan(0);
    const rows = new Map<string, unknown[]>();
    sheet.eachRow((row, n) => {
      if (n > 1) rows.set(String(row.getCell(1).value ?? row.getCell(2).value), row.values as unknown[]);
    });
    // The totals row adds up the submitted reports only.
    expect(rows.get('Tổng cộng')?.[column]).toMatchObject({ result: 7 });
    rows.delete('Tổng cộng');
    expect([...rows.keys()].sort()).toEqual(['kp1', 'kp2', 'mttq', 'ubnd']);
    expect(rows.get('ubnd')![column]).toBe(4);
    expect(rows.get('kp1')![column]).toBe(3);
    expect(rows.get('kp2')![column]).toBeUndefined();
    const status = wb.getWorksheet('Trạng thái')!;
    const statuses: string[] = [];
    status.eachRow((row, n) => {
      if (n > 1) statuses.push(`${row.getCell(1).value}:${row.getCell(4).value}`);
    });
    // the words of the chat and the board
    expect(statuses).toEqual(
      expect.arrayContaining(['ubnd:đã nộp 10:00 ngày 1/12/2026', 'kp2:đang soạn 1/20', 'mttq:miễn báo cáo']),
    );
    expect(statuses).toEqual(expect.arrayContaining(['Hạn nộp:null', 'Kỳ số liệu:null']));
    expect(status.getRow(9).getCell(2).value).toBe('không quy định');
  });

  test("a unit's .docx is issued by the unit under the ward Party Committee, from its submitted version", async () => {
    const file = await h.exports.exportUnitReport('annual-2026', 'kp1', at);
    expect(file!.fileName).toBe('bao-cao-nam-2026-kp1-chi-bo-khu-pho-1.docx');
    const text = (await readDocx(file!.bytes)).paragraphs.join('\n');
    // HD 36: a chi bộ's report is headed by its Party organisation, then its own name.
    expect(text).toMatch(/^ĐẢNG BỘ PHƯỜNG HỒNG AN\nCHI BỘ KHU PHỐ 1\n\*/);
    expect(text).toContain('Khu phố 1 có 620 hộ dân.');
    expect(text).toContain('41 đảng viên');
    expect(await h.exports.exportUnitReport('annual-2026', 'nope', at)).toBeNull();
    expect(await h.exports.exportRound('no-such-round', at)).toBeNull();
  });
});
