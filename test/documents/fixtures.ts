import type {
  ExportAnswer,
  ExportHeader,
  ExportOutline,
  ExportRound,
  ExportStatus,
  ExportUnitReport,
} from '../../src/documents/types';

export const outline: ExportOutline = {
  flowId: 'dan-chu-co-so',
  title: 'Báo cáo thực hiện dân chủ ở cơ sở',
  sections: [
    {
      number: 'I',
      heading: 'Khái quát đặc điểm, tình hình của địa phương, cơ quan, đơn vị',
      questions: [{ id: 'i_text', prompt: 'Khái quát đặc điểm, tình hình của đơn vị?', type: 'text' }],
    },
    { number: 'II', heading: 'Công tác lãnh đạo, chỉ đạo triển khai', questions: [] },
    {
      number: 'II.1',
      heading: 'Công tác lãnh đạo, chỉ đạo của các cấp ủy đảng',
      questions: [{ id: 'ii1_text', prompt: 'Cấp ủy đã lãnh đạo, chỉ đạo như thế nào?', type: 'text' }],
    },
    {
      number: 'II.2',
      heading: 'Công tác chỉ đạo triển khai thực hiện của HĐND, UBND các cấp',
      questions: [
        { id: 'ii2_text', prompt: 'Chính quyền đã triển khai như thế nào?', type: 'text' },
        {
          id: 'ii2_docs',
          prompt: 'Số văn bản chỉ đạo, triển khai đã ban hành?',
          shortLabel: 'Văn bản chỉ đạo, triển khai đã ban hành',
          type: 'number',
          unit: 'văn bản',
        },
      ],
    },
    {
      number: 'III',
      heading: 'Kết quả thực hiện dân chủ ở các loại hình cơ sở',
      questions: [
        {
          id: 'iii_meetings',
          prompt: 'Số hội nghị cộng đồng dân cư đã tổ chức?',
          shortLabel: 'Hội nghị cộng đồng dân cư',
          type: 'number',
          unit: 'cuộc',
          unitKinds: ['chi_bo_khu_pho', 'ubnd'],
        },
        {
          id: 'iii_dialogues',
          prompt: 'Số hội nghị đối thoại đã tổ chức?',
          shortLabel: 'Hội nghị đối thoại',
          type: 'number',
          unit: 'cuộc',
        },
        {
          id: 'iii_forms',
          prompt: 'Các hình thức công khai đã sử dụng?',
          shortLabel: 'Hình thức công khai',
          type: 'multi',
        },
        {
          id: 'iii_staff_conf',
          prompt: 'Đã tổ chức hội nghị cán bộ, công chức, viên chức chưa?',
          shortLabel: 'Tổ chức hội nghị cán bộ, công chức, viên chức',
          type: 'yesno',
          unitKinds: ['co_quan'],
        },
        {
          id: 'iii_last_date',
          prompt: 'Ngày tổ chức hội nghị gần nhất?',
          shortLabel: 'Ngày tổ chức hội nghị gần nhất',
          type: 'date',
        },
        { id: 'iii_text', prompt: 'Kết quả cụ thể?', type: 'text' },
      ],
    },
    { number: 'IV', heading: 'Đánh giá chung', questions: [] },
    {
      number: 'IV.1',
      heading: 'Kết quả đạt được',
      questions: [{ id: 'iv1', prompt: 'Kết quả đạt được?', type: 'text' }],
    },
    {
      number: 'IV.2',
      heading: 'Hạn chế, khó khăn, vướng mắc',
      questions: [{ id: 'iv2', prompt: 'Hạn chế, khó khăn, vướng mắc?', type: 'text' }],
    },
    {
      number: 'IV.3',
      heading: 'Nguyên nhân của hạn chế, khó khăn, vướng mắc',
      questions: [{ id: 'iv3', prompt: 'Nguyên nhân?', type: 'text' }],
    },
    {
      number: 'V',
      heading: 'Nhiệm vụ, giải pháp trọng tâm',
      questions: [{ id: 'v_text', prompt: 'Nhiệm vụ, giải pháp trọng tâm?', type: 'text' }],
    },
    {
      number: 'VI',
      heading: 'Kiến nghị, đề xuất',
      questions: [
        { id: 'vi_text', prompt: 'Kiến nghị, đề xuất?', type: 'text' },
        { id: 'vi_files', prompt: 'Tài liệu kèm theo', type: 'attachment' },
      ],
    },
  ],
};

export const round: ExportRound = {
  id: 'r2026',
  title: 'Báo cáo năm 2026',
  dueLabel: 'trước ngày 10/12/2026',
};

/** 26/11/2026 01:30 in Hồ Chí Minh City, still 25/11 in UTC. */
export const reportDate = new Date('2026-11-25T18:30:00Z');

export function wardHeader(): ExportHeader {
  return {
    superiorBody: 'Đảng bộ Thành phố Hồ Chí Minh',
    issuingBody: 'ĐẢNG ỦY PHƯỜNG HỒNG AN',
    documentNumber: 'Số      -BC/ĐU',
    place: 'Hồng An',
    date: reportDate,
    subject: 'kết quả thực hiện dân chủ ở cơ sở năm 2026',
    signerOnBehalf: 'T/M BAN THƯỜNG VỤ',
    signerTitle: 'PHÓ BÍ THƯ',
    signerName: 'Lưu Văn Mịch',
    recipients: ['Ban Tuyên giáo và Dân vận Thành ủy,', 'Thường trực Đảng ủy,', 'Lưu BXDĐ, VPĐU.'],
  };
}

export function unitHeader(issuingBody: string): ExportHeader {
  return {
    ...wardHeader(),
    superiorBody: 'ĐẢNG BỘ PHƯỜNG HỒNG AN',
    issuingBody,
    documentNumber: 'Số      -BC/CB',
    signerOnBehalf: 'T/M CHI BỘ',
    signerTitle: 'BÍ THƯ',
    signerName: 'Nguyễn Văn An',
    recipients: ['Ban Thường vụ Đảng ủy phường (qua Ban Xây dựng Đảng),', 'Lưu Chi bộ.'],
  };
}

const a = (questionId: string, display: string, raw: ExportAnswer['raw']): ExportAnswer => ({
  questionId,
  display,
  raw,
});

export function unit(
  code: string,
  name: string,
  status: ExportStatus,
  answers: ExportAnswer[],
  extra: Partial<ExportUnitReport> = {},
): ExportUnitReport {
  return {
    unitCode: code,
    unitName: name,
    unitKind: 'chi_bo_khu_pho',
    unitKindLabel: 'Chi bộ khu phố',
    status,
    answeredCount: answers.length,
    totalCount: 12,
    answers,
    ...extra,
  };
}

export function sampleReports(): ExportUnitReport[] {
  return [
    unit(
      'KP1',
      'Chi bộ Khu phố 1',
      'submitted',
      [
        a('i_text', 'Khu phố 1 có 420 hộ, 1.650 nhân khẩu.\nTình hình an ninh trật tự ổn định.', 'x'),
        a('ii1_text', 'Chi bộ ban hành kế hoạch thực hiện dân chủ năm 2026.', 'x'),
        a('ii2_docs', '2', 2),
        a('iii_meetings', '3', 3),
        a('iii_dialogues', '1', 1),
        a('iii_forms', 'Niêm yết công khai\nLoa truyền thanh', ['niem_yet', 'loa']),
        a('iii_last_date', '15/10/2026', '2026-10-15'),
        a('iv1', 'Nhân dân tham gia tích cực các hội nghị.', 'x'),
        a('vi_text', 'Đề nghị bố trí kinh phí cho tổ hòa giải.', 'x'),
        a('vi_files', 'bien-ban-hoi-nghi.pdf', [
          { name: 'bien-ban-hoi-nghi.pdf', size: 120_000 },
          { name: 'danh-sach.xlsx', size: 9_000 },
        ]),
      ],
      { submittedAt: new Date('2026-11-20T07:15:00Z'), version: 1, receiptNo: 'BC-2026-001' },
    ),
    unit(
      'KP2',
      'Chi bộ Khu phố 2',
      'accepted',
      [
        a('i_text', 'Khu phố 2 có 380 hộ.', 'x'),
        a('iii_meetings', '5', 5),
        a('iii_dialogues', '2', '2'),
        a('iii_last_date', '02/11/2026', '2026-11-02'),
        a('iv2', 'Một số hộ chưa tham gia họp.', 'x'),
      ],
      { submittedAt: new Date('2026-11-21T02:00:00Z'), version: 2, receiptNo: 'BC-2026-002' },
    ),
    unit(
      'UBND',
      'Ủy ban nhân dân phường',
      'in_progress',
      [a('i_text', 'Bản nháp chưa nộp — không được đưa vào tổng hợp.', 'x'), a('iii_meetings', '40', 40)],
      { unitKind: 'ubnd', unitKindLabel: 'Chính quyền', answeredCount: 5, totalCount: 12 },
    ),
    unit('THCS', 'Chi bộ Trường THCS Hồng An', 'not_started', [], {
      unitKind: 'co_quan',
      unitKindLabel: 'Chi bộ cơ quan',
      answeredCount: 0,
    }),
    unit('KP3', 'Chi bộ Khu phố 3', 'returned', [a('iii_meetings', '7', 7)], {
      submittedAt: new Date('2026-11-19T03:00:00Z'),
      version: 1,
    }),
    unit('DN1', 'Chi bộ Công ty TNHH Minh Phát', 'exempt', [], { unitKindLabel: 'Chi bộ doanh nghiệp' }),
  ];
}

const KIND = [
  { kind: 'chi_bo_khu_pho', label: 'Chi bộ khu phố' },
  { kind: 'co_quan', label: 'Chi bộ cơ quan' },
  { kind: 'ubnd', label: 'Chính quyền' },
];
const STATUSES: ExportStatus[] = [
  'submitted',
  'accepted',
  'submitted',
  'in_progress',
  'not_started',
  'returned',
];
const PARA =
  'Cấp ủy đã quán triệt, triển khai đầy đủ các văn bản của cấp trên về thực hiện dân chủ ở cơ sở; ' +
  'phát huy vai trò của Nhân dân theo phương châm “dân biết, dân bàn, dân làm, dân kiểm tra, dân giám sát, dân thụ hưởng”.';

/** A synthetic round of `n` units with full answers, for the bench and size checks. */
export function syntheticReports(n: number): ExportUnitReport[] {
  const out: ExportUnitReport[] = [];
  for (let i = 0; i < n; i++) {
    const k = KIND[i % KIND.length]!;
    const status: ExportStatus = i % 25 === 24 ? 'exempt' : STATUSES[i % STATUSES.length]!;
    const answers: ExportAnswer[] = [];
    for (const section of outline.sections) {
      for (const q of section.questions) {
        if (q.unitKinds && !q.unitKinds.includes(k.kind)) continue;
        switch (q.type) {
          case 'text':
            answers.push(a(q.id, `${PARA}\n${PARA} (Đơn vị số ${i + 1}.)`, 'x'));
            break;
          case 'number': {
            const v = (i * 7 + q.id.length) % 13;
            answers.push(a(q.id, String(v), v));
            break;
          }
          case 'multi':
            answers.push(a(q.id, 'Niêm yết công khai\nHọp tổ dân phố', ['niem_yet', 'hop']));
            break;
          case 'yesno':
            answers.push(a(q.id, i % 2 ? 'Có' : 'Không', i % 2 === 1));
            break;
          case 'date':
            answers.push(a(q.id, '15/10/2026', '2026-10-15'));
            break;
          case 'attachment':
            answers.push(a(q.id, 'bien-ban.pdf', [{ name: `bien-ban-${i + 1}.pdf`, size: 1000 }]));
            break;
          default:
            answers.push(a(q.id, 'Lựa chọn', 'x'));
        }
      }
    }
    out.push(
      unit(`DV${String(i + 1).padStart(3, '0')}`, `${k.label} số ${i + 1}`, status, answers, {
        unitKind: k.kind,
        unitKindLabel: k.label,
        submittedAt:
          status === 'submitted' || status === 'accepted'
            ? new Date(Date.UTC(2026, 10, 20, i % 24))
            : undefined,
        version: 1,
        receiptNo: `BC-2026-${String(i + 1).padStart(3, '0')}`,
        answeredCount: answers.length,
        totalCount: answers.length,
      }),
    );
  }
  return out;
}
