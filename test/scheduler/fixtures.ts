import path from 'node:path';
import { DateTime } from 'luxon';
import { loadSchedule } from '../../src/scheduler/load-schedule';
import type { PlanInput, PlanUnit } from '../../src/scheduler/plan-reminders';
import type { RoundInfo } from '../../src/scheduler/round-calendar';
import type { Schedule } from '../../src/scheduler/schedule-schema';

export const SCHEDULE_FILE = path.join(__dirname, '..', '..', 'flows', 'schedule.yaml');

/** The shipped schedule, as the bot loads it. */
export const shipped: Schedule = loadSchedule(SCHEDULE_FILE, 'flows/schedule.yaml');

/** An instant from ISO text with its offset kept (tests always write the offset). */
export function at(iso: string): DateTime {
  const dt = DateTime.fromISO(iso, { setZone: true });
  if (!dt.isValid) throw new Error(`bad ISO in test: ${iso}`);
  return dt;
}

/** ISO text in the instant's own zone, e.g. "2026-12-09T23:59:59.999+07:00". */
export const iso = (dt: DateTime | null | undefined): string | null => (dt ? dt.toISO() : null);

/**
 * A ward of nine units covering every case:
 * U01 not started (2 contacts) · U02 submitted · U03 accepted · U04 returned 10/12 ·
 * U05 in progress 4/20 · U06 exempt · U07 inactive unit · U08 no usable contact
 * (c9 inactive, c10 blocked the bot) · U09 not targeted.
 */
export const units: PlanUnit[] = [
  unit('U01', ['c1', 'c2']),
  unit('U02', ['c3']),
  unit('U03', ['c4']),
  unit('U04', ['c5']),
  unit('U05', ['c6']),
  unit('U06', ['c7']),
  { ...unit('U07', ['c8']), active: false },
  {
    code: 'U08',
    kind: 'mat-tran',
    active: true,
    contacts: [
      { id: 'c9', active: false, reachable: true },
      { id: 'c10', active: true, reachable: false },
    ],
  },
  unit('U09', ['c11']),
];

function unit(code: string, contactIds: string[]): PlanUnit {
  return {
    code,
    kind: 'to-chuc-dang',
    active: true,
    contacts: contactIds.map((id) => ({ id, active: true, reachable: true })),
  };
}

export const TARGETED = ['U01', 'U02', 'U03', 'U04', 'U05', 'U06', 'U07', 'U08'];

/** Planner input for the given rounds with the ward above; every round targets U01–U08. */
export function wardInput(now: DateTime, rounds: RoundInfo[], overrides: Partial<PlanInput> = {}): PlanInput {
  return {
    now,
    schedule: shipped,
    rounds,
    units,
    submissions: rounds.flatMap((r) => [
      { roundId: r.id, unitCode: 'U02', status: 'submitted' as const, answered: 20, total: 20 },
      { roundId: r.id, unitCode: 'U03', status: 'accepted' as const, answered: 20, total: 20 },
      { roundId: r.id, unitCode: 'U04', status: 'returned' as const, answered: 10, total: 12 },
      { roundId: r.id, unitCode: 'U05', status: 'in_progress' as const, answered: 4, total: 20 },
    ]),
    exemptions: rounds.map((r) => ({ roundId: r.id, unitCode: 'U06' })),
    targets: rounds.map((r) => ({ roundId: r.id, unitCodes: TARGETED })),
    secretariat: [
      { id: 's1', active: true, reachable: true },
      { id: 's2', active: false, reachable: true },
      { id: 's3', active: true, reachable: false },
    ],
    alreadyRecorded: new Set(),
    ...overrides,
  };
}

/** The contacts that must be reminded in this ward: U01 (c1, c2), U04 (c5), U05 (c6). */
export const REMINDED_CONTACTS = ['c1', 'c2', 'c5', 'c6'];
