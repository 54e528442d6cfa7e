/** Where a unit's report of a round stands; the store, the planner and the texts share these. */
export const SUBMISSION_STATUSES = [
  'not_started',
  'in_progress',
  'submitted',
  'returned',
  'accepted',
] as const;
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];

/** Submitted or accepted: the report is handed in and its answers are read-only until it is returned. */
export function isHandedIn(status: SubmissionStatus): boolean {
  return status === 'submitted' || status === 'accepted';
}

/**
 * A unit's standing in a round as the status board shows it: its submission's status, or
 * `overdue` (deadline passed, nothing submitted) or `exempt` (the secretariat exempted it).
 */
export type BoardStatus = SubmissionStatus | 'overdue' | 'exempt';

/**
 * The one status vocabulary: every channel, the dashboard and the exports say these words
 * (capitalised with {@link statusLabel} where they start a cell or a badge).
 */
export const STATUS_WORDS: Record<BoardStatus, string> = {
  not_started: 'chưa bắt đầu',
  in_progress: 'đang soạn',
  submitted: 'đã nộp',
  returned: 'bị trả lại',
  accepted: 'đã tiếp nhận',
  exempt: 'miễn báo cáo',
  overdue: 'quá hạn',
};

/** "Đã nộp", "Bị trả lại": a status word as a label. */
export function statusLabel(status: BoardStatus): string {
  const word = STATUS_WORDS[status];
  return word.charAt(0).toUpperCase() + word.slice(1);
}
