import type { DateTime } from 'luxon';
import { reminderKey } from '../domain/reminder-key';
import type { SubmissionStatus } from '../domain/submission-status';
import type { RoundInfo } from './round-calendar';
import type { Schedule } from './schedule-schema';

/** What the reminder planner (plan-reminders.ts) reads and returns, and the ledger key it plans by. */
/** Builds a ledger key: one definition for the planner and the store (src/domain/reminder-key.ts). */
export const ledgerKey = reminderKey;

/** Splits a ledger key; the recipient id is the rest, so it may itself contain ":". */
export function parseLedgerKey(key: string): { roundId: string; stage: string; recipientId: string } | null {
  const first = key.indexOf(':');
  const second = key.indexOf(':', first + 1);
  if (first <= 0 || second <= first + 1 || second === key.length - 1) return null;
  return {
    roundId: key.slice(0, first),
    stage: key.slice(first + 1, second),
    recipientId: key.slice(second + 1),
  };
}

/** Stage of the weekly progress digest: `tuan-2026-11-30` (local date of the digest). */
export const weeklyDigestStage = (date: DateTime): string => `tuan-${date.toISODate()}`;
/** Stage of the progress digest N days before the due date (counted like unit stages): `tong-hop-truoc-3`. */
export const beforeDueDigestStage = (days: number): string => `tong-hop-truoc-${days}`;
/** Stage of the late-units digest that accompanies an overdue unit stage: `tong-hop-qua-1`. */
export const lateDigestStage = (unitStage: string): string => `tong-hop-${unitStage}`;

export type { SubmissionStatus };

/** Statuses after which a unit is left alone. `returned` is not one: the unit must resubmit. */
export const DONE_STATUSES: ReadonlySet<SubmissionStatus> = new Set(['submitted', 'accepted']);

export interface PlanContact {
  id: string;
  active: boolean;
  /** False once the platform said the contact blocked the bot (403). */
  reachable: boolean;
}

export interface PlanUnit {
  code: string;
  kind: string;
  active: boolean;
  contacts: PlanContact[];
}

export interface PlanSubmission {
  roundId: string;
  unitCode: string;
  status: SubmissionStatus;
  answered: number;
  total: number;
}

export interface PlanInput {
  now: DateTime;
  schedule: Schedule;
  rounds: RoundInfo[];
  units: PlanUnit[];
  /** A unit with no submission for a round counts as `not_started`, 0/0. */
  submissions: PlanSubmission[];
  exemptions: { roundId: string; unitCode: string }[];
  targets: { roundId: string; unitCodes: string[] }[];
  /** Members of the secretariat (Ban Xây dựng Đảng) who receive digests. */
  secretariat: PlanContact[];
  /** Ledger keys already recorded (sent or skipped). */
  alreadyRecorded: ReadonlySet<string>;
}

/** Where a late or pending unit stands, as listed in digests. */
export interface UnitProgress {
  unitCode: string;
  status: SubmissionStatus;
  answered: number;
  total: number;
  /** Active contacts only. */
  contacts: { id: string; reachable: boolean }[];
  /** False when the unit has no active reachable contact: nobody can be reminded. */
  reachable: boolean;
}

/** Content of a secretariat digest. */
export interface DigestContent {
  /** `progress` before the deadline, `late` from the first overdue stage. */
  type: 'progress' | 'late';
  roundId: string;
  roundTitle: string;
  dueAt: DateTime;
  counts: {
    /** Active targeted units that are not exempt. */
    expected: number;
    done: number;
    pending: number;
    exempt: number;
    unreachable: number;
  };
  /** Units that have not submitted (late units in a `late` digest), by unit code. */
  pending: UnitProgress[];
  /** Codes of pending units with no active reachable contact. */
  unreachable: string[];
}

interface PlannedBase {
  /** Ledger key (src/domain/reminder-key.ts). */
  key: string;
  roundId: string;
  stage: string;
  recipientId: string;
  /** Instant of the stage (what the ledger records as "scheduled for"). */
  stageAt: DateTime;
  /** The round's deadline had passed at the stage's instant. */
  overdue: boolean;
}

export interface PlannedUnitReminder extends PlannedBase {
  kind: 'unit-reminder';
  unitCode: string;
  progress: { status: SubmissionStatus; answered: number; total: number };
}

export interface PlannedDigest extends PlannedBase {
  kind: 'secretariat-digest';
  unitCode: null;
  digest: DigestContent;
}

export type PlannedReminder = PlannedUnitReminder | PlannedDigest;

export interface PlanResult {
  /** To send now (and record). */
  due: PlannedReminder[];
  /** Missed by more than the grace period: record as skipped, do not send. */
  skipped: PlannedReminder[];
}

/** A secretariat digest stage of a round with its instant. */
export interface DigestOccurrence {
  name: string;
  at: DateTime;
  type: 'progress' | 'late';
}
