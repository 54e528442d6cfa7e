import { buildConsolidatedDocx, buildUnitReportDocx } from '../../src/exports';
import { outline, reportDate, round, sampleReports, unitHeader, wardHeader } from './fixtures';
import { type DocxRead, readDocx } from './read-back';

const HEADINGS = [
  'I. KHÁI QUÁT ĐẶC ĐIỂM, TÌNH HÌNH CỦA ĐỊA PHƯƠNG, CƠ QUAN, ĐƠN VỊ',
  'II. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO TRIỂN KHAI',
  'III. KẾT QUẢ THỰC HIỆN DÂN CHỦ Ở CÁC LOẠI HÌNH CƠ SỞ',
  'IV. ĐÁNH GIÁ CHUNG',
  'V. NHIỆM VỤ, GIẢI PHÁP TRỌNG TÂM',
  'VI. KIẾN NGHỊ, ĐỀ XUẤT',
];

function indexOfParagraph(doc: DocxRead, text: string, from = 0): number {
  return doc.paragraphs.findIndex((p, i) => i >= from && p === text);
}

function expectInOrder(doc: DocxRead, texts: string[]): void {
  let at = -1;
  for (const t of texts) {
    const next = indexOfParagraph(doc, t, at + 1);
    expect({ heading: t, found: next > at }).toEqual({ heading: t, found: true });
    at = next;
  }
}

function expectOfficialFormat(doc: DocxRead): void {
  const { xml } = doc;
  // A4 portrait, margins 20/20/30/15 mm, header 10 mm
  expect(xml).toMatch(/<w:pgSz[^>]*w:w="11906"[^>]*w:h="16838"/);
  const mar = /<w:pgMar ([^>]*)\/>/.exec(xml)?.[1] ?? '';
  expect(mar).toContain('w:top="1134"');
  expect(mar).toContain('w:bottom="1134"');
  expect(mar).toContain('w:left="1701"');
  expect(mar).toContain('w:right="850"');
  // page numbers from page 2: a different (empty) first-page header, a PAGE field in the default header
  expect(xml).toContain('<w:titlePg/>');
  expect(xml).toMatch(/<w:headerReference[^>]*w:type="first"/);
  expect(xml).toMatch(/<w:headerReference[^>]*w:type="default"/);
  const headers = Object.entries(doc.files).filter(([n]) => /^word\/header\d+\.xml$/.test(n));
  expect(headers.some(([, x]) => /PAGE/.test(x) && /w:jc w:val="center"/.test(x))).toBe(true);
  // Times New Roman declared on runs and as the document default
  expect(xml).toContain(
    '<w:rFonts w:ascii="Times New Roman" w:cs="Times New Roman" w:eastAsia="Times New Roman" w:hAnsi="Times New Roman"/>',
  );
  expect(xml).not.toMatch(/w:ascii="(?!Times New Roman)/);
  expect(doc.files['word/styles.xml']).toContain('w:ascii="Times New Roman"');
  // 14 pt body, 15 pt "ĐẢNG CỘNG SẢN VIỆT NAM", 16 pt "BÁO CÁO"
  expect(xml).toMatch(/<w:b\/>[\s\S]{0,200}<w:sz w:val="30"\/>[\s\S]{0,80}<w:t[^>]*>ĐẢNG CỘNG SẢN VIỆT NAM</);
  expect(xml).toMatch(/<w:sz w:val="32"\/>[\s\S]{0,80}<w:t[^>]*>BÁO CÁO</);
  expect(xml).toContain('<w:sz w:val="28"/>');
  // body justified with a first-line indent of 1.27 cm
  expect(xml).toContain('<w:jc w:val="both"/>');
  expect(xml).toContain('w:firstLine="720"');
}

describe('consolidated .docx', () => {
  let doc: DocxRead;
  beforeAll(async () => {
    const buf = await buildConsolidatedDocx({
      header: wardHeader(),
      outline,
      round,
      reports: sampleReports(),
    });
    expect(buf.subarray(0, 2).toString()).toBe('PK');
    doc = await readDocx(buf);
  });

  it('has the header block as a borderless two-column table', () => {
    const header = doc.tables[0]!;
    expect(header).toEqual([
      ['ĐẢNG BỘ THÀNH PHỐ HỒ CHÍ MINHĐẢNG ỦY PHƯỜNG HỒNG AN*', 'ĐẢNG CỘNG SẢN VIỆT NAM'],
      ['Số      -BC/ĐU', 'Hồng An, ngày 26 tháng 11 năm 2026'],
    ]);
    const firstTable = /<w:tbl>[\s\S]*?<\/w:tblPr>/.exec(doc.xml)![0];
    expect(firstTable).toContain('<w:top w:val="none"');
    expect(firstTable).toContain('<w:insideV w:val="none"');
    // place and date in italics, issuing body in bold
    expect(doc.xml).toMatch(/<w:i\/>[\s\S]{0,200}Hồng An, ngày 26 tháng 11 năm 2026/);
    expect(doc.xml).toMatch(/<w:b\/>[\s\S]{0,200}>ĐẢNG ỦY PHƯỜNG HỒNG AN</);
  });

  it('has the title, the subject and the counts sentence', () => {
    expectInOrder(doc, ['BÁO CÁO', 'Kết quả thực hiện dân chủ ở cơ sở năm 2026']);
    expect(doc.paragraphs).toContain(
      'Đến ngày 26/11/2026, có 2/5 đơn vị đã nộp báo cáo “Báo cáo năm 2026” (1 đơn vị được miễn báo cáo). ' +
        'Trên cơ sở báo cáo của các đơn vị, kết quả thực hiện được tổng hợp như sau:',
    );
  });

  it('keeps the official format', () => expectOfficialFormat(doc));

  it('has sections I–VI in order, with sub-sections', () => {
    expectInOrder(doc, [
      HEADINGS[0]!,
      HEADINGS[1]!,
      '1. Công tác lãnh đạo, chỉ đạo của các cấp ủy đảng',
      '2. Công tác chỉ đạo triển khai thực hiện của HĐND, UBND các cấp',
      HEADINGS[2]!,
      HEADINGS[3]!,
      '1. Kết quả đạt được',
      '2. Hạn chế, khó khăn, vướng mắc',
      HEADINGS[4]!,
      HEADINGS[5]!,
    ]);
    // IV.3: no unit wrote anything, so no empty sub-heading
    expect(doc.paragraphs).not.toContain('3. Nguyên nhân của hạn chế, khó khăn, vướng mắc');
    // V: nobody wrote anything
    const v = indexOfParagraph(doc, HEADINGS[4]!);
    expect(doc.paragraphs[v + 1]).toBe('(Chưa có đơn vị báo cáo nội dung này.)');
  });

  it('puts what each unit wrote under its name, in its section, from submitted and accepted reports only', () => {
    const i = indexOfParagraph(doc, HEADINGS[0]!);
    expect(doc.paragraphs.slice(i + 1, i + 4)).toEqual([
      'Chi bộ Khu phố 1: Khu phố 1 có 420 hộ, 1.650 nhân khẩu.',
      'Tình hình an ninh trật tự ổn định.',
      'Chi bộ Khu phố 2: Khu phố 2 có 380 hộ.',
    ]);
    expect(doc.xml).toMatch(/<w:b\/>[\s\S]{0,200}>Chi bộ Khu phố 1: </);
    expect(doc.paragraphs).toContain(
      'Chi bộ Khu phố 1: Hình thức công khai: Niêm yết công khai; Loa truyền thanh.',
    );
    expect(doc.paragraphs).toContain('Chi bộ Khu phố 2: Ngày tổ chức hội nghị gần nhất: 02/11/2026.');
    expect(doc.paragraphs).toContain('Tài liệu kèm theo: bien-ban-hoi-nghi.pdf; danh-sach.xlsx.');
    expect(doc.xml).not.toContain('Bản nháp chưa nộp');
  });

  it('adds up each numeric question in a table with a bold total row', () => {
    const meetings = doc.tables.find(
      (t) => t[0]?.[2] === 'Số lượng (cuộc)' && t[2]?.[1] === 'Chi bộ Khu phố 2' && t[2]?.[2] === '5',
    );
    expect(meetings).toEqual([
      ['STT', 'Đơn vị', 'Số lượng (cuộc)'],
      ['1', 'Chi bộ Khu phố 1', '3'],
      ['2', 'Chi bộ Khu phố 2', '5'],
      ['Tổng cộng', '8'],
    ]);
    // a numeric string answer ('2') is counted too
    expect(doc.tables).toContainEqual([
      ['STT', 'Đơn vị', 'Số lượng (cuộc)'],
      ['1', 'Chi bộ Khu phố 1', '1'],
      ['2', 'Chi bộ Khu phố 2', '2'],
      ['Tổng cộng', '3'],
    ]);
    expect(doc.tables).toContainEqual([
      ['STT', 'Đơn vị', 'Số lượng (văn bản)'],
      ['1', 'Chi bộ Khu phố 1', '2'],
      ['Tổng cộng', '2'],
    ]);
    // captions precede the tables, inside their section
    expectInOrder(doc, [HEADINGS[2]!, 'Hội nghị cộng đồng dân cư', 'Hội nghị đối thoại', HEADINGS[3]!]);
    expect(doc.xml).toMatch(/<w:b\/>[\s\S]{0,300}>Tổng cộng</);
    expect(doc.xml).toMatch(/<w:gridSpan w:val="2"\/>[\s\S]{0,600}>Tổng cộng</);
  });

  it('lists the units that have not reported, and the exempt ones separately', () => {
    expectInOrder(doc, [
      HEADINGS[5]!,
      'Đơn vị chưa nộp báo cáo (3)',
      '- Ủy ban nhân dân phường: đang soạn 5/12;',
      '- Chi bộ Trường THCS Hồng An: chưa bắt đầu;',
      '- Chi bộ Khu phố 3: bị trả lại.',
      'Đơn vị được miễn (1)',
      '- Chi bộ Công ty TNHH Minh Phát.',
    ]);
  });

  it('ends with "Nơi nhận" and the signer in a borderless table', () => {
    const closing = doc.tables[doc.tables.length - 1]!;
    expect(closing).toEqual([
      [
        'Nơi nhận:- Ban Tuyên giáo và Dân vận Thành ủy,- Thường trực Đảng ủy,- Lưu BXDĐ, VPĐU.',
        'T/M BAN THƯỜNG VỤPHÓ BÍ THƯLưu Văn Mịch',
      ],
    ]);
    expect(doc.xml).toMatch(/<w:b\/><w:bCs\/><w:i\/>[\s\S]{0,200}<w:sz w:val="24"\/>[\s\S]{0,80}>Nơi nhận:</);
    expect(doc.xml).toMatch(/<w:sz w:val="22"\/>[\s\S]{0,80}>- Thường trực Đảng ủy,</);
  });

  it('says when every unit has reported', async () => {
    const reports = sampleReports().filter((r) => r.status === 'submitted' || r.status === 'accepted');
    const all = await readDocx(
      await buildConsolidatedDocx({ header: wardHeader(), outline, round, reports }),
    );
    expect(all.paragraphs).toContain('Tất cả các đơn vị đã nộp báo cáo.');
    expect(all.paragraphs.some((p) => p.startsWith('Đến ngày 26/11/2026, có 2/2 đơn vị'))).toBe(true);
    expect(all.paragraphs.some((p) => p.startsWith('Đơn vị được miễn'))).toBe(false);
  });
});

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
      'Thực hiện yêu cầu “Báo cáo năm 2026” (gửi trước ngày 10/12/2026), Chi bộ Khu phố 1 báo cáo ' +
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
