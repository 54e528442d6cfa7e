import './tz-utc';
import { type PlannedDigest, type PlannedReminder, planReminders } from '../../src/scheduler/plan-reminders';
import { adHocRound, periodicRounds, roundForYear } from '../../src/scheduler/round-calendar';
import { at, iso, REMINDED_CONTACTS, shipped, units, wardInput } from './fixtures';

const [semiannual, annual] = shipped.rounds;
if (!semiannual || !annual) throw new Error('shipped schedule lacks its two rounds');
const annual2026 = roundForYear(shipped, annual, 2026);
const semiannual2027 = roundForYear(shipped, semiannual, 2027);
const ROUNDS = [annual2026, semiannual2027];

const keys = (items: PlannedReminder[]) => items.map((p) => p.key);
const unitKeys = (roundId: string, stage: string) => REMINDED_CONTACTS.map((c) => `${roundId}:${stage}:${c}`);
const plan = (now: string, overrides = {}) => planReminders(wardInput(at(now), ROUNDS, overrides));

describe('what is due at an instant (annual 2026, shipped schedule, the test ward)', () => {
  test.each<[string, string, string[]]>([
    ['before the 7-day stage', '2026-12-03T07:59:59+07:00', []],
    [
      '7 days before "trước ngày 10/12" (3/12 08:00: the acceptance check of remind --dry-run)',
      '2026-12-03T08:00:00+07:00',
      unitKeys('annual-2026', 'truoc-7'),
    ],
    ['still in its 24 h grace', '2026-12-04T07:59:59+07:00', unitKeys('annual-2026', 'truoc-7')],
    ['grace over', '2026-12-04T08:00:00+07:00', []],
    [
      '3 days before (Monday 7/12), with one progress digest, not a weekly one as well',
      '2026-12-07T08:00:00+07:00',
      [...unitKeys('annual-2026', 'truoc-3'), 'annual-2026:tong-hop-truoc-3:s1'],
    ],
    ['1 day before: the last day 9/12', '2026-12-09T09:30:00+07:00', unitKeys('annual-2026', 'truoc-1')],
    [
      'on the named date 10/12 the deadline has passed: first overdue stage, with the late-units digest',
      '2026-12-10T08:00:00+07:00',
      [...unitKeys('annual-2026', 'han'), 'annual-2026:tong-hop-han:s1'],
    ],
    [
      '1 day after 11/12',
      '2026-12-11T08:00:00+07:00',
      [...unitKeys('annual-2026', 'qua-1'), 'annual-2026:tong-hop-qua-1:s1'],
    ],
    [
      '3 days after 13/12',
      '2026-12-13T08:00:00+07:00',
      [...unitKeys('annual-2026', 'qua-3'), 'annual-2026:tong-hop-qua-3:s1'],
    ],
    ['after the last stage', '2026-12-14T08:00:00+07:00', []],
    ['the opening day 15/11 (a Sunday)', '2026-11-15T08:00:00+07:00', unitKeys('annual-2026', 'mo')],
    ['first weekly digest, Monday 16/11', '2026-11-16T10:00:00+07:00', ['annual-2026:tuan-2026-11-16:s1']],
    ['weekly digest Monday 30/11', '2026-11-30T08:00:00+07:00', ['annual-2026:tuan-2026-11-30:s1']],
    ['today (26/11 10:00): nothing', '2026-11-26T10:00:00+07:00', []],
  ])('%s', (_name, now, expected) => {
    expect(keys(plan(now).due).sort()).toEqual([...expected].sort());
  });

  test('unit reminders carry the unit, its progress, the stage instant and overdue=false before the deadline', () => {
    const { due } = plan('2026-12-03T08:00:00+07:00');
    expect(
      due.map(
        (p) =>
          p.kind === 'unit-reminder' && [p.recipientId, p.unitCode, p.progress, p.overdue, iso(p.stageAt)],
      ),
    ).toEqual([
      ['c1', 'U01', { status: 'not_started', answered: 0, total: 0 }, false, '2026-12-03T08:00:00.000+07:00'],
      ['c2', 'U01', { status: 'not_started', answered: 0, total: 0 }, false, '2026-12-03T08:00:00.000+07:00'],
      ['c5', 'U04', { status: 'returned', answered: 10, total: 12 }, false, '2026-12-03T08:00:00.000+07:00'],
      [
        'c6',
        'U05',
        { status: 'in_progress', answered: 4, total: 20 },
        false,
        '2026-12-03T08:00:00.000+07:00',
      ],
    ]);
    for (const p of due) {
      expect(p).toMatchObject({ kind: 'unit-reminder', roundId: 'annual-2026', stage: 'truoc-7' });
      expect(p.key).toBe(`annual-2026:truoc-7:${p.recipientId}`);
    }
  });

  test('who gets nothing: submitted, accepted, exempt, inactive unit, inactive or blocked contact, not targeted', () => {
    const recipients = new Set(plan('2026-12-09T08:00:00+07:00').due.map((p) => p.recipientId));
    expect([...recipients].sort()).toEqual(['c1', 'c2', 'c5', 'c6']);
    for (const none of ['c3', 'c4', 'c7', 'c8', 'c9', 'c10', 'c11']) expect(recipients.has(none)).toBe(false);
  });

  test('a unit that submits stops receiving; one that is returned starts again', () => {
    const base = wardInput(at('2026-12-09T08:00:00+07:00'), ROUNDS);
    const submissions = base.submissions.map((s) =>
      s.unitCode === 'U04' && s.roundId === 'annual-2026'
        ? { ...s, status: 'accepted' as const }
        : s.unitCode === 'U02' && s.roundId === 'annual-2026'
          ? { ...s, status: 'returned' as const }
          : s,
    );
    const recipients = planReminders({ ...base, submissions }).due.map((p) => p.recipientId);
    expect(recipients.sort()).toEqual(['c1', 'c2', 'c3', 'c6']);
  });

  test('an exemption only covers its own round', () => {
    const base = wardInput(at('2026-12-09T08:00:00+07:00'), ROUNDS);
    const exemptions = [{ roundId: 'semiannual-2027', unitCode: 'U01' }];
    expect(
      planReminders({ ...base, exemptions })
        .due.map((p) => p.recipientId)
        .sort(),
    ).toEqual(['c1', 'c2', 'c5', 'c6', 'c7']);
  });

  test('a round with no targets entry reminds nobody', () => {
    expect(plan('2026-12-09T08:00:00+07:00', { targets: [] }).due).toEqual([]);
  });
});

describe('quiet hours and grace', () => {
  test.each<[string, number]>([
    ['2026-12-03T20:59:00+07:00', 4],
    ['2026-12-03T21:00:00+07:00', 0],
    ['2026-12-03T23:30:00+07:00', 0],
    ['2026-12-04T06:59:59+07:00', 0],
    ['2026-12-04T07:00:00+07:00', 4], // the stage (3/12 08:00) is still within 24 h: sent in the morning
    ['2026-12-03T14:00:00Z', 0], // 21:00 local, written in UTC
  ])('truoc-7 at %s: %i due', (now, count) => {
    expect(plan(now).due).toHaveLength(count);
  });

  test('missed stages older than 24 h are skipped, never sent in a burst', () => {
    // Bot back on 4/12 09:00 after being down since 14/11.
    const { due, skipped } = plan('2026-12-04T09:00:00+07:00');
    expect(due).toEqual([]);
    expect(keys(skipped)).toEqual([
      ...unitKeys('annual-2026', 'mo'),
      'annual-2026:tuan-2026-11-16:s1',
      'annual-2026:tuan-2026-11-23:s1',
      'annual-2026:tuan-2026-11-30:s1',
      ...unitKeys('annual-2026', 'truoc-7'),
    ]);
  });

  test('a stage missed by less than a day is sent once, older ones are skipped', () => {
    const { due, skipped } = plan('2026-12-11T20:00:00+07:00');
    expect(keys(due).sort()).toEqual(
      [...unitKeys('annual-2026', 'qua-1'), 'annual-2026:tong-hop-qua-1:s1'].sort(),
    );
    expect(new Set(skipped.map((p) => p.stage))).toEqual(
      new Set([
        'mo',
        'tuan-2026-11-16',
        'tuan-2026-11-23',
        'tuan-2026-11-30',
        'truoc-7',
        'tong-hop-truoc-3',
        'truoc-3',
        'truoc-1',
        'han',
        'tong-hop-han',
      ]),
    );
  });

  test('skipping is bookkeeping and still happens during quiet hours', () => {
    const { due, skipped } = plan('2026-12-04T23:00:00+07:00');
    expect(due).toEqual([]);
    expect(keys(skipped)).toContain('annual-2026:truoc-7:c1');
  });

  test('already recorded keys (sent or skipped) are not planned again; a second pass plans nothing', () => {
    const now = '2026-12-11T08:00:00+07:00';
    const first = plan(now, { alreadyRecorded: new Set(['annual-2026:qua-1:c1', 'annual-2026:mo:c2']) });
    expect(keys(first.due)).not.toContain('annual-2026:qua-1:c1');
    expect(keys(first.due)).toContain('annual-2026:qua-1:c2');
    expect(keys(first.skipped)).not.toContain('annual-2026:mo:c2');
    expect(keys(first.skipped)).toContain('annual-2026:mo:c1');
    const recorded = new Set([
      ...keys(first.due),
      ...keys(first.skipped),
      'annual-2026:qua-1:c1',
      'annual-2026:mo:c2',
    ]);
    expect(plan(now, { alreadyRecorded: recorded })).toEqual({ due: [], skipped: [] });
  });
});

describe('secretariat digests', () => {
  const digestOf = (items: PlannedReminder[]) =>
    items.filter((p): p is PlannedDigest => p.kind === 'secretariat-digest');

  test('late digest from the first overdue stage: late units, progress, contacts, unreachable units', () => {
    const digests = digestOf(plan('2026-12-10T08:00:00+07:00').due);
    expect(digests.map((d) => [d.key, d.recipientId, d.stage, d.overdue, d.unitCode])).toEqual([
      ['annual-2026:tong-hop-han:s1', 's1', 'tong-hop-han', true, null],
    ]);
    const d = digests[0]?.digest;
    expect(d).toMatchObject({
      type: 'late',
      roundId: 'annual-2026',
      roundTitle: 'Báo cáo năm 2026',
      counts: { expected: 6, done: 2, pending: 4, exempt: 1, unreachable: 1 },
      unreachable: ['U08'],
    });
    expect(iso(d?.dueAt)).toBe('2026-12-09T23:59:59.999+07:00');
    expect(d?.pending).toEqual([
      {
        unitCode: 'U01',
        status: 'not_started',
        answered: 0,
        total: 0,
        contacts: [
          { id: 'c1', reachable: true },
          { id: 'c2', reachable: true },
        ],
        reachable: true,
      },
      {
        unitCode: 'U04',
        status: 'returned',
        answered: 10,
        total: 12,
        contacts: [{ id: 'c5', reachable: true }],
        reachable: true,
      },
      {
        unitCode: 'U05',
        status: 'in_progress',
        answered: 4,
        total: 20,
        contacts: [{ id: 'c6', reachable: true }],
        reachable: true,
      },
      // c9 is inactive (not listed); c10 blocked the bot: nobody can be reached.
      {
        unitCode: 'U08',
        status: 'not_started',
        answered: 0,
        total: 0,
        contacts: [{ id: 'c10', reachable: false }],
        reachable: false,
      },
    ]);
  });

  test('progress digest 3 days before, to every active reachable member', () => {
    const secretariat = [
      { id: 's1', active: true, reachable: true },
      { id: 's4', active: true, reachable: true },
      { id: 's2', active: false, reachable: true },
    ];
    const digests = digestOf(plan('2026-12-07T08:00:00+07:00', { secretariat }).due);
    expect(digests.map((d) => [d.key, d.overdue, d.digest.type])).toEqual([
      ['annual-2026:tong-hop-truoc-3:s1', false, 'progress'],
      ['annual-2026:tong-hop-truoc-3:s4', false, 'progress'],
    ]);
    expect(digests[0]?.digest.pending.map((u) => u.unitCode)).toEqual(['U01', 'U04', 'U05', 'U08']);
  });

  test('no late digest when every expected unit submitted; progress digests still report', () => {
    const base = wardInput(at('2026-12-10T08:00:00+07:00'), ROUNDS);
    const submissions = units.map((u) => ({
      roundId: 'annual-2026',
      unitCode: u.code,
      status: 'submitted' as const,
      answered: 5,
      total: 5,
    }));
    expect(planReminders({ ...base, submissions }).due).toEqual([]);
    const progress = planReminders({ ...base, submissions, now: at('2026-11-30T08:00:00+07:00') }).due;
    expect(digestOf(progress).map((d) => [d.key, d.digest.counts])).toEqual([
      ['annual-2026:tuan-2026-11-30:s1', { expected: 6, done: 6, pending: 0, exempt: 1, unreachable: 0 }],
    ]);
  });

  test('a weekly digest on the day of the N-days-before digest is not sent twice', () => {
    // 2027 semiannual: "trước ngày 10/6" (Thu); 3 days before = Mon 7/6, the shipped weekly day.
    expect(shipped.secretariatDigest.weekday).toBe(1);
    const input = wardInput(at('2027-06-07T08:00:00+07:00'), [semiannual2027]);
    expect(keys(digestOf(planReminders(input).due))).toEqual(['semiannual-2027:tong-hop-truoc-3:s1']);
    // With the weekly digest on Sunday, both exist, on different days.
    const schedule = { ...shipped, secretariatDigest: { weekday: 7, daysBeforeDue: [3] } };
    const sunday = wardInput(at('2027-06-06T08:00:00+07:00'), [semiannual2027], { schedule });
    expect(keys(digestOf(planReminders(sunday).due))).toEqual(['semiannual-2027:tuan-2027-06-06:s1']);
  });
});

describe('year boundaries', () => {
  const passAt = (now: string) => planReminders(wardInput(at(now), periodicRounds(shipped, at(now))));

  test.each([
    ['2026-12-31T10:00:00+07:00', ['semiannual-2027', 'annual-2027']],
    ['2027-01-01T10:00:00+07:00', ['semiannual-2027', 'annual-2027']],
  ])('%s: rounds not yet open have nothing to send or skip', (now, ids) => {
    expect(periodicRounds(shipped, at(now)).map((r) => r.id)).toEqual(ids);
    expect(passAt(now)).toEqual({ due: [], skipped: [] });
  });

  test('2027-06-09 23:00 is quiet: nothing due although the last-day stage is in grace', () => {
    const { due, skipped } = passAt('2027-06-09T23:00:00+07:00');
    expect(due).toEqual([]);
    expect(keys(skipped)).not.toContain('semiannual-2027:truoc-1:c1');
  });

  test('2027-06-09 08:00: the June last-day stage', () => {
    expect(keys(passAt('2027-06-09T08:00:00+07:00').due).sort()).toEqual(
      unitKeys('semiannual-2027', 'truoc-1').sort(),
    );
  });

  test('2027-06-10 08:00: first overdue June stage is due, the last-day stage has just left its grace', () => {
    const { due, skipped } = passAt('2027-06-10T08:00:00+07:00');
    expect(keys(due).sort()).toEqual(
      [...unitKeys('semiannual-2027', 'han'), 'semiannual-2027:tong-hop-han:s1'].sort(),
    );
    expect(due.every((p) => p.overdue)).toBe(true);
    expect(keys(skipped)).toEqual(expect.arrayContaining(unitKeys('semiannual-2027', 'truoc-1')));
  });
});

describe('ad-hoc rounds', () => {
  const leap = adHocRound(shipped, {
    id: 'dot-xuat-2028-1',
    title: 'Báo cáo đột xuất về hội nghị đối thoại',
    opensAt: at('2028-02-27T14:00:00+07:00'),
    dueAt: at('2028-02-29T17:00:00+07:00'),
  });
  const adHocPass = (now: string) => planReminders(wardInput(at(now), [leap]));

  test.each<[string, string[]]>([
    // 28/02/2028 is a Monday: the weekly digest comes with the day-before reminder.
    [
      '2028-02-28T08:00:00+07:00',
      [...unitKeys('dot-xuat-2028-1', 'truoc-1'), 'dot-xuat-2028-1:tuan-2028-02-28:s1'],
    ],
    ['2028-02-29T08:00:00+07:00', unitKeys('dot-xuat-2028-1', 'han')],
    ['2028-02-29T16:59:00+07:00', unitKeys('dot-xuat-2028-1', 'han')],
    [
      '2028-03-01T08:00:00+07:00',
      [...unitKeys('dot-xuat-2028-1', 'qua-1'), 'dot-xuat-2028-1:tong-hop-qua-1:s1'],
    ],
    ['2028-02-27T15:00:00+07:00', []],
  ])('leap-day deadline, pass at %s', (now, expected) => {
    expect(keys(adHocPass(now).due).sort()).toEqual([...expected].sort());
  });

  test('the 3-days-before digest would precede creation, so it does not exist', () => {
    const all = planReminders(wardInput(at('2028-03-05T08:00:00+07:00'), [leap]));
    expect(all.skipped.some((p) => p.stage === 'tong-hop-truoc-3')).toBe(false);
    expect(new Set(all.skipped.map((p) => p.stage))).toEqual(
      new Set(['truoc-1', 'tuan-2028-02-28', 'han', 'qua-1', 'tong-hop-qua-1']),
    );
  });
});

test('a contact serving two units gets one reminder per stage (the ledger key is per recipient)', () => {
  const shared = [
    ...units,
    { code: 'U10', kind: 'co-quan', active: true, contacts: [{ id: 'c1', active: true, reachable: true }] },
  ];
  const base = wardInput(at('2026-12-09T08:00:00+07:00'), [annual2026], { units: shared });
  const due = planReminders({
    ...base,
    targets: [{ roundId: 'annual-2026', unitCodes: [...base.targets[0]!.unitCodes, 'U10'] }],
  }).due;
  expect(keys(due).filter((k) => k === 'annual-2026:truoc-1:c1')).toHaveLength(1);
  expect(due.find((p) => p.recipientId === 'c1')?.unitCode).toBe('U01');
});
