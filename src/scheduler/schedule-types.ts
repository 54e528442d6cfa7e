import { UNIT_KINDS, type UnitKind } from '../domain/unit-kinds';

/**
 * Schema and types of `flows/schedule.yaml`: when periodic report rounds open and fall due, and
 * when reminders go out. The file is edited by secretariat staff, so the schema is strict
 * (a misspelt key is an error, not silently ignored) and its messages say what was expected.
 *
 * Time conventions used everywhere in `src/scheduler`:
 * - Every instant is a luxon `DateTime` in the schedule's `timezone`; the machine's zone is never read.
 * - `dueBefore: "10/12"` means the deadline instant is the end of 9 December
 *   (23:59:59.999 local), shown to users as "trước ngày 10/12/2026".
 * - The **due date** is the date named in "trước ngày 10/12": 10 December, the local day of the
 *   first instant after the deadline (for an ad-hoc deadline at 17:00 on 5/12 it is 5/12).
 *   Reminder offsets count from it, as staff count "7 days before the 10th": -7 → 3/12,
 *   -3 → 7/12, -1 → 9/12 (the last day to submit); 0 → 10/12 08:00, after the end-of-day
 *   deadline, so for periodic rounds it is the first overdue stage; +1 → 11/12, +3 → 13/12.
 *   Stages with `days < 0` that would land at or after the deadline are dropped; `days ≥ 0` never are.
 */

/** Unit kinds a round can target (the kinds of reporting units in a ward). */
export { UNIT_KINDS, type UnitKind };

/** Kind given to rounds the secretariat creates at run time (đột xuất). Periodic kinds may not use it. */
export const AD_HOC_KIND = 'dot-xuat';

/**
 * Stage-name prefixes reserved for secretariat digests, so a digest key never collides with a
 * unit reminder key for the same round and stage (one person may be both a contact and a member).
 */
export const DIGEST_STAGE_PREFIXES = ['tong-hop-', 'tuan-'] as const;

/** A calendar day that exists every year (29/02 is rejected: see `dayOfYearSchema`). */
export interface DayOfYear {
  day: number;
  month: number;
}

/** A local wall-clock time. */
export interface TimeOfDay {
  hour: number;
  minute: number;
}

/**
 * One reminder stage of a round.
 * - `from: 'due'`: `days` counts from the due date (the date named in "trước ngày 10/12");
 *   a stage whose instant is after the deadline is an overdue one (for periodic rounds: `days ≥ 0`).
 * - `from: 'opens'`: `days` (≥ 0) counts from the day the round opens; never earlier than the opening instant.
 */
export interface StageSpec {
  /** Ledger-safe slug, e.g. `truoc-7`; unique within a plan. */
  name: string;
  from: 'opens' | 'due';
  days: number;
  /** Local send time for this stage; `null` → the schedule's `sendAt`. */
  time: TimeOfDay | null;
}

/** A kind of periodic round (semiannual, annual), repeated every year. */
export interface PeriodicRoundKind {
  kind: string;
  /** Title template; `{year}` is replaced by the round's year (the year of `dueBefore`). */
  title: string;
  flowId: string;
  /** Opening day (00:00 local). If it is later in the year than `dueBefore`, it is in the previous year. */
  opens: DayOfYear;
  /** Deadline: the end of the day before this date. Its year is the round's year. */
  dueBefore: DayOfYear;
  /**
   * Period the report covers: `from` 00:00 to `to` 23:59:59.999. `to` is its occurrence nearest
   * the deadline (14/06 for a 10/06 deadline: that June; 31/12 for a 10/01 deadline: the December
   * before); `from` is the last occurrence on or before `to` (15/12 → 14/06 starts the previous December).
   */
  dataWindow: { from: DayOfYear; to: DayOfYear };
  targetKinds: UnitKind[];
  reminders: StageSpec[];
}

/** Progress digests sent to the secretariat before the deadline. */
export interface DigestSettings {
  /** ISO weekday (1 = Monday … 7 = Sunday) of the weekly digest, or `null` for none. */
  weekday: number | null;
  /** A digest this many days before the due date (each entry → stage `tong-hop-truoc-N`; 3 → 7/12 for "trước ngày 10/12"). */
  daysBeforeDue: number[];
}

/** The validated schedule. */
export interface Schedule {
  /** IANA zone in which every date of the schedule is read. */
  timezone: string;
  /** Default local send time of reminders. */
  sendAt: TimeOfDay;
  /** No message is sent from `from` (inclusive) to `to` (exclusive); `null` → no quiet hours. */
  quietHours: { from: TimeOfDay; to: TimeOfDay } | null;
  secretariatDigest: DigestSettings;
  rounds: PeriodicRoundKind[];
  adHoc: { reminders: StageSpec[] };
}

const stage = (name: string, from: 'opens' | 'due', days: number): StageSpec => ({
  name,
  from,
  days,
  time: null,
});

/** Default plan of periodic rounds: opened, 7/3/1 days before the due date, on the due date (first overdue day), 1 and 3 days after. */
export const DEFAULT_REMINDER_PLAN: readonly StageSpec[] = [
  stage('mo', 'opens', 0),
  stage('truoc-7', 'due', -7),
  stage('truoc-3', 'due', -3),
  stage('truoc-1', 'due', -1),
  stage('han', 'due', 0),
  stage('qua-1', 'due', 1),
  stage('qua-3', 'due', 3),
];

/** Default plan of ad-hoc rounds: the day before, the morning of the due day, the day after. */
export const DEFAULT_AD_HOC_REMINDER_PLAN: readonly StageSpec[] = [
  stage('truoc-1', 'due', -1),
  stage('han', 'due', 0),
  stage('qua-1', 'due', 1),
];

const pad = (n: number) => String(n).padStart(2, '0');

/** "08:00" for a {@link TimeOfDay}: used in messages and error texts. */
export function formatTimeOfDay(t: TimeOfDay): string {
  return `${pad(t.hour)}:${pad(t.minute)}`;
}
