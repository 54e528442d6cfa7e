/**
 * The commands a platform shows in its menu: Telegram's command list (the secretariat's added
 * in its members' chats) and the web chat's command bar are drawn from this one list.
 */
export interface MenuCommand {
  /** Lower-case, without slash, as the features register it. */
  command: string;
  /** Telegram's menu line. */
  description: string;
  /** A button's short label, for menus made of buttons (the web chat's bar); none: not on the bar. */
  label?: string;
}

/** The report journey's commands: every contact's menu. */
export const CONTACT_COMMANDS: readonly MenuCommand[] = [
  { command: 'baocao', description: 'Làm hoặc tiếp tục báo cáo', label: 'Báo cáo' },
  { command: 'xem', description: 'Xem lại các câu đã trả lời', label: 'Xem lại' },
  { command: 'sua', description: 'Sửa một câu trả lời' },
  { command: 'nop', description: 'Nộp báo cáo', label: 'Nộp' },
  { command: 'tamdung', description: 'Tạm dừng', label: 'Tạm dừng' },
  { command: 'trogiup', description: 'Hướng dẫn sử dụng', label: 'Trợ giúp' },
];

/** Added to the menu of secretariat members' chats only. */
export const SECRETARIAT_COMMANDS: readonly MenuCommand[] = [
  { command: 'tinhhinh', description: 'Tình hình nộp báo cáo' },
  { command: 'xembc', description: 'Xem báo cáo của một đơn vị' },
  { command: 'yeucau', description: 'Yêu cầu báo cáo đột xuất' },
  { command: 'nhac', description: 'Nhắc ngay các đơn vị chưa nộp' },
  { command: 'xuat', description: 'Xuất báo cáo (Word, Excel)' },
  { command: 'donvi', description: 'Đơn vị, người liên hệ, mã mời' },
  { command: 'moi', description: 'Mời thành viên Ban Xây dựng Đảng' },
  { command: 'bangdieukhien', description: 'Đường dẫn đăng nhập bảng điều khiển' },
];
