/**
 * The one audit vocabulary: every action the audit trail records, with the label the dashboard
 * shows for it. The store accepts only these actions, so a new one cannot go unlabelled.
 */
export const AUDIT_ACTION_LABELS = {
  'answer.preset': 'Điền sẵn câu trả lời từ danh sách đơn vị',
  'answer.saved': 'Lưu câu trả lời',
  'answer.cleared': 'Xóa câu trả lời',
  'submission.submitted': 'Nộp báo cáo',
  'submission.returned': 'Trả lại báo cáo',
  'submission.accepted': 'Tiếp nhận báo cáo',
  'invite.created': 'Tạo mã mời',
  'invite.used': 'Dùng mã mời',
  'role.granted': 'Cấp quyền thư ký',
  'contact.linked': 'Liên kết người báo cáo',
  'contact.deactivated': 'Ngừng liên kết người báo cáo',
  'request.created': 'Tạo yêu cầu báo cáo đột xuất',
  'round.exempted': 'Miễn báo cáo cho đơn vị',
  'round.exemption-removed': 'Bỏ miễn báo cáo',
  'reminders.pass': 'Gửi nhắc nhở',
  'units.loaded': 'Nạp danh sách đơn vị',
  'web.login': 'Đăng nhập bảng điều khiển',
} as const;

export type AuditAction = keyof typeof AUDIT_ACTION_LABELS;

/**
 * Written by the dashboard before it shared the exemption use case with the CLI: still in old
 * trails, never written again.
 */
const RETIRED_ACTION_LABELS: Record<string, string> = {
  'round.exempt': AUDIT_ACTION_LABELS['round.exempted'],
  'round.unexempt': AUDIT_ACTION_LABELS['round.exemption-removed'],
};

/** The label of a recorded action; an action this version does not know is shown as recorded. */
export function auditActionLabel(action: string): string {
  return (AUDIT_ACTION_LABELS as Record<string, string>)[action] ?? RETIRED_ACTION_LABELS[action] ?? action;
}
