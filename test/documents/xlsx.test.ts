import type ExcelJS from 'exceljs';
import { buildRoundXlsx, EXCEL_CELL_LIMIT } from '../../src/documents';
import { outline, round, sampleReports, unit } from './fixtures';
import { readXlsx } from './read-back';

function headerIndex(ws: ExcelJS.Worksheet): Map<string, number> {
  const map = new Map<string, number>();
  ws.getRow(1).eachCell((c, col) => {
    map.set(String(c.value), col);
  });
  return map;
}

describe('round .xlsx', () => {
  let wb: ExcelJS.Workbook;
  let ws: ExcelJS.Worksheet;
  let cols: Map<string, number>;
  const col = (header: string): number => {
    const c = cols.get(header);
    if (c === undefined) throw new Error(`no column ${header}; have ${[...cols.keys()].join(' | ')}`);
    return c;
  };

  beforeAll(async () => {
    wb = await readXlsx(await buildRoundXlsx({ outline, round, reports: sampleReports() }));
    ws = wb.getWorksheet('Tổng hợp')!;
    cols = headerIndex(ws);
  });

  it('has one row per unit after a frozen header, then the total row', () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Tổng hợp', 'Trạng thái', 'Số liệu']);
    expect(ws.rowCount).toBe(1 + 6 + 1);
    expect([...cols.keys()].slice(0, 5)).toEqual([
      'Mã đơn vị',
      'Tên đơn vị',
      'Loại hình',
      'Trạng thái',
      'Thời điểm nộp',
    ]);
    // one column per question, titled by section number and short label
    expect(cols.size).toBe(5 + outline.sections.reduce((n, s) => n + s.questions.length, 0));
    expect(cols.has('III. Hội nghị cộng đồng dân cư (cuộc)')).toBe(true);
    expect(cols.has('II.2. Văn bản chỉ đạo, triển khai đã ban hành (văn bản)')).toBe(true);
    expect(cols.has('I. Khái quát đặc điểm, tình hình của đơn vị')).toBe(true);
    expect(ws.getRow(1).getCell(6).alignment?.wrapText).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.getColumn(2).width).toBeGreaterThan(20);
    const names = [2, 3, 4, 5, 6, 7].map((r) => ws.getRow(r).getCell(2).value);
    expect(names).toEqual([
      'Chi bộ Khu phố 1',
      'Chi bộ Khu phố 2',
      'Ủy ban nhân dân phường',
      'Chi bộ Trường THCS Hồng An',
      'Chi bộ Khu phố 3',
      'Chi bộ Công ty TNHH Minh Phát',
    ]);
  });

  it('writes numbers as numbers, dates as dates, yes/no and multi as text', () => {
    const kp1 = ws.getRow(2);
    const kp2 = ws.getRow(3);
    expect(kp1.getCell(col('III. Hội nghị cộng đồng dân cư (cuộc)')).value).toBe(3);
    expect(kp2.getCell(col('III. Hội nghị đối thoại (cuộc)')).value).toBe(2); // from the string '2'
    const date = kp1.getCell(col('III. Ngày tổ chức hội nghị gần nhất'));
    expect(date.value).toBeInstanceOf(Date);
    expect((date.value as Date).toISOString()).toBe('2026-10-15T00:00:00.000Z');
    expect(date.numFmt).toBe('dd/mm/yyyy');
    expect(kp1.getCell(col('III. Hình thức công khai')).value).toBe('Niêm yết công khai; Loa truyền thanh');
    expect(kp1.getCell(col('VI. Tài liệu kèm theo')).value).toBe('bien-ban-hoi-nghi.pdf; danh-sach.xlsx');
    expect(kp1.getCell(col('I. Khái quát đặc điểm, tình hình của đơn vị')).value).toBe(
      'Khu phố 1 có 420 hộ, 1.650 nhân khẩu.\nTình hình an ninh trật tự ổn định.',
    );
    // submission time is the Hồ Chí Minh wall clock (07:15Z → 14:15)
    const at = kp1.getCell(5);
    expect((at.value as Date).toISOString()).toBe('2026-11-20T14:15:00.000Z');
    expect(at.numFmt).toBe('dd/mm/yyyy hh:mm');
    expect(kp1.getCell(4).value).toBe('Đã nộp');
    expect(kp2.getCell(4).value).toBe('Đã tiếp nhận');
  });

  it('leaves the answers of reports that are not submitted out, so the sums match the report', () => {
    const ubnd = ws.getRow(4);
    expect(ubnd.getCell(4).value).toBe('Đang soạn 5/12');
    expect(ubnd.getCell(col('III. Hội nghị cộng đồng dân cư (cuộc)')).value).toBeNull();
    expect(ws.getRow(6).getCell(col('III. Hội nghị cộng đồng dân cư (cuộc)')).value).toBeNull();
  });

  it('ends with a "Tổng cộng" row of SUM formulas with cached results', () => {
    const total = ws.getRow(8);
    expect(total.getCell(2).value).toBe('Tổng cộng');
    expect(total.font?.bold).toBe(true);
    const c = col('III. Hội nghị cộng đồng dân cư (cuộc)');
    const letter = ws.getColumn(c).letter;
    expect(total.getCell(c).value).toEqual({ formula: `SUM(${letter}2:${letter}7)`, result: 8 });
    expect(total.getCell(col('III. Hội nghị đối thoại (cuộc)')).value).toMatchObject({ result: 3 });
    expect(total.getCell(col('II.2. Văn bản chỉ đạo, triển khai đã ban hành (văn bản)')).value).toMatchObject(
      {
        result: 2,
      },
    );
    expect(total.getCell(col('I. Khái quát đặc điểm, tình hình của đơn vị')).value).toBeNull();
  });

  it('has a status sheet with Vietnamese status, time, version and receipt number', () => {
    const st = wb.getWorksheet('Trạng thái')!;
    expect(st.getRow(1).values).toEqual([
      undefined,
      'Mã đơn vị',
      'Tên đơn vị',
      'Loại hình',
      'Trạng thái',
      'Thời điểm nộp',
      'Phiên bản',
      'Số tiếp nhận',
    ]);
    const rows = [2, 3, 4, 5, 6, 7].map((r) => {
      const row = st.getRow(r);
      const at = row.getCell(5).value;
      return [
        row.getCell(2).value,
        row.getCell(4).value,
        at instanceof Date ? at.toISOString() : at,
        row.getCell(6).value,
        row.getCell(7).value,
      ];
    });
    expect(rows).toEqual([
      ['Chi bộ Khu phố 1', 'Đã nộp', '2026-11-20T14:15:00.000Z', 1, 'BC-2026-001'],
      ['Chi bộ Khu phố 2', 'Đã tiếp nhận', '2026-11-21T09:00:00.000Z', 2, 'BC-2026-002'],
      ['Ủy ban nhân dân phường', 'Đang soạn 5/12', null, null, null],
      ['Chi bộ Trường THCS Hồng An', 'Chưa bắt đầu', null, null, null],
      ['Chi bộ Khu phố 3', 'Bị trả lại', '2026-11-19T10:00:00.000Z', 1, null],
      ['Chi bộ Công ty TNHH Minh Phát', 'Miễn báo cáo', null, null, null],
    ]);
    expect(st.getRow(2).getCell(5).numFmt).toBe('dd/mm/yyyy hh:mm');
  });

  it('ends the status sheet with the round, its deadline and its data window', async () => {
    const book = await readXlsx(
      await buildRoundXlsx({
        outline,
        round: {
          ...round,
          dataFrom: new Date('2025-11-30T17:00:00Z'),
          dataTo: new Date('2026-11-30T16:59:59Z'),
        },
        reports: sampleReports(),
      }),
    );
    const st = book.getWorksheet('Trạng thái')!;
    const footer = [9, 10, 11].map((r) => [st.getRow(r).getCell(1).value, st.getRow(r).getCell(2).value]);
    expect(footer).toEqual([
      ['Đợt báo cáo', 'Báo cáo năm 2026'],
      ['Hạn nộp', 'trước ngày 10/12/2026'],
      ['Kỳ số liệu', 'từ ngày 01/12/2025 đến ngày 30/11/2026'],
    ]);
  });

  it('has a "Số liệu" sheet: figures per unit, question ids in row 2, totals blank where nobody answered', async () => {
    const fig = wb.getWorksheet('Số liệu')!;
    const header = headerIndex(fig);
    const meetings = header.get('III. Hội nghị cộng đồng dân cư (cuộc)')!;
    expect([...header.keys()].slice(0, 4)).toEqual(['Mã đơn vị', 'Tên đơn vị', 'Khối', 'Trạng thái']);
    // numeric questions only
    expect(header.size).toBe(4 + 3);
    expect(fig.getRow(2).getCell(meetings).value).toBe('iii_meetings');
    expect(fig.getRow(3).getCell(meetings).value).toBe(3);
    expect(fig.getRow(4).getCell(meetings).value).toBe(5);
    // a draft (in progress) and a returned report give no figures
    expect(fig.getRow(5).getCell(meetings).value).toBeNull();
    expect(fig.getRow(7).getCell(meetings).value).toBeNull();
    expect(fig.getRow(9).getCell(2).value).toBe('Tổng cộng');
    expect(fig.getRow(9).getCell(meetings).value).toMatchObject({ result: 8 });

    const one = unit('X', 'Đơn vị X', 'submitted', [{ questionId: 'iii_dialogues', display: '0', raw: 0 }]);
    const book = await readXlsx(await buildRoundXlsx({ outline, round, reports: [one] }));
    const summary = book.getWorksheet('Tổng hợp')!;
    const s = headerIndex(summary);
    // nobody answered: blank, not 0; answered 0: 0
    expect(summary.getRow(3).getCell(s.get('III. Hội nghị cộng đồng dân cư (cuộc)')!).value).toBeNull();
    // (a cached 0 is not written by exceljs; the formula is there)
    expect(summary.getRow(3).getCell(s.get('III. Hội nghị đối thoại (cuộc)')!).value).toMatchObject({
      formula: 'SUM(K2:K2)',
    });
    const f = book.getWorksheet('Số liệu')!;
    expect(f.getRow(4).getCell(meetings).value).toBeNull();
    expect(f.getRow(4).getCell(meetings + 1).value).toMatchObject({ formula: 'SUM(G3:G3)' });
  });

  it("truncates text beyond Excel's cell limit with a marker", async () => {
    const long = 'a'.repeat(EXCEL_CELL_LIMIT + 500);
    const r = unit('X', 'Đơn vị X', 'submitted', [{ questionId: 'v_text', display: long, raw: long }]);
    const book = await readXlsx(await buildRoundXlsx({ outline, round, reports: [r] }));
    const sheet = book.getWorksheet('Tổng hợp')!;
    const c = headerIndex(sheet).get('V. Nhiệm vụ, giải pháp trọng tâm')!;
    const v = sheet.getRow(2).getCell(c).value as string;
    expect(v.length).toBe(EXCEL_CELL_LIMIT);
    expect(v.endsWith('[đã cắt bớt do vượt giới hạn ô của Excel; xem bản .docx]')).toBe(true);
  });

  it('builds an empty round', async () => {
    const book = await readXlsx(await buildRoundXlsx({ outline, round, reports: [] }));
    const sheet = book.getWorksheet('Tổng hợp')!;
    expect(sheet.getRow(2).getCell(2).value).toBe('Tổng cộng');
  });
});

describe('text that XML cannot hold', () => {
  it('is dropped, so Word and Excel can open the files', async () => {
    const { buildConsolidatedDocx } = await import('../../src/documents');
    const { wardHeader } = await import('./fixtures');
    const { readDocx } = await import('./read-back');
    const nasty = 'Dòng\u0001 một\u000B\u0000 hết\uD800.';
    const r = unit('X\u0002', 'Đơn vị\u0007 X', 'submitted', [
      { questionId: 'v_text', display: nasty, raw: nasty },
    ]);
    const book = await readXlsx(await buildRoundXlsx({ outline, round, reports: [r] }));
    const sheet = book.getWorksheet('Tổng hợp')!;
    expect(sheet.getRow(2).getCell(2).value).toBe('Đơn vị X');
    expect(sheet.getRow(2).getCell(headerIndex(sheet).get('V. Nhiệm vụ, giải pháp trọng tâm')!).value).toBe(
      'Dòng một hết.',
    );
    const doc = await readDocx(
      await buildConsolidatedDocx({ header: wardHeader(), outline, round, reports: [r] }),
    );
    expect(doc.paragraphs).toContain('Theo báo cáo của Đơn vị X, dòng một hết.');
    expect(doc.xml).not.toMatch(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u);
  });
});
