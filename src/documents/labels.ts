import { statusLabel } from '../domain/submission-status';

/** Every Vietnamese word the exports print, in one place. */
export const LABELS = {
  partyName: 'ĐẢNG CỘNG SẢN VIỆT NAM',
  nationalMotto: ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc'],
  reportTitle: 'BÁO CÁO',
  star: '*',
  recipients: 'Nơi nhận:',
  attachments: 'Tài liệu kèm theo',
  yes: 'Có',
  no: 'Không',
  draftMarker: '(Dự thảo – báo cáo chưa nộp)',
  noContentUnit: '(Đơn vị không báo cáo nội dung này.)',
  noContentConsolidated: '(Chưa có đơn vị báo cáo nội dung này.)',
  tableContent: 'Nội dung',
  tableQuantity: 'Số lượng',
  tableNo: 'STT',
  total: 'Tổng cộng',
  truncated: ' … [đã cắt bớt do vượt giới hạn ô của Excel; xem bản .docx]',
  /** Status words for the spreadsheet and lists (the one vocabulary). `in_progress` gets " x/y" appended. */
  status: {
    submitted: statusLabel('submitted'),
    accepted: statusLabel('accepted'),
    in_progress: statusLabel('in_progress'),
    not_started: statusLabel('not_started'),
    returned: statusLabel('returned'),
    exempt: statusLabel('exempt'),
  },
  xlsx: {
    summarySheet: 'Tổng hợp',
    statusSheet: 'Trạng thái',
    unitCode: 'Mã đơn vị',
    unitName: 'Tên đơn vị',
    unitKind: 'Loại hình',
    status: 'Trạng thái',
    submittedAt: 'Thời điểm nộp',
    version: 'Phiên bản',
    receiptNo: 'Số tiếp nhận',
    figuresSheet: 'Số liệu',
    group: 'Khối',
    questionId: 'Mã câu hỏi',
    round: 'Đợt báo cáo',
    due: 'Hạn nộp',
    dataWindow: 'Kỳ số liệu',
    noDataWindow: 'không quy định',
  },
  /** Headings of the standard outline (đề cương), used when an outline lists sub-sections without their parent. */
  standardHeadings: {
    I: 'Khái quát đặc điểm, tình hình của địa phương, cơ quan, đơn vị có liên quan, tác động trực tiếp đến việc thực hiện dân chủ ở cơ sở',
    II: 'Công tác lãnh đạo, chỉ đạo triển khai',
    III: 'Kết quả thực hiện dân chủ ở các loại hình cơ sở',
    IV: 'Đánh giá chung',
    V: 'Nhiệm vụ, giải pháp trọng tâm',
    VI: 'Kiến nghị, đề xuất',
  } as Record<string, string>,
  dateLine: (place: string, d: number, m: number, y: number): string =>
    `${place}, ngày ${d < 10 ? `0${d}` : d} tháng ${m < 3 ? `0${m}` : m} năm ${y}`,
  unitOpening: (
    roundTitle: string,
    dueLabel: string,
    unitName: string,
    subject: string,
    period = '',
  ): string =>
    `Thực hiện yêu cầu “${roundTitle}” (hạn nộp: ${dueLabel}), ${unitName} báo cáo ${subject}` +
    `${period ? ` (số liệu tính ${period})` : ''} như sau:`,
  /** "Thực hiện <căn cứ>; <căn cứ>, <reporter> báo cáo <subject> (số liệu tính từ … đến …) như sau:" */
  consolidatedOpening: (grounds: string[], reporter: string, subject: string, period: string): string =>
    (grounds.length > 0 ? `Thực hiện ${grounds.join('; ')}, ` : '') +
    `${reporter} báo cáo ${subject}${period ? ` (số liệu tính ${period})` : ''} như sau:`,
  defaultReporter: 'Ban Thường vụ Đảng ủy phường',
  appendix: {
    title: 'PHỤ LỤC',
    subtitle: 'SỐ LIỆU THỰC HIỆN DÂN CHỦ Ở CƠ SỞ CỦA CÁC ĐƠN VỊ',
    attachedTo: (documentNumber: string, reporter: string): string =>
      `Kèm theo Báo cáo ${documentNumber.replace(/^Số/u, 'số')} của ${reporter}`,
    measure: 'Đơn vị tính',
    noFigures: '(Không có số liệu)',
    wardTotal: 'Tổng cộng toàn phường',
  },
  submissionNote: (when: string, version?: number, receiptNo?: string): string =>
    `Báo cáo nộp qua hệ thống lúc ${when}` +
    (version !== undefined ? `, phiên bản ${version}` : '') +
    (receiptNo ? `, số tiếp nhận ${receiptNo}` : '') +
    '.',
} as const;
