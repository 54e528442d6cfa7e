import type { RoundDoc, SubmissionDoc, UnitDoc } from '../../store/models';

/** How long after its deadline a round stays open for late reports. */
export const LATE_SUBMISSION_DAYS = 60;

/** Does this round ask this unit for a report? Exempt units are not asked. */
export function roundTargetsUnit(round: RoundDoc, unit: UnitDoc): boolean {
  if (!unit.active) return false;
  if (round.exemptUnitCodes.includes(unit._id)) return false;
  return round.targetUnitCodes.length > 0
    ? round.targetUnitCodes.includes(unit._id)
    : round.targetKinds.includes(unit.kind);
}

export function isRoundOpen(round: RoundDoc, now: Date): boolean {
  const lateUntil = round.dueAt.getTime() + LATE_SUBMISSION_DAYS * 86_400_000;
  return round.opensAt.getTime() <= now.getTime() && now.getTime() <= lateUntil;
}

export type UnitRoundStatus = SubmissionDoc['status'] | 'exempt';

/** Status words used in lists (chat, dashboard, exports). */
export function isFinished(status: UnitRoundStatus): boolean {
  return status === 'submitted' || status === 'accepted';
}
