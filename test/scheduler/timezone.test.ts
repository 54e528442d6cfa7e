import './tz-utc';
import { DateTime, Settings } from 'luxon';
import { formatDeadline } from '../../src/scheduler/format-date';
import { parseSchedule } from '../../src/scheduler/load-schedule';
import { planReminders } from '../../src/scheduler/plan-reminders';
import { periodicRounds, roundForYear, roundStages } from '../../src/scheduler/round-calendar';
import { at, iso, shipped, wardInput } from './fixtures';

/** Everything the scheduler computes at a few instants, as text. */
function snapshot(): string[] {
  const out: string[] = [];
  for (const now of [
    '2026-11-26T10:00:00+07:00',
    '2026-12-10T08:00:00+07:00',
    '2026-12-31T23:30:00+07:00',
    '2027-06-09T23:00:00+07:00',
  ]) {
    const rounds = periodicRounds(shipped, at(now));
    for (const r of rounds) {
      out.push(
        [r.id, iso(r.opensAt), iso(r.dueAt), iso(r.dataWindow.from), iso(r.dataWindow.to), r.dueLabel].join(
          ' ',
        ),
      );
      for (const s of roundStages(r, shipped)) out.push(`${r.id} ${s.stage.name} ${iso(s.at)}`);
      out.push(formatDeadline(r.dueAt));
    }
    const plan = planReminders(
      wardInput(at(now), [roundForYear(shipped, shipped.rounds[1]!, 2026), ...rounds]),
    );
    for (const p of [...plan.due, ...plan.skipped]) out.push(`${p.key} ${iso(p.stageAt)}`);
  }
  return out;
}

describe('results do not depend on the machine’s time zone', () => {
  const original = { tz: process.env.TZ, zone: Settings.defaultZone };
  afterAll(() => {
    process.env.TZ = original.tz;
    Settings.defaultZone = original.zone;
  });

  test('the test process runs in UTC', () => {
    expect(new Date(2026, 11, 9).getTimezoneOffset()).toBe(0);
  });

  test('same output under UTC, Los Angeles, Kiritimati (+14) and Ho Chi Minh', () => {
    const reference = snapshot();
    expect(reference.length).toBeGreaterThan(50);
    expect(reference).toContain(
      'annual-2026 2026-11-15T00:00:00.000+07:00 2026-12-09T23:59:59.999+07:00 2025-12-01T00:00:00.000+07:00 2026-11-30T23:59:59.999+07:00 hết ngày 9/12/2026',
    );
    for (const zone of ['America/Los_Angeles', 'Pacific/Kiritimati', 'Asia/Ho_Chi_Minh', 'UTC']) {
      process.env.TZ = zone;
      Settings.defaultZone = zone;
      // Prove the switch took effect before trusting the comparison.
      expect(DateTime.local(2026, 12, 9).zoneName).toBe(zone);
      expect(snapshot()).toEqual(reference);
    }
  });

  test('a schedule in a zone with daylight saving time keeps local wall-clock times', () => {
    const text = `timezone: Europe/Berlin
rounds:
  - kind: annual
    title: "Jahresbericht {year}"
    flow: bao-cao
    opens: "15/03"
    dueBefore: "01/04"
    dataWindow: { from: "01/04", to: "31/03" }
`;
    const berlin = parseSchedule(text);
    const r = roundForYear(berlin, berlin.rounds[0]!, 2026);
    // Clocks go forward at 02:00 on 29/03/2026: stages before are +01:00, from then on +02:00, all at 08:00.
    expect(iso(r.dueAt)).toBe('2026-03-31T23:59:59.999+02:00');
    expect(roundStages(r, berlin).map((s) => iso(s.at))).toEqual([
      '2026-03-15T08:00:00.000+01:00',
      '2026-03-25T08:00:00.000+01:00',
      '2026-03-29T08:00:00.000+02:00',
      '2026-03-31T08:00:00.000+02:00',
      '2026-04-01T08:00:00.000+02:00',
      '2026-04-02T08:00:00.000+02:00',
      '2026-04-04T08:00:00.000+02:00',
    ]);
  });
});
