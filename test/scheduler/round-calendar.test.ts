import './tz-utc';
import { parseSchedule } from '../../src/scheduler/load-schedule';
import {
  adHocRound,
  dueDate,
  isQuietTime,
  nextAllowedTime,
  periodicRounds,
  roundActiveUntil,
  roundForYear,
  roundStages,
  stageInstant,
} from '../../src/scheduler/round-calendar';
import type { Schedule } from '../../src/scheduler/schedule-schema';
import { at, iso, shipped } from './fixtures';

const [semiannual, annual] = shipped.rounds;
if (!semiannual || !annual) throw new Error('shipped schedule lacks its two rounds');

const withSchedule = (patch: Partial<Schedule>): Schedule => ({ ...shipped, ...patch });

describe('periodicRounds with the shipped schedule', () => {
  test('26/11/2026 10:00: annual-2026 is open, semiannual-2027 is next', () => {
    const now = at('2026-11-26T10:00:00+07:00');
    const rounds = periodicRounds(shipped, now);
    expect(rounds.map((r) => r.id)).toEqual(['annual-2026', 'semiannual-2027']);
    const [current, next] = rounds;
    expect(current).toMatchObject({
      kind: 'annual',
      year: 2026,
      title: 'Báo cáo năm 2026',
      flowId: 'bao-cao-dan-chu-co-so',
      dueLabel: 'hết ngày 9/12/2026',
    });
    expect(iso(current?.opensAt)).toBe('2026-11-15T00:00:00.000+07:00');
    expect(iso(current?.dueAt)).toBe('2026-12-09T23:59:59.999+07:00');
    expect(iso(current?.dataWindow.from)).toBe('2025-12-01T00:00:00.000+07:00');
    expect(iso(current?.dataWindow.to)).toBe('2026-11-30T23:59:59.999+07:00');
    expect(current && current.opensAt <= now && now <= current.dueAt).toBe(true);
    expect(current?.targetKinds).toEqual([
      'chinh-quyen',
      'co-quan-tham-muu',
      'co-quan',
      'doanh-nghiep',
      'to-chuc-dang',
      'mat-tran',
    ]);
    expect(current?.reminderPlan.map((s) => s.name)).toEqual([
      'mo',
      'truoc-7',
      'truoc-3',
      'truoc-1',
      'han',
      'qua-1',
      'qua-3',
    ]);

    expect(next).toMatchObject({ kind: 'semiannual', year: 2027, title: 'Báo cáo 6 tháng đầu năm 2027' });
    expect(next?.dueLabel).toBe('hết ngày 9/6/2027');
    expect(iso(next?.opensAt)).toBe('2027-05-15T00:00:00.000+07:00');
    expect(iso(next?.dueAt)).toBe('2027-06-09T23:59:59.999+07:00');
    expect(iso(next?.dataWindow.from)).toBe('2026-12-01T00:00:00.000+07:00');
    expect(iso(next?.dataWindow.to)).toBe('2027-05-31T23:59:59.999+07:00');
  });

  test.each([
    ['2026-07-01T12:00:00+07:00', ['annual-2026', 'semiannual-2027'], 'nothing open: the next two deadlines'],
    ['2026-12-09T23:59:59+07:00', ['annual-2026', 'semiannual-2027'], 'last second before the deadline'],
    ['2026-12-10T08:00:00+07:00', ['annual-2026', 'semiannual-2027'], 'overdue but in its overdue window'],
    ['2026-12-14T07:59:59+07:00', ['annual-2026', 'semiannual-2027'], 'qua-3 (13/12 08:00) still in grace'],
    ['2026-12-14T00:59:59Z', ['annual-2026', 'semiannual-2027'], 'the same instant written in UTC'],
    ['2026-12-14T08:00:00+07:00', ['semiannual-2027', 'annual-2027'], 'overdue window over'],
    ['2026-12-31T12:00:00+07:00', ['semiannual-2027', 'annual-2027'], 'new year’s eve'],
    ['2027-01-01T00:00:00+07:00', ['semiannual-2027', 'annual-2027'], 'new year, local midnight'],
    ['2026-12-31T17:00:00Z', ['semiannual-2027', 'annual-2027'], 'new year locally while still 2026 in UTC'],
    [
      '2027-06-09T23:00:00+07:00',
      ['semiannual-2027', 'annual-2027'],
      'the last hour before the June deadline',
    ],
    ['2027-06-10T08:00:00+07:00', ['semiannual-2027', 'annual-2027'], 'first overdue stage of June'],
    ['2027-06-13T08:00:00+07:00', ['semiannual-2027', 'annual-2027'], 'June qua-3 (13/6 08:00) just due'],
    ['2027-06-14T08:00:00+07:00', ['annual-2027', 'semiannual-2028'], 'June round finished'],
    ['2027-11-15T00:00:00+07:00', ['annual-2027', 'semiannual-2028'], 'annual opens at local midnight'],
  ])('%s → %j (%s)', (now, ids) => {
    expect(periodicRounds(shipped, at(now)).map((r) => r.id)).toEqual(ids);
  });

  test('the December annual round and the next June round do not confuse years', () => {
    const rounds = periodicRounds(shipped, at('2026-12-31T23:59:00+07:00'));
    expect(rounds.map((r) => [r.id, iso(r.opensAt), iso(r.dueAt)])).toEqual([
      ['semiannual-2027', '2027-05-15T00:00:00.000+07:00', '2027-06-09T23:59:59.999+07:00'],
      ['annual-2027', '2027-11-15T00:00:00.000+07:00', '2027-12-09T23:59:59.999+07:00'],
    ]);
  });

  test('a round that opens across the new year and overlapping open rounds are all listed', () => {
    const s = parseSchedule(`
rounds:
  - kind: cuoi-nam
    title: "Báo cáo cuối năm {year}"
    flow: bao-cao
    opens: "20/12"
    dueBefore: "10/01"
    dataWindow: { from: "01/01", to: "31/12" }
  - kind: quy
    title: "Báo cáo quý {year}"
    flow: bao-cao
    opens: "01/12"
    dueBefore: "15/01"
    dataWindow: { from: "01/10", to: "31/12" }
  - kind: annual
    title: "Báo cáo năm {year}"
    flow: bao-cao
    opens: "15/11"
    dueBefore: "10/12"
    dataWindow: { from: "15/12", to: "14/12" }
`);
    const rounds = periodicRounds(s, at('2026-12-31T12:00:00+07:00'));
    const row = (r: (typeof rounds)[number]) => [r.id, iso(r.opensAt), iso(r.dueAt)];
    const window = (r: (typeof rounds)[number]) => [iso(r.dataWindow.from), iso(r.dataWindow.to)];
    expect(rounds.map(row)).toEqual([
      ['cuoi-nam-2027', '2026-12-20T00:00:00.000+07:00', '2027-01-09T23:59:59.999+07:00'],
      ['quy-2027', '2026-12-01T00:00:00.000+07:00', '2027-01-14T23:59:59.999+07:00'],
      // Both rounds above are open, so the next one to open is added.
      ['annual-2027', '2027-11-15T00:00:00.000+07:00', '2027-12-09T23:59:59.999+07:00'],
    ]);
    // A January deadline covers the year that just ended, not the one that just began.
    expect(rounds.map(window)).toEqual([
      ['2026-01-01T00:00:00.000+07:00', '2026-12-31T23:59:59.999+07:00'],
      ['2026-10-01T00:00:00.000+07:00', '2026-12-31T23:59:59.999+07:00'],
      ['2026-12-15T00:00:00.000+07:00', '2027-12-14T23:59:59.999+07:00'],
    ]);
  });
});

describe('roundForYear: leap years and weekends', () => {
  const endOfFeb = parseSchedule(`
rounds:
  - kind: thang-2
    title: "Báo cáo tháng 2/{year}"
    flow: bao-cao
    opens: "15/02"
    dueBefore: "01/03"
    dataWindow: { from: "01/02", to: "28/02" }
`).rounds[0];

  test.each([
    [2027, '2027-02-28T23:59:59.999+07:00', 'hết ngày 28/2/2027'],
    [2028, '2028-02-29T23:59:59.999+07:00', 'hết ngày 29/2/2028'],
    [2100, '2100-02-28T23:59:59.999+07:00', 'hết ngày 28/2/2100'],
  ])('dueBefore "01/03" in %i ends with February', (year, due, label) => {
    if (!endOfFeb) throw new Error('no round');
    const r = roundForYear(shipped, endOfFeb, year);
    expect(iso(r.dueAt)).toBe(due);
    expect(r.dueLabel).toBe(label);
  });

  test.each([
    [annual, 2028, '2028-12-09T23:59:59.999+07:00', 6],
    [annual, 2029, '2029-12-09T23:59:59.999+07:00', 7],
    [semiannual, 2029, '2029-06-09T23:59:59.999+07:00', 6],
    [semiannual, 2030, '2030-06-09T23:59:59.999+07:00', 7],
  ])('a last day on a weekend keeps its date (%#)', (kind, year, due, weekday) => {
    const r = roundForYear(shipped, kind, year);
    expect(iso(r.dueAt)).toBe(due);
    expect(r.dueAt.weekday).toBe(weekday);
    // "1 day before the 10th" is the last day itself, weekend or not; "han" is the named date.
    const stages = roundStages(r, shipped);
    const lastDay = stages.find((s) => s.stage.name === 'truoc-1');
    expect(iso(lastDay?.at)).toBe(`${due.slice(0, 10)}T08:00:00.000+07:00`);
    const han = stages.find((s) => s.stage.name === 'han');
    expect(han?.at.toISODate()).toBe(r.dueAt.plus({ days: 1 }).toISODate());
    expect(han?.overdue).toBe(true);
  });
});

describe('stage instants (annual 2026, "trước ngày 10/12")', () => {
  const round = roundForYear(shipped, annual, 2026);

  test("due date: the date named in the deadline, or the ad-hoc deadline's own day", () => {
    expect(iso(dueDate(round, shipped))).toBe('2026-12-10T00:00:00.000+07:00');
    const adHoc = (dueAt: string) =>
      iso(
        dueDate(
          adHocRound(shipped, {
            id: 'dx',
            title: 'x',
            opensAt: at('2026-12-01T09:00:00+07:00'),
            dueAt: at(dueAt),
          }),
          shipped,
        ),
      );
    expect(adHoc('2026-12-05T17:00:00+07:00')).toBe('2026-12-05T00:00:00.000+07:00');
    // "trước ngày 10/12" written as midnight is the same date as the end of 9/12.
    expect(adHoc('2026-12-10T00:00:00+07:00')).toBe('2026-12-10T00:00:00.000+07:00');
    // Read in the schedule zone: 10:00 UTC on 4/12 is 17:00 on 4/12 local, 17:00 UTC is 00:00 on 5/12.
    expect(adHoc('2026-12-04T10:00:00Z')).toBe('2026-12-04T00:00:00.000+07:00');
    expect(adHoc('2026-12-04T17:00:00Z')).toBe('2026-12-05T00:00:00.000+07:00');
  });

  test('each stage at 08:00 local; days count from 10/12; the 10th itself and later are overdue', () => {
    expect(roundStages(round, shipped).map((s) => [s.stage.name, iso(s.at), s.overdue])).toEqual([
      ['mo', '2026-11-15T08:00:00.000+07:00', false],
      ['truoc-7', '2026-12-03T08:00:00.000+07:00', false],
      ['truoc-3', '2026-12-07T08:00:00.000+07:00', false],
      ['truoc-1', '2026-12-09T08:00:00.000+07:00', false],
      ['han', '2026-12-10T08:00:00.000+07:00', true],
      ['qua-1', '2026-12-11T08:00:00.000+07:00', true],
      ['qua-3', '2026-12-13T08:00:00.000+07:00', true],
    ]);
    expect(iso(roundActiveUntil(round, shipped))).toBe('2026-12-14T08:00:00.000+07:00');
  });

  test('a send hour inside quiet hours moves to the end of the quiet period', () => {
    const late = withSchedule({ sendAt: { hour: 22, minute: 0 } });
    const early = withSchedule({ sendAt: { hour: 6, minute: 15 } });
    const truoc7 = round.reminderPlan[1];
    const truoc1 = round.reminderPlan[3];
    const han = round.reminderPlan[4];
    const qua1 = round.reminderPlan[5];
    if (!truoc7 || !truoc1 || !han || !qua1) throw new Error('plan');
    expect(iso(stageInstant(round, truoc7, late))).toBe('2026-12-04T07:00:00.000+07:00');
    expect(iso(stageInstant(round, truoc7, early))).toBe('2026-12-03T07:00:00.000+07:00');
    expect(iso(stageInstant(round, qua1, late))).toBe('2026-12-12T07:00:00.000+07:00');
    // 22:00 on 9/12 → 07:00 on 10/12 is after the deadline: a "last day today" message would be false.
    expect(stageInstant(round, truoc1, late)).toBeNull();
    // A days-0 stage is overdue anyway, so moving it later keeps it.
    expect(iso(stageInstant(round, han, late))).toBe('2026-12-11T07:00:00.000+07:00');
  });

  test('a per-stage time is used; quiet hours off leave it alone', () => {
    const lastDay = { name: 'truoc-1', from: 'due' as const, days: -1, time: { hour: 22, minute: 30 } };
    expect(iso(stageInstant(round, lastDay, withSchedule({ quietHours: null })))).toBe(
      '2026-12-09T22:30:00.000+07:00',
    );
    expect(stageInstant(round, lastDay, shipped)).toBeNull();
  });
});

describe('ad-hoc rounds', () => {
  test('leap day deadline: -1 on 28/02, due day 29/02, +1 on 01/03 2028', () => {
    const r = adHocRound(shipped, {
      id: 'dot-xuat-1',
      title: 'Báo cáo đột xuất',
      opensAt: at('2028-02-27T14:00:00+07:00'),
      dueAt: at('2028-02-29T17:00:00+07:00'),
    });
    expect(r.kind).toBe('dot-xuat');
    expect(roundStages(r, shipped).map((s) => [s.stage.name, iso(s.at), s.overdue])).toEqual([
      ['truoc-1', '2028-02-28T08:00:00.000+07:00', false],
      ['han', '2028-02-29T08:00:00.000+07:00', false],
      ['qua-1', '2028-03-01T08:00:00.000+07:00', true],
    ]);
  });

  test('in a common year the day after 28/02 is 01/03', () => {
    const r = adHocRound(shipped, {
      id: 'dx',
      title: 'x',
      opensAt: at('2027-02-20T09:00:00+07:00'),
      dueAt: at('2027-02-28T17:00:00+07:00'),
    });
    expect(roundStages(r, shipped).map((s) => iso(s.at))).toEqual([
      '2027-02-27T08:00:00.000+07:00',
      '2027-02-28T08:00:00.000+07:00',
      '2027-03-01T08:00:00.000+07:00',
    ]);
  });

  test('stages before creation are left out; a days-0 stage after the deadline is overdue', () => {
    const createdLate = adHocRound(shipped, {
      id: 'dx',
      title: 'x',
      opensAt: at('2028-02-28T22:30:00+07:00'),
      dueAt: at('2028-02-29T07:30:00+07:00'),
    });
    // truoc-1 (28/02 08:00) precedes creation; han (29/02 08:00) follows the 07:30 deadline.
    expect(roundStages(createdLate, shipped).map((s) => [s.stage.name, iso(s.at), s.overdue])).toEqual([
      ['han', '2028-02-29T08:00:00.000+07:00', true],
      ['qua-1', '2028-03-01T08:00:00.000+07:00', true],
    ]);
  });

  test('an "opened" stage of a round created at 22:30 goes out at 07:00 next morning', () => {
    const r = adHocRound(shipped, {
      id: 'dx',
      title: 'x',
      opensAt: at('2028-02-28T22:30:00+07:00'),
      dueAt: at('2028-03-03T17:00:00+07:00'),
      reminderPlan: [{ name: 'mo', from: 'opens', days: 0, time: null }],
    });
    expect(roundStages(r, shipped).map((s) => iso(s.at))).toEqual(['2028-02-29T07:00:00.000+07:00']);
    const afternoon = { ...r, opensAt: at('2028-02-28T14:10:00+07:00') };
    expect(roundStages(afternoon, shipped).map((s) => iso(s.at))).toEqual(['2028-02-28T14:10:00.000+07:00']);
  });

  test('instants given in another zone are read in the schedule zone', () => {
    const r = adHocRound(shipped, {
      id: 'dx',
      title: 'x',
      opensAt: at('2028-02-27T07:00:00Z'),
      dueAt: at('2028-02-29T10:00:00Z'), // 17:00 +07:00
    });
    expect(iso(r.dueAt)).toBe('2028-02-29T17:00:00.000+07:00');
    expect(roundStages(r, shipped).map((s) => iso(s.at))).toEqual([
      '2028-02-28T08:00:00.000+07:00',
      '2028-02-29T08:00:00.000+07:00',
      '2028-03-01T08:00:00.000+07:00',
    ]);
  });
});

describe('quiet hours', () => {
  test.each([
    ['2026-12-02T20:59:00+07:00', false, '2026-12-02T20:59:00.000+07:00'],
    ['2026-12-02T21:00:00+07:00', true, '2026-12-03T07:00:00.000+07:00'],
    ['2026-12-02T23:59:00+07:00', true, '2026-12-03T07:00:00.000+07:00'],
    ['2026-12-03T00:00:00+07:00', true, '2026-12-03T07:00:00.000+07:00'],
    ['2026-12-03T06:59:59+07:00', true, '2026-12-03T07:00:00.000+07:00'],
    ['2026-12-03T07:00:00+07:00', false, '2026-12-03T07:00:00.000+07:00'],
    ['2026-12-31T15:00:00Z', true, '2027-01-01T07:00:00.000+07:00'], // 22:00 local on new year's eve
  ])('default 21:00–07:00: %s quiet=%p → %s', (instant, quiet, next) => {
    expect(isQuietTime(at(instant), shipped)).toBe(quiet);
    expect(iso(nextAllowedTime(at(instant), shipped))).toBe(next);
  });

  const lunch = withSchedule({ quietHours: { from: { hour: 12, minute: 0 }, to: { hour: 13, minute: 30 } } });
  test.each([
    ['2026-12-02T11:59:00+07:00', false, '2026-12-02T11:59:00.000+07:00'],
    ['2026-12-02T12:00:00+07:00', true, '2026-12-02T13:30:00.000+07:00'],
    ['2026-12-02T13:29:00+07:00', true, '2026-12-02T13:30:00.000+07:00'],
    ['2026-12-02T22:00:00+07:00', false, '2026-12-02T22:00:00.000+07:00'],
  ])('a window not crossing midnight (12:00–13:30): %s', (instant, quiet, next) => {
    expect(isQuietTime(at(instant), lunch)).toBe(quiet);
    expect(iso(nextAllowedTime(at(instant), lunch))).toBe(next);
  });

  test('no quiet hours', () => {
    const none = withSchedule({ quietHours: null });
    expect(isQuietTime(at('2026-12-02T23:00:00+07:00'), none)).toBe(false);
  });
});
