import { AUDIT_ACTION_LABELS, auditActionLabel } from '../../src/domain/audit-actions';
import { STATUS_WORDS, statusLabel } from '../../src/domain/submission-status';

describe('the one status vocabulary', () => {
  it('capitalises a status word as a label, diacritics and all', () => {
    expect(statusLabel('submitted')).toBe('Đã nộp');
    expect(statusLabel('returned')).toBe('Bị trả lại');
    expect(statusLabel('accepted')).toBe('Đã tiếp nhận');
    expect(statusLabel('exempt')).toBe('Miễn báo cáo');
    expect(statusLabel('overdue')).toBe('Quá hạn');
  });

  it('has a distinct word for every board status', () => {
    const words = Object.values(STATUS_WORDS);
    expect(new Set(words).size).toBe(words.length);
  });
});

describe('the one audit vocabulary', () => {
  it('labels every action, and the exemption actions the dashboard wrote before it shared the use case', () => {
    for (const [action, label] of Object.entries(AUDIT_ACTION_LABELS)) {
      expect(auditActionLabel(action)).toBe(label);
      expect(label).not.toBe(action);
    }
    expect(auditActionLabel('round.exempt')).toBe(auditActionLabel('round.exempted'));
    expect(auditActionLabel('round.unexempt')).toBe(auditActionLabel('round.exemption-removed'));
  });

  it('shows an action it does not know as recorded', () => {
    expect(auditActionLabel('something.new')).toBe('something.new');
  });
});
