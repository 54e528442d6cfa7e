/** Where a unit's report of a round stands; the store, the planner and the texts share these. */
export const SUBMISSION_STATUSES = [
  'not_started',
  'in_progress',
  'submitted',
  'returned',
  'accepted',
] as const;
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];
