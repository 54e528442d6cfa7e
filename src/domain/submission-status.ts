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
