import { DateTime } from 'luxon';
import { formatDeadline } from './format-date';
import type {
  DayOfYear,
  PeriodicRoundKind,
  Schedule,
  StageSpec,
  TimeOfDay,
  UnitKind,
} from './schedule-schema';
import { AD_HOC_KIND } from './schedule-schema';

/**
 * Calendar arithmetic of rounds and stages. Pure: time comes in as `now`, and every `DateTime`
 * returned is in the schedule's zone, whatever the zone of the inputs or of the machine.
 */

/** How long after its instant a stage may still be sent (a bot that was down catches up once). */
export const STAGE_GRACE_HOURS = 24;

/** What the reminder planner needs to know about a round (periodic or ad-hoc). */
export interface RoundInfo {
  /** `annual-2026`, `semiannual-2027`, or any id for ad-hoc rounds. Must not contain ":". */
  id: string;
  /** A periodic kind of the schedule, or {@link AD_HOC_KIND}. */
  kind: string;
  title: string;
  opensAt: DateTime;
  /** Last instant at which a submission is on time. */
  dueAt: DateTime;
  reminderPlan: readonly StageSpec[];
}

/** A periodic round computed from the schedule: everything needed to create it in the store. */
export interface RoundSpec extends RoundInfo {
  year: number;
  flowId: string;
  /** "trước ngày 10/12/2026" (no weekday: it is stored; messages use `formatDeadline`). */
  dueLabel: string;
  /** Period the report covers: `from` at 00:00, `to` at 23:59:59.999 local. */
  dataWindow: { from: DateTime; to: DateTime };
  targetKinds: UnitKind[];
}

/** A stage of a round with its resolved instant. */
export interface StageOccurrence {
  stage: StageSpec;
  at: DateTime;
  /** The deadline had passed at the stage's instant. */
  overdue: boolean;
}

const minutes = (t: TimeOfDay) => t.hour * 60 + t.minute;

/** Is this instant inside the schedule's quiet hours (local wall clock, `from` inclusive, `to` exclusive)? */
export function isQuietTime(at: DateTime, schedule: Schedule): boolean {
  const quiet = schedule.quietHours;
  if (!quiet) return false;
  const local = at.setZone(schedule.timezone);
  const m = local.hour * 60 + local.minute;
  const from = minutes(quiet.from);
  const to = minutes(quiet.to);
  return from < to ? m >= from && m < to : m >= from || m < to;
}

/**
 * The instant itself if it is allowed, otherwise the end of the quiet period containing it
 * (21:30 → 07:00 next day; 06:00 → 07:00 same day with the default 21:00–07:00).
 */
export function nextAllowedTime(at: DateTime, schedule: Schedule): DateTime {
  const local = at.setZone(schedule.timezone);
  const quiet = schedule.quietHours;
  if (!quiet || !isQuietTime(local, schedule)) return local;
  const m = local.hour * 60 + local.minute;
  const end = local.set({ hour: quiet.to.hour, minute: quiet.to.minute, second: 0, millisecond: 0 });
  // The quiet period ends tomorrow when we are in its evening part of a period that wraps midnight.
  const wraps = minutes(quiet.from) > minutes(quiet.to);
  return wraps && m >= minutes(quiet.from) ? end.plus({ days: 1 }) : end;
}

/**
 * The date `from: 'due'` offsets count from: the calendar day named in "trước ngày 10/12", i.e.
 * the local day of the first instant after the deadline (`dueAt` + 1 ms), at 00:00. A deadline at
 * the end of 9/12 gives 10/12; an ad-hoc deadline at 17:00 on 5/12 gives 5/12.
 */
export function dueDate(round: Pick<RoundInfo, 'dueAt'>, schedule: Schedule): DateTime {
  return round.dueAt.setZone(schedule.timezone).plus({ milliseconds: 1 }).startOf('day');
}

/**
 * When a stage of a round is due, or `null` when it does not apply to this round.
 *
 * 1. Day: the due date ({@link dueDate}: the date named in "trước ngày 10/12", i.e. 10/12 for a
 *    deadline at the end of 9/12, 5/12 for an ad-hoc deadline at 17:00 on 5/12) or the opening
 *    day, plus `stage.days`. Counting from the named date is what staff mean by "7 days before
 *    the 10th" (3/12), and what the acceptance check `remind --at 2026-12-03T08:00` expects.
 * 2. Time: `stage.time`, else the schedule's `sendAt`.
 * 3. A `from: 'opens'` stage is never before the opening instant (an ad-hoc round created at
 *    14:00 announces itself at 14:00, not at 08:00 that morning).
 * 4. Quiet hours: moved forward to the end of the quiet period (send hour 22:00 → 07:00 next day).
 * 5. Not applicable (`null`): a stage before the round opened (an ad-hoc round created two days
 *    before its deadline has no "7 days before"), and a stage meant to come before the deadline
 *    (`from: 'opens'`, or `days < 0`) that would land at or after it (ad-hoc round due 07:30 with
 *    send hour 08:00, "1 day before"): a "due soon" message after the deadline would be false.
 *    A `days: 0` stage is kept either way: for a periodic round it lands on the named date
 *    (10/12 08:00), after the end-of-day deadline, and is the first overdue stage; for an
 *    ad-hoc round due at 17:00 it is the morning of the due day.
 */
export function stageInstant(round: RoundInfo, stage: StageSpec, schedule: Schedule): DateTime | null {
  const zone = schedule.timezone;
  const opensAt = round.opensAt.setZone(zone);
  const dueAt = round.dueAt.setZone(zone);
  const anchor = stage.from === 'opens' ? opensAt.startOf('day') : dueDate(round, schedule);
  const time = stage.time ?? schedule.sendAt;
  let at: DateTime = anchor
    .plus({ days: stage.days })
    .set({ hour: time.hour, minute: time.minute, second: 0, millisecond: 0 });
  if (stage.from === 'opens' && at < opensAt) at = opensAt;
  at = nextAllowedTime(at, schedule);
  if (at < opensAt) return null;
  const meantBefore = stage.from === 'opens' || stage.days < 0;
  if (meantBefore && at >= dueAt) return null;
  return at;
}

/** The applicable stages of a round's plan with their instants, in time order. */
export function roundStages(round: RoundInfo, schedule: Schedule): StageOccurrence[] {
  const dueAt = round.dueAt.setZone(schedule.timezone);
  const out: StageOccurrence[] = [];
  for (const stage of round.reminderPlan) {
    const at = stageInstant(round, stage, schedule);
    if (at) out.push({ stage, at, overdue: at > dueAt });
  }
  return out.sort((a, b) => a.at.toMillis() - b.at.toMillis());
}

/**
 * The instant after which a round has nothing more to send: the last stage's grace end, or the
 * deadline if that is later. Until then the round counts as current.
 */
export function roundActiveUntil(round: RoundInfo, schedule: Schedule): DateTime {
  const stages = roundStages(round, schedule);
  const last = stages[stages.length - 1];
  const dueAt = round.dueAt.setZone(schedule.timezone);
  if (!last) return dueAt;
  const graceEnd = last.at.plus({ hours: STAGE_GRACE_HOURS });
  return DateTime.max(graceEnd, dueAt);
}

const compare = (a: DayOfYear, b: DayOfYear) => a.month - b.month || a.day - b.day;

function dayIn(year: number, d: DayOfYear, zone: string): DateTime {
  // Schema guarantees the day exists every year (29/02 is rejected), so this never overflows.
  return DateTime.fromObject({ year, month: d.month, day: d.day }, { zone });
}

/**
 * The round of a periodic kind whose `dueBefore` date falls in `year` (its id and title use
 * that year). The opening day is the last occurrence before `dueBefore`; the data window ends on
 * the occurrence of `to` nearest the deadline and starts on the last `from` before that.
 */
export function roundForYear(schedule: Schedule, kind: PeriodicRoundKind, year: number): RoundSpec {
  const zone = schedule.timezone;
  const dueDay = dayIn(year, kind.dueBefore, zone);
  const dueAt = dueDay.minus({ milliseconds: 1 });
  const opensYear = compare(kind.opens, kind.dueBefore) < 0 ? year : year - 1;
  // The covered period is the one nearest the deadline: 14/06 for a 10/06 deadline is that June,
  // 31/12 for a 10/01 deadline is the December just before it.
  const toYear = [year - 1, year, year + 1].reduce((best, y) =>
    Math.abs(dayIn(y, kind.dataWindow.to, zone).diff(dueDay).toMillis()) <
    Math.abs(dayIn(best, kind.dataWindow.to, zone).diff(dueDay).toMillis())
      ? y
      : best,
  );
  const fromYear = compare(kind.dataWindow.from, kind.dataWindow.to) <= 0 ? toYear : toYear - 1;
  return {
    id: `${kind.kind}-${year}`,
    kind: kind.kind,
    year,
    title: kind.title.replaceAll('{year}', String(year)),
    flowId: kind.flowId,
    opensAt: dayIn(opensYear, kind.opens, zone),
    dueAt,
    dueLabel: formatDeadline(dueAt, { weekday: false }),
    dataWindow: {
      from: dayIn(fromYear, kind.dataWindow.from, zone),
      to: dayIn(toYear, kind.dataWindow.to, zone).endOf('day'),
    },
    targetKinds: [...kind.targetKinds],
    reminderPlan: kind.reminders,
  };
}

/**
 * The periodic rounds to have in the store at `now`: every round that is open now (opened and
 * not past {@link roundActiveUntil} — a round stays current through its overdue stages), the
 * first two unfinished rounds by deadline, and the first round not yet open, so the next round
 * is always known ahead (the store creates them idempotently).
 * With the default schedule and now = 26/11/2026 this is `[annual-2026, semiannual-2027]`.
 * Sorted by deadline.
 */
export function periodicRounds(schedule: Schedule, now: DateTime): RoundSpec[] {
  const at = now.setZone(schedule.timezone);
  const candidates: RoundSpec[] = [];
  // A round's life (opening to last overdue stage) spans at most about a year, so these years cover now.
  for (let year = at.year - 1; year <= at.year + 2; year++) {
    for (const kind of schedule.rounds) candidates.push(roundForYear(schedule, kind, year));
  }
  const unfinished = candidates
    .filter((r) => at < roundActiveUntil(r, schedule))
    .sort((a, b) => a.dueAt.toMillis() - b.dueAt.toMillis() || a.id.localeCompare(b.id));
  const firstUpcoming = unfinished.find((r) => r.opensAt > at);
  return unfinished.filter((r, i) => i < 2 || r.opensAt <= at || r === firstUpcoming);
}

/**
 * An ad-hoc round (đột xuất) as the secretariat creates it at run time, with the schedule's
 * ad-hoc reminder plan unless one is given.
 */
export function adHocRound(
  schedule: Schedule,
  round: {
    id: string;
    title: string;
    opensAt: DateTime;
    dueAt: DateTime;
    reminderPlan?: readonly StageSpec[];
  },
): RoundInfo {
  return {
    id: round.id,
    kind: AD_HOC_KIND,
    title: round.title,
    opensAt: round.opensAt.setZone(schedule.timezone),
    dueAt: round.dueAt.setZone(schedule.timezone),
    reminderPlan: round.reminderPlan ?? schedule.adHoc.reminders,
  };
}
