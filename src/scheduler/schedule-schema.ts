import { IANAZone } from 'luxon';
import { z } from 'zod';
import { UNIT_KINDS } from '../domain/unit-kinds';
import { stripDiacritics } from '../domain/vietnamese';
import {
  AD_HOC_KIND,
  type DayOfYear,
  DEFAULT_AD_HOC_REMINDER_PLAN,
  DEFAULT_REMINDER_PLAN,
  DIGEST_STAGE_PREFIXES,
  type PeriodicRoundKind,
  type Schedule,
  type StageSpec,
  type TimeOfDay,
} from './schedule-types';

/** The zod schema of `flows/schedule.yaml` (types, defaults and time conventions: schedule-types.ts). */
export * from './schedule-types';

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
