import { IANAZone } from 'luxon';
import { z } from 'zod';
import { UNIT_KINDS, type UnitKind } from '../domain/unit-kinds';
import { stripDiacritics } from '../domain/vietnamese';

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

// Days per month in a common year: a recurring date must exist every year.
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

const dayOfYearSchema = z
  .string({ error: 'expected "dd/mm" (a quoted day/month such as "15/05")' })
  .regex(/^\d{1,2}\/\d{1,2}$/, { error: 'expected "dd/mm"' })
  .transform((text, ctx): DayOfYear => {
    const [day = 0, month = 0] = text.split('/').map(Number);
    if (month < 1 || month > 12) {
      ctx.addIssue({ code: 'custom', message: `no month ${month} in "${text}"` });
      return z.NEVER;
    }
    if (day === 29 && month === 2) {
      // Clamping would silently move a deadline in 3 years out of 4; rejecting makes staff choose.
      ctx.addIssue({
        code: 'custom',
        message:
          '"29/02" does not exist every year; use "28/02" or "01/03" (dueBefore "01/03" = end of February)',
      });
      return z.NEVER;
    }
    if (day < 1 || day > (DAYS_IN_MONTH[month - 1] ?? 0)) {
      ctx.addIssue({ code: 'custom', message: `no such day "${text}"` });
      return z.NEVER;
    }
    return { day, month };
  });

const timeOfDaySchema = z
  .string({ error: 'expected "HH:mm" (a quoted time such as "08:00")' })
  .regex(/^([01]?\d|2[0-3]):[0-5]\d$/, { error: 'expected "HH:mm" between 00:00 and 23:59' })
  .transform((text): TimeOfDay => {
    const [hour = 0, minute = 0] = text.split(':').map(Number);
    return { hour, minute };
  });

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const slug = (what: string) =>
  z.string({ error: `expected ${what} (lowercase letters, digits and "-")` }).regex(SLUG, {
    error: `expected ${what} (lowercase letters, digits and "-", e.g. "truoc-7")`,
  });

const stageSchema = z
  .strictObject({
    stage: slug('a stage name'),
    from: z.enum(['opens', 'due']).prefault('due'),
    days: z.int({ error: 'expected a whole number of days' }).min(-366).max(366),
    time: timeOfDaySchema.nullable().prefault(null),
  })
  .superRefine((s, ctx) => {
    if (DIGEST_STAGE_PREFIXES.some((p) => s.stage.startsWith(p))) {
      ctx.addIssue({
        code: 'custom',
        path: ['stage'],
        message: `names starting with ${DIGEST_STAGE_PREFIXES.map((p) => `"${p}"`).join(' or ')} are reserved for secretariat digests`,
      });
    }
    if (s.from === 'opens' && s.days < 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['days'],
        message: 'a stage "from: opens" cannot be before opening',
      });
    }
  })
  .transform((s): StageSpec => ({ name: s.stage, from: s.from, days: s.days, time: s.time }));

const planSchema = z
  .array(stageSchema)
  .min(1, { error: 'expected at least one stage' })
  .superRefine((stages, ctx) => {
    const seen = new Set<string>();
    stages.forEach((s, i) => {
      if (seen.has(s.name)) {
        ctx.addIssue({ code: 'custom', path: [i, 'stage'], message: `duplicate stage "${s.name}"` });
      }
      seen.add(s.name);
    });
  });

const WEEKDAYS: Record<string, number> = {
  'thu-hai': 1,
  'thu-ba': 2,
  'thu-tu': 3,
  'thu-nam': 4,
  'thu-sau': 5,
  'thu-bay': 6,
  'chu-nhat': 7,
};

/** Accepts "thu-hai", "Thứ Hai", "chủ nhật" or an ISO number 1–7: staff write it either way. */
const weekdaySchema = z.union([z.int().min(1).max(7), z.string()]).transform((value, ctx): number => {
  if (typeof value === 'number') return value;
  const key = stripDiacritics(value).trim().toLowerCase().replace(/\s+/g, '-');
  const weekday = WEEKDAYS[key];
  if (weekday === undefined) {
    ctx.addIssue({
      code: 'custom',
      message: `expected a weekday such as "thu-hai" … "chu-nhat", got "${value}"`,
    });
    return z.NEVER;
  }
  return weekday;
});

const roundKindSchema = z
  .strictObject({
    kind: slug('a round kind'),
    title: z.string().min(1),
    flow: slug('a flow id'),
    opens: dayOfYearSchema,
    dueBefore: dayOfYearSchema,
    dataWindow: z.strictObject({ from: dayOfYearSchema, to: dayOfYearSchema }),
    targetKinds: z
      .array(z.enum(UNIT_KINDS, { error: `expected one of ${UNIT_KINDS.join(', ')}` }))
      .min(1)
      .prefault([...UNIT_KINDS]),
    reminders: planSchema.prefault(() => DEFAULT_REMINDER_PLAN.map(toYaml)),
  })
  .superRefine((r, ctx) => {
    if (r.opens.day === r.dueBefore.day && r.opens.month === r.dueBefore.month) {
      ctx.addIssue({
        code: 'custom',
        path: ['opens'],
        message: 'a round cannot open on its "dueBefore" day',
      });
    }
    if (r.kind === AD_HOC_KIND) {
      ctx.addIssue({
        code: 'custom',
        path: ['kind'],
        message: `"${AD_HOC_KIND}" is reserved for ad-hoc rounds`,
      });
    }
  })
  .transform(
    (r): PeriodicRoundKind => ({
      kind: r.kind,
      title: r.title,
      flowId: r.flow,
      opens: r.opens,
      dueBefore: r.dueBefore,
      dataWindow: r.dataWindow,
      targetKinds: [...new Set(r.targetKinds)],
      reminders: r.reminders,
    }),
  );

// Defaults are written in the file's own syntax and parsed (zod `prefault`), so there is one parser.
function toYaml(s: StageSpec) {
  return { stage: s.name, from: s.from, days: s.days };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The schema of `flows/schedule.yaml`; parses to {@link Schedule}. */
export const scheduleSchema = z
  .strictObject({
    timezone: z
      .string()
      .refine((tz) => IANAZone.isValidZone(tz), {
        error: 'expected an IANA time zone such as "Asia/Ho_Chi_Minh"',
      })
      .prefault('Asia/Ho_Chi_Minh'),
    sendAt: timeOfDaySchema.prefault('08:00'),
    quietHours: z
      .strictObject({ from: timeOfDaySchema, to: timeOfDaySchema })
      .refine((q) => q.from.hour !== q.to.hour || q.from.minute !== q.to.minute, {
        error: 'quiet hours "from" and "to" must differ (write quietHours: null for none)',
      })
      .nullable()
      .prefault({ from: '21:00', to: '07:00' }),
    secretariatDigest: z
      .strictObject({
        weekday: weekdaySchema.nullable().prefault('thu-hai'),
        daysBeforeDue: z
          .array(z.int().min(1).max(366))
          .prefault([3])
          .transform((days) => [...new Set(days)].sort((a, b) => b - a)),
      })
      .prefault({}),
    rounds: z.array(roundKindSchema).superRefine((rounds, ctx) => {
      const seen = new Set<string>();
      rounds.forEach((r, i) => {
        if (seen.has(r.kind))
          ctx.addIssue({ code: 'custom', path: [i, 'kind'], message: `duplicate kind "${r.kind}"` });
        seen.add(r.kind);
      });
    }),
    adHoc: z
      .strictObject({ reminders: planSchema.prefault(() => DEFAULT_AD_HOC_REMINDER_PLAN.map(toYaml)) })
      .prefault({}),
  })
  .transform(
    (s): Schedule => ({
      timezone: s.timezone,
      sendAt: s.sendAt,
      quietHours: s.quietHours,
      secretariatDigest: s.secretariatDigest,
      rounds: s.rounds,
      adHoc: s.adHoc,
    }),
  );

/** "08:00" for a {@link TimeOfDay}: used in messages and error texts. */
export function formatTimeOfDay(t: TimeOfDay): string {
  return `${pad(t.hour)}:${pad(t.minute)}`;
}
