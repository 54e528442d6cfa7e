/**
 * Vietnamese texts of the secretariat's tools (Ban Xây dựng Đảng), kept apart from the units'
 * texts in src/conversation/common-texts.ts so each side's wording can be reviewed on its own.
 */
export const sv = {
  forbidden: 'Xin lỗi, thao tác này chỉ dành cho Ban Xây dựng Đảng. Không có thay đổi nào được thực hiện.',
  noRound: 'Hiện không có đợt báo cáo nào đang mở.',
  keptMark: '(giữ như kỳ trước)',
  keptCount: (n: number) =>
    `${n} câu trả lời giữ nguyên như báo cáo kỳ trước, đánh dấu «(giữ như kỳ trước)».`,
  unknownRound: (id: string) =>
    `Không tìm thấy đợt báo cáo "${id}". Gõ lệnh không kèm gì để xem danh sách các đợt.`,
  chooseRound: (buttons: boolean) =>
    `Đang có nhiều đợt báo cáo. Đồng chí ${buttons ? 'bấm chọn đợt, hoặc ' : ''}gõ lệnh kèm số thứ tự (ví dụ: /tinhhinh 1):`,
  unknownUnit: (code: string) => `Không tìm thấy đơn vị mã "${code}". Gõ /donvi để xem danh sách mã đơn vị.`,
  cancelled: 'Đã hủy. Không có thay đổi nào được thực hiện.',
  cancelHint: 'Gõ "hủy" để dừng bất cứ lúc nào.',

  // Status board
  boardViewHint: (buttons: boolean) =>
    `${buttons ? 'Bấm tên đơn vị' : 'Gõ số thứ tự của đơn vị'} để xem báo cáo đã nộp, hoặc gõ /xembc <mã đơn vị>. /nhac để nhắc ngay các đơn vị chưa nộp.`,
  boardButton: (name: string) => `📄 ${name}`,

  // One report
  xembcUsage: 'Gõ /xembc <mã đơn vị> [mã đợt], ví dụ: /xembc kp1.',
  notSubmittedYet: (unit: string, status: string) =>
    `${unit} chưa nộp báo cáo đợt này (hiện: ${status}). Chỉ xem được báo cáo đã nộp.`,
  reportHead: (unit: string, round: string, version: number, when: string, receipt: string) =>
    `📄 BÁO CÁO CỦA ${unit.toLocaleUpperCase('vi')}\n${round}\nNộp lần ${version} lúc ${when}, số tiếp nhận ${receipt}.`,
  reportStatus: (status: string) => `Tình trạng hiện nay: ${status}.`,
  olderVersions: (versions: number[]) => `Các lần nộp trước: ${versions.map((v) => `lần ${v}`).join(', ')}.`,
  noAnswerSection: '(không có nội dung)',
  attachmentCaption: (unit: string, name: string) => `${unit}: ${name}`,
  attachmentMissing: (name: string) => `Không đọc được tệp đính kèm "${name}" trong kho lưu trữ.`,
  buttons: {
    return: '↩️ Trả lại để sửa',
    accept: '✅ Tiếp nhận',
    word: '📝 Xuất Word',
    version: (v: number) => `Xem lần nộp ${v}`,
    yes: '✅ Xác nhận',
    no: '✖ Hủy',
    invite: '🔑 Tạo mã mời',
    deactivate: (name: string) => `🚫 Ngừng: ${name}`,
    unitReports: '📝 Word từng đơn vị',
    start: '📋 Bắt đầu báo cáo',
  },

  // Return and accept
  askReturnReason: (unit: string) =>
    `Trả lại báo cáo của ${unit} để đơn vị hoàn thiện.\nĐồng chí nhập lý do trả lại (đơn vị sẽ nhận được nguyên văn):`,
  reasonTooShort: 'Lý do cần rõ ràng để đơn vị sửa được (ít nhất 5 ký tự). Đồng chí nhập lại:',
  confirmReturn: (unit: string, reason: string) =>
    `Xác nhận trả lại báo cáo của ${unit}?\nLý do: ${reason}\n\nTrả lời: 1. Xác nhận   2. Hủy`,
  confirmAgain: 'Vui lòng trả lời 1 để xác nhận, hoặc 2 để hủy.',
  returned: (unit: string, reached: number) =>
    `Đã trả lại báo cáo của ${unit}. Các câu trả lời được giữ nguyên; đơn vị sửa xong sẽ nộp lại thành lần nộp mới. ` +
    `Đã báo cho ${reached} người liên hệ của đơn vị.`,
  cannotReturn: (status: string) => `Không thể trả lại: báo cáo hiện ở tình trạng "${status}".`,
  returnNotice: (round: string, reason: string) =>
    `📌 Ban Xây dựng Đảng đã trả lại báo cáo "${round}" của đơn vị để hoàn thiện.\nLý do: ${reason}\n\n` +
    'Các câu trả lời cũ vẫn còn. Đồng chí gõ /baocao để sửa, xong gõ /nop để nộp lại.',
  accepted: (unit: string) => `Đã tiếp nhận báo cáo của ${unit}. Báo cáo được đánh dấu là bản chính thức.`,
  alreadyAccepted: (unit: string) => `Báo cáo của ${unit} đã được tiếp nhận trước đó.`,
  staleVersion: (unit: string, version: number) =>
    `Báo cáo của ${unit} đã có bản nộp mới (lần ${version}) sau khi đồng chí xem. Chưa thay đổi gì: đồng chí xem lại bằng /xembc rồi mới tiếp nhận hoặc trả lại.`,
  cannotAccept: (status: string) => `Không thể tiếp nhận: báo cáo hiện ở tình trạng "${status}".`,
  acceptNotice: (round: string) =>
    `✅ Ban Xây dựng Đảng đã tiếp nhận báo cáo "${round}" của đơn vị. Cảm ơn đồng chí!`,

  // Reminders and exports
  reminded: (sent: number, round: string) =>
    sent > 0
      ? `Đã gửi nhắc nhở tới ${sent} người liên hệ của các đơn vị chưa nộp báo cáo "${round}".`
      : `Không có nhắc nhở mới nào cần gửi cho đợt "${round}" (các đơn vị đã nộp, hoặc đã được nhắc ở lần này).`,
  remindUnavailable: 'Chức năng nhắc ngay chưa sẵn sàng trên hệ thống này.',
  exporting: (round: string) => `Đang gửi các tệp tổng hợp đợt "${round}"…`,
  exportCaption: {
    docx: 'Báo cáo tổng hợp (bản Word, dự thảo để chỉnh sửa)',
    xlsx: 'Bảng số liệu các đơn vị (Excel)',
  },
  noUnitReports: 'Chưa có đơn vị nào nộp báo cáo đợt này.',

  // Units, contacts, invitations
  unitsHead: (count: number, buttons: boolean) =>
    `🏢 DANH SÁCH ĐƠN VỊ (${count})\n${buttons ? 'Bấm một đơn vị' : 'Gõ số thứ tự của một đơn vị'} để xem người liên hệ, tạo mã mời; hoặc gõ /donvi <mã đơn vị>.`,
  unitLine: (index: number, name: string, code: string, contacts: number, active: boolean) =>
    `${index}. ${name} (${code}) — ${contacts > 0 ? `${contacts} người liên hệ` : 'chưa có người liên hệ'}${active ? '' : ' — ngừng hoạt động'}`,
  unitDetail: (name: string, code: string, kind: string) => `🏢 ${name} (${code})\nLoại hình: ${kind}`,
  contactLine: (index: number, name: string, platform: string, unreachable: boolean) =>
    `${index}. ${name || '(không tên)'} — ${platform}${unreachable ? ' — không nhận được tin nhắn' : ''}`,
  noContacts: (buttons: boolean) =>
    `Đơn vị chưa có người liên hệ. ${buttons ? 'Bấm "Tạo mã mời"' : 'Chọn "Tạo mã mời"'} và gửi mã cho người phụ trách báo cáo.`,
  confirmDeactivate: (name: string, unit: string) =>
    `Ngừng liên kết ${name} với ${unit}? Người này sẽ không nhận nhắc nhở và không làm báo cáo được nữa.\n\nTrả lời: 1. Xác nhận   2. Hủy`,
  deactivated: (name: string) => `Đã ngừng liên kết tài khoản ${name}.`,
  contactGone: 'Không tìm thấy người liên hệ này, hoặc đã ngừng liên kết trước đó.',
  cannotDeactivateSelf: 'Đồng chí không thể tự ngừng tài khoản của mình.',
  invitation: (target: string, code: string, expires: string, link: string | undefined) =>
    [
      `🔑 Mã mời cho ${target}: ${code}`,
      `Hiệu lực đến ${expires}, dùng một lần.`,
      link ? `• Telegram: mở đường liên kết ${link}` : '• Telegram: gửi cho bot lệnh /start kèm mã',
      `• Zalo: gửi mã ${code} cho bot Zalo.`,
      'Đồng chí chuyển nguyên tin nhắn này cho người được mời.',
    ].join('\n'),
  secretariatTarget: 'thành viên Ban Xây dựng Đảng',
} as const;
