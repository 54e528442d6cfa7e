import { STATUS_WORDS } from '../domain/submission-status';

/**
 * Vietnamese texts of the services (the flow engine keeps its own in src/engine/texts.ts).
 * One place, so wording can be reviewed by the secretariat without reading code.
 */
export const vi = {
  apology:
    'Xin lỗi, bot gặp sự cố khi xử lý tin nhắn vừa rồi. Câu trả lời trước đó của đồng chí vẫn được lưu. ' +
    'Đồng chí vui lòng gửi lại sau ít phút hoặc gõ /baocao để tiếp tục.',

  // Invitations and identity
  welcomeUnknown:
    'Xin chào! Đây là bot tiếp nhận báo cáo thực hiện dân chủ ở cơ sở của Đảng ủy phường.\n\n' +
    'Để sử dụng, đồng chí cần mã mời do Ban Xây dựng Đảng cấp cho đơn vị mình. ' +
    'Hãy mở đường liên kết mời, hoặc gửi: /start <mã mời>.',
  notRegistered:
    'Tài khoản này chưa được liên kết với đơn vị nào. Vui lòng liên hệ Ban Xây dựng Đảng để nhận mã mời, ' +
    'sau đó gửi: /start <mã mời>.',
  inviteUnknown:
    'Mã mời không đúng. Đồng chí kiểm tra lại mã (phân biệt chữ hoa, chữ thường) hoặc xin mã mới.',
  inviteUsed: 'Mã mời này đã được sử dụng. Mỗi mã chỉ dùng một lần; vui lòng xin Ban Xây dựng Đảng mã mới.',
  inviteExpired: 'Mã mời này đã hết hạn. Vui lòng xin Ban Xây dựng Đảng cấp mã mới.',
  inviteThrottled: (seconds: number) =>
    `Đồng chí đã nhập sai mã nhiều lần. Vui lòng thử lại sau ${seconds} giây.`,
  inviteAccepted: (unitName: string) =>
    `Đã liên kết tài khoản với đơn vị: ${unitName}.\n\n` +
    'Gõ /baocao để bắt đầu hoặc tiếp tục báo cáo, /trogiup để xem hướng dẫn.',
  secretariatAccepted:
    'Đồng chí đã được thêm vào bộ phận tổng hợp (Ban Xây dựng Đảng).\n' +
    'Gõ /tinhhinh để xem tình hình nộp báo cáo, /trogiup để xem các lệnh.',
  greetingKnown: (name: string, unitName: string | null) =>
    `Xin chào đồng chí ${name}${unitName ? ` (${unitName})` : ''}. Gõ /baocao để làm báo cáo, /trogiup để xem hướng dẫn.`,

  unknownCommand: 'Bot không hiểu lệnh này. Gõ /trogiup để xem các lệnh.',
  secretariatOnly:
    'Xin lỗi, lệnh này chỉ dành cho Ban Xây dựng Đảng. Gõ /trogiup để xem các lệnh của đồng chí.',

  // Rounds
  noOpenRounds: 'Hiện đơn vị không có đợt báo cáo nào đang mở. Bot sẽ nhắn khi có đợt báo cáo mới.',
  noUnit: 'Tài khoản này không gắn với đơn vị báo cáo nào.',
  // `buttons`: the platform shows buttons (Telegram, web); without (Zalo) only typing is named.
  chooseRound: (buttons: boolean) =>
    `Đơn vị đang có các đợt báo cáo sau. Chọn một đợt (${buttons ? 'bấm nút hoặc gõ số thứ tự' : 'gõ số thứ tự'}):`,
  roundLine: (index: number, title: string, deadline: string, status: string) =>
    `${index}. ${title} — hạn ${deadline} — ${status}`,
  roundGone: 'Đợt báo cáo này không còn mở hoặc không dành cho đơn vị của đồng chí.',
  chooseRoundAgain: (count: number) => `Vui lòng chọn số từ 1 đến ${count}.`,
  entering: (title: string, deadline: string) => `📋 ${title}\nHạn nộp: ${deadline}.`,

  // Status labels
  status: {
    ...STATUS_WORDS,
    in_progress: (answered: number, total: number) => `${STATUS_WORDS.in_progress} ${answered}/${total}`,
  },

  // Within a report
  reportNoLongerOpen:
    'Báo cáo đồng chí đang làm không còn nhận câu trả lời: đợt báo cáo đã đóng, hoặc đơn vị đã được miễn báo cáo đợt này. Tin nhắn vừa gửi chưa được lưu.',
  notInReport:
    'Đồng chí chưa mở báo cáo nào. Gõ /baocao để bắt đầu hoặc tiếp tục báo cáo, /trogiup để xem hướng dẫn.',
  paused:
    'Đã tạm dừng. Mọi câu trả lời đều đã được lưu.\nKhi muốn làm tiếp, gõ /baocao hoặc gửi bất kỳ tin nhắn nào.',
  answerAfterSubmit: (receipt: string) =>
    `⚠️ Báo cáo của đơn vị vừa được nộp (số tiếp nhận ${receipt}) ngay trước khi câu trả lời này tới, nên câu trả lời này KHÔNG có trong bản đã nộp. Câu trả lời vẫn được giữ lại: nếu cần bổ sung, đồng chí đề nghị Ban Xây dựng Đảng trả lại báo cáo để nộp lại.`,
  alreadySubmitted: (when: string, receipt: string) =>
    `Báo cáo của đơn vị đã được nộp lúc ${when} (số tiếp nhận ${receipt}). ` +
    'Báo cáo chỉ mở lại để sửa khi Ban Xây dựng Đảng trả lại.',
  readOnly: 'Báo cáo đã nộp nên không thể sửa. Nếu cần sửa, đề nghị Ban Xây dựng Đảng trả lại báo cáo.',
  // Listed like the engine's end summary: at most 10 lines, then how many more.
  missingBeforeSubmit: (lines: string[]) =>
    `Chưa thể nộp: còn ${lines.length} câu bắt buộc chưa trả lời:\n${lines.slice(0, 10).join('\n')}` +
    (lines.length > 10 ? `\n… và ${lines.length - 10} câu khác.` : '') +
    '\n\nGõ /baocao để trả lời tiếp, hoặc «Sửa câu <số>» để trả lời một câu.',
  confirmSubmit: (title: string, answered: number, total: number) =>
    `Nộp ${title}? Đơn vị đã trả lời ${answered}/${total} câu. Sau khi nộp, báo cáo không sửa được nữa ` +
    'trừ khi Ban Xây dựng Đảng trả lại.\n\nTrả lời: 1. Nộp báo cáo   2. Chưa nộp',
  confirmSubmitButtons: { yes: '✅ Nộp báo cáo', no: '✖ Chưa nộp' },
  confirmSubmitAgain: 'Vui lòng trả lời 1 để nộp báo cáo, hoặc 2 nếu chưa muốn nộp.',
  returnedReminder: (reason: string) =>
    `Báo cáo đã được Ban Xây dựng Đảng trả lại để hoàn thiện. Lý do: ${reason}\nCác câu trả lời cũ vẫn còn; sửa xong gõ /nop để nộp lại.`,
  submitCancelled: 'Chưa nộp. Báo cáo vẫn được lưu; gõ /nop khi sẵn sàng.',
  submitted: (receipt: string, when: string) =>
    `✅ Đã nộp báo cáo lúc ${when}. Số tiếp nhận: ${receipt}.\nCảm ơn đồng chí! Ban Xây dựng Đảng sẽ xem xét và phản hồi nếu cần.`,
  // Says what to do next: a stale notice followed by nothing left people stuck.
  staleButton:
    'Nút này đã cũ hoặc không hợp lệ nên không có tác dụng. Gõ /baocao để tiếp tục báo cáo, hoặc /trogiup để xem hướng dẫn.',
  // A wizard or confirmation whose stored state is corrupted or from an older version of the bot.
  pendingInvalid:
    'Thao tác đang làm dở trước đó không còn hợp lệ (có thể do bot vừa được cập nhật) nên đã được hủy; ' +
    'không có thay đổi nào được thực hiện. Đồng chí vui lòng làm lại từ đầu, hoặc gõ /baocao để tiếp tục báo cáo, /trogiup để xem hướng dẫn.',
  forbiddenButton: 'Đồng chí không có quyền thực hiện thao tác này.',
  fileTooLarge: (limitBytes: number) =>
    `Tệp quá lớn. Dung lượng tối đa cho phép là ${
      limitBytes >= 1024 * 1024
        ? `${Math.floor(limitBytes / 1024 / 1024)} MB`
        : `${Math.max(1, Math.floor(limitBytes / 1024))} KB`
    }.`,
  fileNotExpected:
    'Bot chưa cần tệp đính kèm ở bước này. Đồng chí gửi tệp khi bot hỏi câu đính kèm tài liệu.',
  unsupportedOutsideReport: 'Bot chỉ hiểu tin nhắn chữ và các lệnh. Gõ /trogiup để xem hướng dẫn.',
  editChooseSection: (buttons: boolean) =>
    buttons
      ? 'Chọn mục muốn sửa (bấm nút), hoặc gõ /sua <số câu>, ví dụ: /sua 5.'
      : 'Gõ «Sửa câu <số>» (ví dụ: sua 5) để sửa một câu, hoặc «Mục <số mục>» để sửa cả mục.',
  editUnknownNumber: (max: number) => `Không có câu số đó. Vui lòng gõ /sua và một số từ 1 đến ${max}.`,
  reviewEmpty: 'Chưa có câu trả lời nào.',

  help: (isSecretariat: boolean, buttons = true) =>
    [
      'HƯỚNG DẪN SỬ DỤNG',
      '',
      `Bot hỏi lần lượt từng câu theo đề cương báo cáo. Đồng chí trả lời bằng tin nhắn${buttons ? ' hoặc bấm nút' : ''}. ` +
        'Mỗi câu trả lời được lưu ngay, có thể dừng lại và làm tiếp bất cứ lúc nào.',
      '',
      '/baocao — bắt đầu hoặc tiếp tục báo cáo (chọn đợt nếu có nhiều đợt)',
      '/xem — xem lại toàn bộ các câu đã trả lời',
      '/sua — sửa một câu đã trả lời (ví dụ /sua 5), xong bot quay lại chỗ đang làm',
      '/nop — nộp báo cáo (bot kiểm tra các câu còn thiếu trước khi nộp)',
      '/tamdung — tạm dừng; gửi tin nhắn bất kỳ hoặc /baocao để làm tiếp',
      '/trogiup — xem hướng dẫn này',
      '',
      'Trong khi trả lời: gõ "bỏ qua" để bỏ qua câu không bắt buộc, "quay lại" để về câu trước, ' +
        '"xong" để kết thúc một câu trả lời dài gồm nhiều tin nhắn. Với câu lựa chọn, gõ số thứ tự của phương án.',
      'Tài liệu đính kèm: gửi tệp (Word, PDF, ảnh) khi bot hỏi câu đính kèm.',
      ...(isSecretariat
        ? [
            '',
            'DÀNH CHO BAN XÂY DỰNG ĐẢNG',
            '/tinhhinh — tình hình nộp báo cáo của các đơn vị',
            '/xembc <mã đơn vị> — xem báo cáo đơn vị đã nộp (trả lại, tiếp nhận)',
            '/yeucau — yêu cầu báo cáo đột xuất',
            '/nhac — nhắc ngay các đơn vị chưa nộp',
            '/xuat — xuất báo cáo (Word, Excel)',
            '/donvi — danh sách đơn vị, người liên hệ, mã mời',
            '/moi — mời thêm thành viên Ban Xây dựng Đảng',
          ]
        : []),
    ].join('\n'),
} as const;
