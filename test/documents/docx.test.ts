import { buildUnitReportDocx } from '../../src/documents';
import { expectInOrder, expectOfficialFormat } from './docx-checks';
import { outline, reportDate, round, sampleReports, unitHeader } from './fixtures';
import { type DocxRead, readDocx } from './read-back';

const HEADINGS = [
  'I. KHÁI QUÁT ĐẶC ĐIỂM, TÌNH HÌNH CỦA ĐỊA PHƯƠNG, CƠ QUAN, ĐƠN VỊ',
  'II. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO TRIỂN KHAI',
  'III. KẾT QUẢ THỰC HIỆN DÂN CHỦ Ở CÁC LOẠI HÌNH CƠ SỞ',
  'IV. ĐÁNH GIÁ CHUNG',
  'V. NHIỆM VỤ, GIẢI PHÁP TRỌNG TÂM',
  'VI. KIẾN NGHỊ, ĐỀ XUẤT',
];

describe('unit report .docx', () => {
  let doc: DocxRead;
  beforeAll(async () => {
    const report = sampleReports()[0]!;
    doc = await readDocx(
      await buildUnitReportDocx({ header: unitHeader('Chi bộ Khu phố 1'), outline, round, report }),
    );
  });

  it('has the unit header, title and official format', () => {
    expect(doc.tables[0]).toEqual([
      ['ĐẢNG BỘ PHƯỜNG HỒNG ANCHI BỘ KHU PHỐ 1*', 'ĐẢNG CỘNG SẢN VIỆT NAM'],
      ['Số      -BC/CB', 'Hồng An, ngày 26 tháng 11 năm 2026'],
    ]);
    expectInOrder(doc, ['BÁO CÁO', 'Kết quả thực hiện dân chủ ở cơ sở năm 2026']);
    expect(doc.paragraphs).toContain(
      'Thực hiện yêu cầu “Báo cáo năm 2026” (hạn nộp: trước ngày 10/12/2026), Chi bộ Khu phố 1 báo cáo ' +
        'kết quả thực hiện dân chủ ở cơ sở năm 2026 như sau:',
    );
    expect(doc.paragraphs).not.toContain('(Dự thảo – báo cáo chưa nộp)');
    expectOfficialFormat(doc);
  });

  it('puts each answer under its section; unanswered questions are left out', () => {
    expectInOrder(doc, [
      HEADINGS[0]!,
      'Khu phố 1 có 420 hộ, 1.650 nhân khẩu.',
      'Tình hình an ninh trật tự ổn định.',
      HEADINGS[1]!,
      '1. Công tác lãnh đạo, chỉ đạo của các cấp ủy đảng',
      'Chi bộ ban hành kế hoạch thực hiện dân chủ năm 2026.',
      '2. Công tác chỉ đạo triển khai thực hiện của HĐND, UBND các cấp',
      HEADINGS[2]!,
      'Hình thức công khai: Niêm yết công khai; Loa truyền thanh.',
      'Ngày tổ chức hội nghị gần nhất: 15/10/2026.',
      HEADINGS[3]!,
      '1. Kết quả đạt được',
      'Nhân dân tham gia tích cực các hội nghị.',
      HEADINGS[4]!,
      '(Đơn vị không báo cáo nội dung này.)',
      HEADINGS[5]!,
      'Đề nghị bố trí kinh phí cho tổ hòa giải.',
      'Tài liệu kèm theo: bien-ban-hoi-nghi.pdf; danh-sach.xlsx.',
      'Báo cáo nộp qua hệ thống lúc 14:15 ngày 20/11/2026, phiên bản 1, số tiếp nhận BC-2026-001.',
    ]);
    expect(doc.paragraphs).not.toContain('2. Hạn chế, khó khăn, vướng mắc');
    expect(doc.xml).not.toContain('Tổ chức hội nghị cán bộ');
  });

  it('shows figures in a "Nội dung / Số lượng" table with the unit of measure', () => {
    expect(doc.tables).toContainEqual([
      ['Nội dung', 'Số lượng'],
      ['Hội nghị cộng đồng dân cư', '3 cuộc'],
      ['Hội nghị đối thoại', '1 cuộc'],
    ]);
    expect(doc.tables).toContainEqual([
      ['Nội dung', 'Số lượng'],
      ['Văn bản chỉ đạo, triển khai đã ban hành', '2 văn bản'],
    ]);
  });

  it('marks a report that is not submitted as a draft and renders dates in Hồ Chí Minh time', async () => {
    const draft = sampleReports()[2]!;
    const header = { ...unitHeader('ỦY BAN NHÂN DÂN PHƯỜNG'), date: new Date('2026-02-04T17:00:00Z') };
    const d = await readDocx(await buildUnitReportDocx({ header, outline, round, report: draft }));
    expect(d.paragraphs).toContain('(Dự thảo – báo cáo chưa nộp)');
    expect(d.tables[0]![1]![1]).toBe('Hồng An, ngày 05 tháng 02 năm 2026');
    expect(d.paragraphs.some((p) => p.startsWith('Báo cáo nộp qua hệ thống'))).toBe(false);
  });

  it('renders the header date in Asia/Ho_Chi_Minh', () => {
    expect(reportDate.toISOString().slice(0, 10)).toBe('2026-11-25');
    expect(doc.paragraphs).toContain('Hồng An, ngày 26 tháng 11 năm 2026');
  });
});
