/**
 * Vietnamese messages of the engine. Kept in one place so the secretariat's
 * wording can be reviewed without reading the state machine.
 */
export const T = {
  // — answers —
  tooLongForType: 'Nội dung quá dài cho câu hỏi này.',
  needFile: 'Câu này cần gửi tệp (văn bản hoặc ảnh) chứ không phải tin nhắn chữ.',
  emptyText: 'Nội dung trả lời đang trống. Vui lòng nhập nội dung.',
  textTooLong: (len: number, max: number) =>
    `Nội dung quá dài (${len} ký tự); mỗi câu trả lời tối đa ${max} ký tự. Vui lòng rút gọn hoặc gửi tài liệu kèm theo.`,
  textTooLongTotal: (len: number, already: number, max: number) =>
    `Phần vừa gửi (${len} ký tự) làm câu trả lời vượt giới hạn ${max} ký tự (đã có ${already} ký tự). Vui lòng rút gọn.`,
  textTooShort: (min: number) => `Nội dung quá ngắn; vui lòng viết ít nhất ${min} ký tự.`,
  numberExpected: (unit?: string) =>
    `Vui lòng nhập một số nguyên không âm${unit ? ` (đơn vị: ${unit})` : ''}, chỉ gồm chữ số, ví dụ: 12 hoặc 1.200. Nếu không có, nhập 0.`,
  numberNegative: 'Số liệu không được là số âm. Vui lòng nhập số nguyên từ 0 trở lên.',
  numberDecimal: 'Vui lòng nhập số nguyên, không có phần thập phân (ví dụ: 12 hoặc 1.200).',
  numberTooBig: (max: number) => `Số quá lớn; giá trị tối đa là ${max}.`,
  numberRange: (min: string, max: string) => `Vui lòng nhập số nguyên từ ${min} đến ${max}.`,
  yesNoExpected: 'Vui lòng trả lời «Có» hoặc «Không» (hoặc gõ 1 = Có, 2 = Không).',
  choiceExpected: (n: number) =>
    `Vui lòng chọn một trong các phương án: trả lời bằng số thứ tự từ 1 đến ${n}.`,
  multiExpected: (n: number) =>
    `Vui lòng chọn ít nhất một phương án: gõ các số thứ tự từ 1 đến ${n}, cách nhau bởi dấu phẩy (ví dụ: 1, 3).`,
  multiOutOfRange: (part: string, n: number) => `Không có phương án số ${part}; chỉ có các số từ 1 đến ${n}.`,
  multiUnknown: (part: string, n: number) =>
    `Không nhận ra phương án «${part}». Vui lòng gõ các số thứ tự từ 1 đến ${n}, cách nhau bởi dấu phẩy.`,
  dateExpected: 'Vui lòng nhập ngày theo dạng ngày/tháng/năm, ví dụ: 15/06/2025.',
  dateYear: 'Vui lòng ghi năm đủ 4 chữ số (từ 1900 đến 2100), ví dụ: 15/06/2025.',
  dateNoSuchMonth: (m: number) =>
    `Không có tháng ${m}. Vui lòng nhập ngày theo dạng ngày/tháng/năm, ví dụ: 15/06/2025.`,
  dateNoSuchDay: (d: number, m: number, y: number) =>
    `Không có ngày ${d}/${m}/${y}. Vui lòng kiểm tra lại (ví dụ: 15/06/2025).`,

  // — question rendering —
  progress: (n: string, total: number, section: string) => `Câu ${n}/${total} — Mục ${section}`,
  progressPreset: (section: string) => `Mục ${section} — câu điền sẵn theo danh sách đơn vị`,
  sectionTitle: (num: string, heading: string) => `Mục ${num}. ${heading}`,
  requestTitle: (title: string) => `Yêu cầu báo cáo: ${title}`,
  example: (e: string) => `Ví dụ: ${e}`,
  optional: 'Câu này không bắt buộc: gõ «Bỏ qua» nếu không có nội dung.',
  hintText: 'Nhập nội dung trả lời. Có thể gửi nhiều tin nhắn liên tiếp; gửi xong gõ «Xong».',
  hintNumber: (unit?: string) =>
    `Nhập một số nguyên${unit ? ` (đơn vị: ${unit})` : ''}; nếu không có, nhập 0.`,
  hintYesNo: 'Trả lời 1 (Có) hoặc 2 (Không).',
  hintChoice: (n: number) => `Trả lời bằng số thứ tự (${numberList(n)}).`,
  // One rule for multiple choice: a button adds or removes one option; typed numbers are the whole choice.
  hintMulti: (n: number) =>
    `Có thể chọn nhiều: gõ các số thứ tự cách nhau bởi dấu phẩy (ví dụ: ${n >= 3 ? '1, 3' : '1, 2'}) để chọn tất cả một lần; hoặc bấm nút từng phương án để thêm, bỏ từng cái, rồi gõ «Xong».`,
  hintDate: 'Nhập ngày theo dạng ngày/tháng/năm, ví dụ: 15/06/2025.',
  hintAttachment: (files: number, mb: number) =>
    `Gửi tệp văn bản hoặc ảnh (tối đa ${files} tệp, mỗi tệp không quá ${mb} MB). Gửi xong gõ «Xong».`,
  current: (v: string) => `Câu trả lời hiện có: ${v}`,
  keepCurrent: 'Gửi câu trả lời mới để thay thế, hoặc gõ «Bỏ qua» để giữ nguyên.',
  keepCurrentMulti:
    'Gõ các số để chọn lại từ đầu (thay cho các lựa chọn trên), hoặc gõ «Xong» để giữ nguyên.',
  navHint: 'Gõ «Quay lại» để về câu trước.',
  previousAnswer: (v: string) => `Kỳ trước đơn vị đã trả lời: ${v}`,
  keepPrevious: 'Gõ «Giữ» (hoặc bấm «Giữ như kỳ trước») nếu kỳ này vẫn như vậy, hoặc nhập câu trả lời mới.',
  keepPreviousFigure:
    'Số liệu kỳ này thường khác kỳ trước: chỉ gõ «Giữ» (hoặc bấm «Giữ như kỳ trước») nếu số liệu vẫn đúng, nếu không hãy nhập số mới.',
  buttonKeepPrevious: 'Giữ như kỳ trước',
  keptPrevious: 'Đã giữ như kỳ trước.',
  noPrevious: 'Câu này không có câu trả lời kỳ trước để giữ.',
  yes: 'Có',
  no: 'Không',

  // — acknowledgements —
  saved: (v: string) => `Đã ghi nhận: ${v}`,
  textPieceSaved: (piece: number, chars: number) =>
    `Đã lưu phần ${piece} (tổng ${chars} ký tự). Nếu còn, hãy gửi tiếp; nếu đã đủ, gõ «Xong» để sang câu tiếp theo.`,
  fileSaved: (name: string, n: number, max: number) =>
    `Đã nhận tệp «${name}» (${n}/${max} tệp). Gửi thêm tệp, hoặc gõ «Xong» để sang câu tiếp theo.`,
  fileLimitReached: (max: number) => `Đã đủ ${max} tệp cho câu này.`,
  fileTooBig: (name: string, mb: number) =>
    `Tệp «${name}» vượt quá ${mb} MB nên không được nhận. Vui lòng gửi tệp nhỏ hơn.`,
  fileDuplicate: (name: string) => `Tệp «${name}» đã được gửi trước đó.`,
  fileNotHere:
    'Câu hỏi hiện tại không nhận tệp; tệp vừa gửi không được lưu. Vui lòng trả lời bằng tin nhắn chữ.',
  multiPicked: (labels: string) => `Đã chọn: ${labels}. Chọn thêm, hoặc gõ «Xong» để sang câu tiếp theo.`,
  multiReplaced: (before: string) => `Các số vừa gõ thay cho lựa chọn trước (${before}).`,
  multiNone: 'Chưa chọn phương án nào.',

  // — navigation —
  required: 'Câu này bắt buộc nên chưa thể bỏ qua. Vui lòng trả lời.',
  firstQuestion: 'Đây là câu hỏi đầu tiên.',
  editing: 'Đồng chí đang sửa câu trả lời; trả lời xong sẽ quay lại chỗ đang làm.',
  noSuchSection: (s: string) => `Không có mục ${s}, hoặc mục này không áp dụng cho đơn vị của đồng chí.`,
  noSuchQuestion: 'Không tìm thấy câu hỏi này (có thể không áp dụng cho đơn vị của đồng chí).',
  staleButton: 'Nút này đã cũ (thuộc một câu hỏi trước đó) nên không được tính. Câu hỏi hiện tại:',
  badButton: 'Nút này không hợp lệ nên không được tính.',
  unsupported: {
    sticker: 'Bot không đọc được nhãn dán (sticker).',
    voice: 'Bot chưa nhận được tin nhắn thoại.',
    photo: 'Bot chưa nhận được ảnh này.',
    video: 'Bot không nhận video.',
    location: 'Bot không dùng vị trí.',
    contact: 'Bot không dùng danh bạ.',
    other: 'Bot chưa xử lý được loại tin nhắn này.',
  },
  pleaseType: 'Vui lòng trả lời bằng tin nhắn chữ.',
  recovered: 'Phiên làm báo cáo đã được khôi phục; các câu trả lời đã lưu vẫn được giữ nguyên.',
  internalError: 'Có lỗi khi xử lý tin nhắn; các câu trả lời đã lưu vẫn được giữ nguyên. Vui lòng gửi lại.',
  noQuestions: 'Báo cáo này không có câu hỏi nào áp dụng cho đơn vị của đồng chí.',

  // — end, completeness, review —
  allWalked: (answered: number, total: number) =>
    `Đồng chí đã đi hết các câu hỏi của báo cáo (đã trả lời ${answered}/${total} câu).`,
  missingHead: (n: number) => `Còn ${n} câu bắt buộc chưa trả lời:`,
  missingLine: (num: string, section: string, short: string) => `• Câu ${num} (Mục ${section}): ${short}`,
  missingMore: (n: number) => `… và ${n} câu khác.`,
  missingHint: 'Gõ «Sửa câu <số>» (ví dụ: «Sửa câu 3») hoặc bấm nút để trả lời.',
  complete: 'Báo cáo đã có đủ các nội dung bắt buộc. Gõ «Xem lại» để xem toàn bộ trước khi nộp.',
  reviewHead: (title: string) => `XEM LẠI: ${title}`,
  reviewNone: '(chưa trả lời)',
  reviewNoneRequired: '(chưa trả lời — bắt buộc)',
  reviewEmpty: 'Chưa có nội dung nào để xem lại.',
  reviewPreset: (short: string, value: string) => `• ${short}: ${value} (điền sẵn theo danh sách đơn vị)`,
  reviewQuestion: (num: string, short: string, value: string) => `Câu ${num}. ${short}: ${value}`,
  reviewEditHint: 'Để sửa, gõ «Sửa câu <số>» hoặc «Mục <số mục>», hoặc bấm nút sửa của từng mục.',
  buttonEditSection: (s: string) => `Sửa mục ${s}`,
  buttonAnswer: (num: string) => `Trả lời câu ${num}`,
  buttonBack: '◀ Quay lại',
  buttonSkip: 'Bỏ qua ▶',
  buttonDone: 'Xong ✓',
  buttonReview: 'Xem lại',
} as const;

/**
 * The sentences that name buttons, worded for a platform without them (Zalo): what to type
 * instead. The engine picks them when its context says the platform has no buttons
 * (`EngineContext.buttons === false`); see {@link textsFor}.
 */
const TYPED_ONLY = {
  hintMulti: (n: number) =>
    `Có thể chọn nhiều: gõ các số thứ tự cách nhau bởi dấu phẩy (ví dụ: ${n >= 3 ? '1, 3' : '1, 2'}) để chọn tất cả một lần.`,
  keepPrevious: 'Gõ «Giữ» nếu kỳ này vẫn như vậy, hoặc nhập câu trả lời mới.',
  keepPreviousFigure:
    'Số liệu kỳ này thường khác kỳ trước: chỉ gõ «Giữ» nếu số liệu vẫn đúng, nếu không hãy nhập số mới.',
  missingHint: 'Gõ «Sửa câu <số>» (ví dụ: «Sửa câu 3») để trả lời.',
  reviewEditHint: 'Để sửa, gõ «Sửa câu <số>» hoặc «Mục <số mục>».',
} as const satisfies Partial<Record<keyof typeof T, unknown>>;

export type EngineTexts = Omit<typeof T, keyof typeof TYPED_ONLY> & {
  [K in keyof typeof TYPED_ONLY]: (typeof T)[K] | (typeof TYPED_ONLY)[K];
};

/** The engine's texts for a platform with buttons (`true`, the default) or without. */
export function textsFor(ctx: { buttons?: boolean }): EngineTexts {
  return ctx.buttons === false ? { ...T, ...TYPED_ONLY } : T;
}

function numberList(n: number): string {
  if (n <= 1) return '1';
  if (n === 2) return '1 hoặc 2';
  if (n <= 5) return `${Array.from({ length: n - 1 }, (_, i) => i + 1).join(', ')} hoặc ${n}`;
  return `từ 1 đến ${n}`;
}
