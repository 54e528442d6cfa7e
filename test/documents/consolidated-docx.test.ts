import { DEFAULT_GROUNDS, DEFAULT_RECIPIENTS } from '../../src/config/organisation';
import { buildConsolidatedDocx } from '../../src/documents';
import { expectInOrder, expectOfficialFormat, indexOfParagraph } from './docx-checks';
import { exampleRound, exampleWard } from './example-ward';
import { outline, round, sampleReports, wardHeader } from './fixtures';
import { type DocxRead, readDocx } from './read-back';

const HEADINGS = [
  'I. KHÁI QUÁT ĐẶC ĐIỂM, TÌNH HÌNH CỦA ĐỊA PHƯƠNG, CƠ QUAN, ĐƠN VỊ',
  'II. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO TRIỂN KHAI',
  'III. KẾT QUẢ THỰC HIỆN DÂN CHỦ Ở CÁC LOẠI HÌNH CƠ SỞ',
  'IV. ĐÁNH GIÁ CHUNG',
  'V. NHIỆM VỤ, GIẢI PHÁP TRỌNG TÂM',
  'VI. KIẾN NGHỊ, ĐỀ XUẤT',
];

/** Paragraphs of the body: after the title, before "Nơi nhận" (the closing table and the appendix). */
function bodyOf(doc: DocxRead): string[] {
  const start = indexOfParagraph(doc, 'BÁO CÁO');
  const end = doc.paragraphs.indexOf('Nơi nhận:');
  return doc.paragraphs.slice(start, end).filter((p) => p.trim() !== '');
}

function expectNoQuestionLeftovers(body: string[]): void {
  const text = body.join('\n');
  for (const leftover of [
    /: Có\./u,
    /: Không\./u,
    /Đơn vị báo cáo( là)?:/u,
    /Tài liệu kèm theo/u,
    /\.(pdf|docx?|xlsx|jpe?g|png)\b/iu,
  ]) {
    expect({ leftover: String(leftover), found: leftover.test(text) }).toEqual({
      leftover: String(leftover),
      found: false,
    });
  }
}

describe('consolidated .docx (fixture outline)', () => {
  let doc: DocxRead;
  beforeAll(async () => {
    const buf = await buildConsolidatedDocx({
      header: wardHeader(),
      outline,
      round: {
        ...round,
        dataFrom: new Date('2025-11-30T17:00:00Z'),
        dataTo: new Date('2026-11-30T16:59:59Z'),
      },
      reports: sampleReports(),
      reporter: 'Ban Thường vụ Đảng ủy phường',
      grounds: ['Công văn số 109-CV/ĐU, ngày 28/8/2025 của Ban Thường vụ Đảng ủy phường'],
    });
    expect(buf.subarray(0, 2).toString()).toBe('PK');
    doc = await readDocx(buf);
  });

  it('has the header block, the title and the official format', () => {
    expect(doc.tables[0]).toEqual([
      ['ĐẢNG BỘ THÀNH PHỐ HỒ CHÍ MINHĐẢNG ỦY PHƯỜNG HỒNG AN*', 'ĐẢNG CỘNG SẢN VIỆT NAM'],
      ['Số      -BC/ĐU', 'Hồng An, ngày 26 tháng 11 năm 2026'],
    ]);
    expectInOrder(doc, ['BÁO CÁO', 'Kết quả thực hiện dân chủ ở cơ sở năm 2026']);
    expectOfficialFormat(doc);
  });

  it('opens with the grounds and the period with its data window, not with progress figures', () => {
    expect(bodyOf(doc)[2]).toBe(
      'Thực hiện Công văn số 109-CV/ĐU, ngày 28/8/2025 của Ban Thường vụ Đảng ủy phường, Ban Thường vụ Đảng ủy ' +
        'phường báo cáo kết quả thực hiện dân chủ ở cơ sở năm 2026 (số liệu tính từ ngày 01/12/2025 đến ngày ' +
        '30/11/2026) như sau:',
    );
    const all = doc.paragraphs.join('\n');
    expect(all).not.toMatch(/Đến ngày|đã nộp báo cáo|chưa nộp|được miễn|Bản nháp chưa nộp/u);
  });

  it('has sections I–VI in order and no question labels, yes/no leftovers or file names in the body', () => {
    expectInOrder(doc, [HEADINGS[0]!, HEADINGS[1]!, HEADINGS[2]!, HEADINGS[3]!, HEADINGS[4]!, HEADINGS[5]!]);
    expectNoQuestionLeftovers(bodyOf(doc));
  });

  it('weaves the units’ text in as prose attributed to them', () => {
    const body = bodyOf(doc);
    expect(body).toContain('Theo báo cáo của Chi bộ Khu phố 1, khu phố 1 có 420 hộ, 1.650 nhân khẩu.');
    expect(body).toContain('Tình hình an ninh trật tự ổn định.');
    expect(body).toContain('Theo báo cáo của Chi bộ Khu phố 2, một số hộ chưa tham gia họp.');
  });

  it('says the figures in sentences with the ward totals, and the options used', () => {
    const body = bodyOf(doc).join('\n');
    // two units of one kind: told unit by unit (a question without a phrase is said as "label: quantity")
    expect(body).toContain(
      'Số liệu trong kỳ của Chi bộ Khu phố 2 gồm hội nghị cộng đồng dân cư: 5 cuộc; hội nghị đối thoại: 2 cuộc.',
    );
    expect(body).toContain(
      'Hình thức công khai đã sử dụng: niêm yết công khai (1 đơn vị); loa truyền thanh (1 đơn vị).',
    );
  });

  it('ends with the configured recipients and signer, then one appendix table of figures per unit', () => {
    const closing = doc.tables[1]!;
    expect(closing[0]![0]).toBe(
      'Nơi nhận:- Ban Tuyên giáo và Dân vận Thành ủy,- Thường trực Đảng ủy,- Lưu BXDĐ, VPĐU.',
    );
    expect(closing[0]![1]).toBe('T/M BAN THƯỜNG VỤPHÓ BÍ THƯLưu Văn Mịch');
    // header, closing, appendix: no table per indicator any more
    expect(doc.tables).toHaveLength(3);
    const appendix = doc.tables[2]!;
    expect(appendix[0]).toEqual(['STT', 'Nội dung', 'Đơn vị tính', 'Số lượng']);
    expect(appendix).toContainEqual(['1', 'Chi bộ Khu phố 1']);
    expect(appendix).toContainEqual(['', 'Hội nghị cộng đồng dân cư', 'cuộc', '3']);
    expect(appendix).toContainEqual(['', 'Tài liệu kèm theo: bien-ban-hoi-nghi.pdf; danh-sach.xlsx']);
    expect(appendix).toContainEqual(['', 'Tổng cộng toàn phường']);
    expect(appendix[appendix.length - 2]).toEqual(['', 'Hội nghị cộng đồng dân cư', 'cuộc', '8']);
    expectInOrder(doc, ['PHỤ LỤC', 'SỐ LIỆU THỰC HIỆN DÂN CHỦ Ở CƠ SỞ CỦA CÁC ĐƠN VỊ']);
    expect(doc.xml).toMatch(/<w:pageBreakBefore\/>[\s\S]{0,800}>PHỤ LỤC</);
  });
});

describe('consolidated .docx of the example ward (real outline, three units)', () => {
  let body: string[];
  let doc: DocxRead;
  const build = async (previous: boolean) => {
    const { outline: real, reports } = await exampleWard();
    return readDocx(
      await buildConsolidatedDocx({
        header: { ...wardHeader(), recipients: DEFAULT_RECIPIENTS },
        outline: real,
        round: exampleRound,
        reports,
        grounds: DEFAULT_GROUNDS,
        previous: previous
          ? { label: 'năm 2025', totals: { cq_hoi_nghi_cong_dong: 20, ii1_so_van_ban: 9 } }
          : null,
      }),
    );
  };
  beforeAll(async () => {
    doc = await build(true);
    body = bodyOf(doc);
  });

  it('cites the letter’s grounds and prints section III without the guidance in parentheses', () => {
    expect(body[2]).toMatch(
      /^Thực hiện Luật Thực hiện dân chủ ở cơ sở số 10\/2022\/QH15; Chỉ thị số 15-CT\/TU/u,
    );
    expect(body[2]).toContain('Công văn số 109-CV/ĐU, ngày 28/8/2025');
    expect(body).toContain('III. KẾT QUẢ THỰC HIỆN DÂN CHỦ Ở CÁC LOẠI HÌNH CƠ SỞ');
    expect(body.join('\n')).not.toMatch(/tùy theo tình hình/iu);
  });

  it('splits section III by kind of unit, each block with its own figures', () => {
    expectInOrder(doc, [
      HEADINGS[2]!,
      '1. Chính quyền',
      '2. Tổ chức đảng trực thuộc',
      '3. Mặt trận và các tổ chức chính trị - xã hội',
      HEADINGS[3]!,
    ]);
    const iii = body
      .slice(body.indexOf('1. Chính quyền'), body.indexOf('2. Tổ chức đảng trực thuộc'))
      .join('\n');
    expect(iii).toContain(
      'Trong kỳ, Ủy ban nhân dân phường đã công khai 35 nội dung, thông tin cho Nhân dân',
    );
    expect(iii).toContain('kiện toàn 12 tổ hòa giải ở cơ sở');
    expect(iii).not.toMatch(/sinh hoạt chi bộ/u);
  });

  it('gives ward totals with the split by block, and compares with the same period last year', () => {
    const text = body.join('\n');
    expect(text).toContain(
      'ban hành 9 văn bản lãnh đạo, chỉ đạo về thực hiện dân chủ ở cơ sở (Chính quyền: 4; Tổ chức đảng trực thuộc: 2; ' +
        'Mặt trận và các tổ chức chính trị - xã hội: 3; bằng cùng kỳ năm 2025)',
    );
    expect(text).toContain(
      'tổ chức 24 hội nghị cộng đồng dân cư để Nhân dân bàn và quyết định (tăng 4 cuộc, tỷ lệ tăng 20% so với cùng kỳ năm 2025)',
    );
    expect(text).toContain('Có 2/3 đơn vị đã có quy chế thực hiện dân chủ (chưa: Chi bộ Khu phố 1).');
    expectNoQuestionLeftovers(body);
  });

  it('has no comparison when there is no earlier round', async () => {
    const first = bodyOf(await build(false)).join('\n');
    expect(first).not.toContain('cùng kỳ');
    expect(first).toContain('tổ chức 24 hội nghị cộng đồng dân cư để Nhân dân bàn và quyết định;');
  });

  it('addresses the letter’s recipients and lists the attachments only in the appendix', () => {
    expect(doc.tables[1]![0]![0]).toContain('- Ban Tuyên giáo và Dân vận Thành ủy (để báo cáo),');
    expect(doc.tables[1]![0]![0]).not.toContain('Ban Thường vụ Đảng ủy (để báo cáo)');
    expect(doc.tables[2]).toContainEqual(['', 'Tài liệu kèm theo: Bien-ban-hoi-nghi-UBND.pdf']);
  });
});
