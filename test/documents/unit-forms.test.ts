import { buildUnitReportDocx } from '../../src/documents';
import { unitDocumentHeader } from '../../src/features/units/unit-document';
import { expectOfficialFormat } from './docx-checks';
import { exampleRound, exampleWard } from './example-ward';
import { readDocx } from './read-back';

const ORG = {
  place: 'Hồng An',
  superiorBody: 'ĐẢNG BỘ THÀNH PHỐ',
  issuingBody: 'ĐẢNG ỦY PHƯỜNG HỒNG AN',
  unitSuperiorBody: 'ĐẢNG BỘ PHƯỜNG HỒNG AN',
  signerOnBehalf: 'T/M BAN THƯỜNG VỤ',
  signerTitle: 'PHÓ BÍ THƯ',
  signerName: '',
};
const base = {
  place: 'Hồng An',
  date: new Date('2026-12-05T02:00:00Z'),
  subject: 'kết quả thực hiện dân chủ ở cơ sở năm 2026',
};

async function render(
  code: string,
  name: string,
  kind: string,
  presetAnswers: Record<string, unknown>,
  settings = {},
) {
  const { outline, reports } = await exampleWard();
  const report = { ...reports[0]!, unitCode: code, unitName: name, unitKind: kind };
  const header = unitDocumentHeader({ code, name, kind, presetAnswers }, ORG, settings, base);
  return readDocx(await buildUnitReportDocx({ header, outline, round: exampleRound, report }));
}

describe("each unit's report in the form its kind of body uses", () => {
  it('People’s Committee: Decree 30/2020 — national motto, "Số: …/BC-UBND", "TM. ỦY BAN NHÂN DÂN"', async () => {
    const doc = await render('ubnd', 'Ủy ban nhân dân phường', 'chinh-quyen', { cq_don_vi: 'ubnd' });
    expect(doc.tables[0]).toEqual([
      ['ỦY BAN NHÂN DÂNPHƯỜNG HỒNG AN', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAMĐộc lập - Tự do - Hạnh phúc'],
      ['Số:       /BC-UBND', 'Hồng An, ngày 05 tháng 12 năm 2026'],
    ]);
    expect(doc.xml).not.toContain('ĐẢNG CỘNG SẢN VIỆT NAM');
    expect(doc.tables.at(-1)![0]![1]).toBe('TM. ỦY BAN NHÂN DÂNCHỦ TỊCH');
    // page, margins, fonts and page numbers are the same for both forms
    const { xml } = doc;
    expect(xml).toMatch(/<w:pgSz[^>]*w:w="11906"[^>]*w:h="16838"/);
    expect(xml).toContain('<w:titlePg/>');
  });

  it('People’s Council: its own number symbol and signer', async () => {
    const doc = await render('thuong-truc-hdnd', 'Thường trực Hội đồng nhân dân phường', 'chinh-quyen', {
      cq_don_vi: 'hdnd',
    });
    expect(doc.tables[0]![0]![0]).toBe('HỘI ĐỒNG NHÂN DÂNPHƯỜNG HỒNG AN');
    expect(doc.tables[0]![1]![0]).toBe('Số:       /BC-HĐND');
    expect(doc.tables.at(-1)![0]![1]).toBe('TM. THƯỜNG TRỰC HỘI ĐỒNG NHÂN DÂNCHỦ TỊCH');
  });

  it('Fatherland Front and the Youth Union: their own names and marks', async () => {
    const mttq = await render('mttq', 'Ủy ban Mặt trận Tổ quốc Việt Nam phường', 'mat-tran', {
      mt_to_chuc: 'mttq',
    });
    expect(mttq.tables[0]).toEqual([
      [
        'ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAMPHƯỜNG HỒNG AN',
        'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAMĐộc lập - Tự do - Hạnh phúc',
      ],
      ['Số:       /BC-MTTQ', 'Hồng An, ngày 05 tháng 12 năm 2026'],
    ]);
    const doan = await render('doan-tn', 'Đoàn Thanh niên Cộng sản Hồ Chí Minh phường', 'mat-tran', {
      mt_to_chuc: 'doan-tn',
    });
    expect(doan.tables[0]).toEqual([
      ['BCH ĐOÀN PHƯỜNG HỒNG AN***', 'ĐOÀN TNCS HỒ CHÍ MINH'],
      ['Số:       -BC/ĐTN', 'Hồng An, ngày 05 tháng 12 năm 2026'],
    ]);
  });

  it('Party cell: HD 36-HD/VPTW, also for a cell of kind co-quan', async () => {
    const doc = await render('chi-bo-truong-th', 'Chi bộ Trường Tiểu học Hồng An', 'co-quan', {});
    expect(doc.tables[0]).toEqual([
      ['ĐẢNG BỘ PHƯỜNG HỒNG ANCHI BỘ TRƯỜNG TIỂU HỌC HỒNG AN*', 'ĐẢNG CỘNG SẢN VIỆT NAM'],
      ['Số       -BC/CB', 'Hồng An, ngày 05 tháng 12 năm 2026'],
    ]);
    expect(doc.tables.at(-1)![0]![1]).toBe('T/M CHI BỘBÍ THƯ');
    expectOfficialFormat(doc);
  });

  it('the units file’s "document" settings win over the defaults', async () => {
    const doc = await render(
      'cong-doan',
      'Công đoàn phường',
      'mat-tran',
      { mt_to_chuc: 'cong-doan' },
      {
        superiorBody: 'LIÊN ĐOÀN LAO ĐỘNG THÀNH PHỐ',
        issuingBody: 'CÔNG ĐOÀN PHƯỜNG HỒNG AN',
        signerName: 'Trần Thị B',
        recipients: ['Ban Thường vụ Đảng ủy phường,', 'Lưu VP.'],
      },
    );
    expect(doc.tables[0]![0]![0]).toBe('LIÊN ĐOÀN LAO ĐỘNG THÀNH PHỐCÔNG ĐOÀN PHƯỜNG HỒNG AN');
    expect(doc.tables[0]![1]![0]).toBe('Số:       /BC-CĐ');
    expect(doc.tables.at(-1)![0]).toEqual([
      'Nơi nhận:- Ban Thường vụ Đảng ủy phường,- Lưu VP.',
      'TM. BAN CHẤP HÀNHCHỦ TỊCHTrần Thị B',
    ]);
  });
});
