/**
 * Every command of the bot, declared once: its name, its menu line and button label, the words
 * that type it on platforms without a command menu, and who may use it. The menus
 * (command-menu.ts), the typed words (typed-commands.ts) and the router's check of the features'
 * commands (conversation.ts) are all drawn from this list, so a command cannot be in one and
 * missing from another.
 */
export interface CommandDeclaration {
  /** Lower-case, without slash, as the features register it (`baocao`). */
  readonly name: string;
  /** Telegram's menu line. */
  readonly description: string;
  /** A button's short label, for menus made of buttons (the web chat's bar); none: not on the bar. */
  readonly label?: string;
  /**
   * Spelled-out forms that are the command when a whole message reads so, folded (no diacritics,
   * lower-case, single spaces: domain/vietnamese.ts). None: only `/<name>` reaches it. `sua` with
   * a question number is parsed in typed-commands.ts.
   */
  readonly typed: readonly string[];
  /** `secretariat`: only the secretariat's members may use it and see it in their menu. */
  readonly audience: 'everyone' | 'secretariat';
}

export const COMMANDS: readonly CommandDeclaration[] = [
  // The report journey: every contact's menu.
  {
    name: 'baocao',
    description: 'Làm hoặc tiếp tục báo cáo',
    label: 'Báo cáo',
    typed: ['baocao', 'bao cao', 'lam bao cao'],
    audience: 'everyone',
  },
  {
    name: 'xem',
    description: 'Xem lại các câu đã trả lời',
    label: 'Xem lại',
    typed: ['xem', 'xem lai', 'xemlai'],
    audience: 'everyone',
  },
  { name: 'sua', description: 'Sửa một câu trả lời', typed: ['sua'], audience: 'everyone' },
  {
    name: 'nop',
    description: 'Nộp báo cáo',
    label: 'Nộp',
    typed: ['nop', 'nop bao cao'],
    audience: 'everyone',
  },
  {
    name: 'tamdung',
    description: 'Tạm dừng',
    label: 'Tạm dừng',
    typed: ['tamdung', 'tam dung'],
    audience: 'everyone',
  },
  {
    name: 'trogiup',
    description: 'Hướng dẫn sử dụng',
    label: 'Trợ giúp',
    typed: ['trogiup', 'tro giup', 'huong dan', 'huongdan'],
    audience: 'everyone',
  },
  // The secretariat's tools: added to the menu of its members' chats only.
  {
    name: 'tinhhinh',
    description: 'Tình hình nộp báo cáo',
    typed: ['tinhhinh', 'tinh hinh'],
    audience: 'secretariat',
  },
  { name: 'xembc', description: 'Xem báo cáo của một đơn vị', typed: [], audience: 'secretariat' },
  {
    name: 'yeucau',
    description: 'Yêu cầu báo cáo đột xuất',
    typed: ['yeucau', 'yeu cau'],
    audience: 'secretariat',
  },
  { name: 'nhac', description: 'Nhắc ngay các đơn vị chưa nộp', typed: ['nhac'], audience: 'secretariat' },
  { name: 'xuat', description: 'Xuất báo cáo (Word, Excel)', typed: ['xuat'], audience: 'secretariat' },
  {
    name: 'donvi',
    description: 'Đơn vị, người liên hệ, mã mời',
    typed: ['donvi', 'don vi'],
    audience: 'secretariat',
  },
  { name: 'moi', description: 'Mời thành viên Ban Xây dựng Đảng', typed: [], audience: 'secretariat' },
  {
    name: 'bangdieukhien',
    description: 'Đường dẫn đăng nhập bảng điều khiển',
    typed: [],
    audience: 'secretariat',
  },
];

/** The declaration of a command, by name (`start` is the router's own and has none). */
export function declaredCommand(name: string): CommandDeclaration | undefined {
  return COMMANDS.find((command) => command.name === name);
}
