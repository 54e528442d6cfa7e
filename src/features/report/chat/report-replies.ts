import { DateTime } from 'luxon';
import { CALLBACKS } from '../../../conversation/callbacks';
import { vi } from '../../../conversation/common-texts';
import type { Outbound } from '../../../conversation/messages';
import { isHandedIn } from '../../../domain/submission-status';
import type { Reply } from '../../../engine';
import { formatDateTimeVi } from '../../../scheduler/format-date';
import type { SubmissionDoc } from '../../../store/models';

/**
 * The engine's replies as messages: each of its buttons becomes `f:<token>` data. The engine's
 * text numbers its choices and names its words, and it parses what is typed: hence `typed`.
 */
export function renderEngineReplies(replies: Reply[]): Outbound[] {
  return replies.map((reply) => ({
    text: reply.text,
    buttons: reply.buttons?.map((row) =>
      row.map((button) => ({ label: button.label, data: CALLBACKS.flow.encode({ token: button.token }) })),
    ),
    ...(reply.buttons ? { choices: 'typed' as const } : {}),
    ...(reply.asksForFile ? { asksForFile: true } : {}),
  }));
}

/** A round's status for the contact's list of open rounds. */
export function statusLabel(submission: SubmissionDoc | null, overdue: boolean): string {
  if (!submission || submission.status === 'not_started')
    return overdue ? `${vi.status.not_started}, ${vi.status.overdue}` : vi.status.not_started;
  if (submission.status === 'in_progress') {
    const label = vi.status.in_progress(submission.answeredCount, submission.totalCount);
    return overdue ? `${label}, ${vi.status.overdue}` : label;
  }
  return vi.status[submission.status];
}

export function alreadySubmitted(submission: SubmissionDoc, timeZone: string): Outbound {
  const when = submission.submittedAt
    ? formatDateTimeVi(DateTime.fromJSDate(submission.submittedAt, { zone: timeZone }))
    : '';
  return { text: vi.alreadySubmitted(when, submission.receiptNo ?? '') };
}

/** Submitted or accepted: the report is read-only for the unit. */
export function isDone(submission: SubmissionDoc | null): boolean {
  return submission !== null && isHandedIn(submission.status);
}
