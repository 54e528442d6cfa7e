import './tz-utc';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { loadSchedule, parseSchedule, ScheduleError } from '../../src/scheduler/load-schedule';
import {
  DEFAULT_AD_HOC_REMINDER_PLAN,
  DEFAULT_REMINDER_PLAN,
  UNIT_KINDS,
} from '../../src/scheduler/schedule-schema';
import { SCHEDULE_FILE, shipped } from './fixtures';

const shippedText = readFileSync(SCHEDULE_FILE, 'utf8');
const LABEL = 'flows/schedule.yaml';
// biome-ignore lint/suspicious/noExplicitAny: tests poke arbitrary, often invalid, values into the parsed YAML
type YamlDoc = any;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'baocao-schedule-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes a broken copy of the shipped file to the temp dir and loads it under the usual label. */
function loadMutated(mutate: (doc: YamlDoc) => void): () => unknown {
  const doc = parse(shippedText) as YamlDoc;
  mutate(doc);
  const file = path.join(dir, `schedule-${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(file, stringify(doc));
  return () => loadSchedule(file, LABEL);
}

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof ScheduleError) return e.problems;
    throw e;
  }
  throw new Error('expected a ScheduleError');
}

describe('the shipped flows/schedule.yaml', () => {
  test('loads with the values of Công văn 109 §7', () => {
    expect(shipped.timezone).toBe('Asia/Ho_Chi_Minh');
    expect(shipped.sendAt).toEqual({ hour: 8, minute: 0 });
    expect(shipped.quietHours).toEqual({ from: { hour: 21, minute: 0 }, to: { hour: 7, minute: 0 } });
    expect(shipped.secretariatDigest).toEqual({ weekday: 1, daysBeforeDue: [3] });
    expect(shipped.rounds.map((r) => [r.kind, r.flowId, r.opens, r.dueBefore, r.dataWindow])).toEqual([
      [
        'semiannual',
        'bao-cao-dan-chu-co-so',
        { day: 15, month: 5 },
        { day: 10, month: 6 },
        { from: { day: 1, month: 12 }, to: { day: 31, month: 5 } },
      ],
      [
        'annual',
        'bao-cao-dan-chu-co-so',
        { day: 15, month: 11 },
        { day: 10, month: 12 },
        { from: { day: 1, month: 12 }, to: { day: 30, month: 11 } },
      ],
    ]);
    for (const r of shipped.rounds) {
      expect(r.targetKinds).toEqual([...UNIT_KINDS]);
      expect(r.reminders).toEqual(DEFAULT_REMINDER_PLAN);
    }
    expect(shipped.rounds.map((r) => r.title)).toEqual([
      'Báo cáo 6 tháng đầu năm {year}',
      'Báo cáo năm {year}',
    ]);
    expect(shipped.adHoc.reminders).toEqual(DEFAULT_AD_HOC_REMINDER_PLAN);
  });

  test('the default plan is opened, -7, -3, -1, due day, +1, +3', () => {
    expect(DEFAULT_REMINDER_PLAN.map((s) => `${s.name}:${s.from}${s.days}`)).toEqual([
      'mo:opens0',
      'truoc-7:due-7',
      'truoc-3:due-3',
      'truoc-1:due-1',
      'han:due0',
      'qua-1:due1',
      'qua-3:due3',
    ]);
    expect(DEFAULT_AD_HOC_REMINDER_PLAN.map((s) => `${s.name}:${s.days}`)).toEqual([
      'truoc-1:-1',
      'han:0',
      'qua-1:1',
    ]);
  });
});

describe('defaults', () => {
  test('a file with only round dates gets every default', () => {
    const s = parseSchedule(
      'rounds:\n  - kind: annual\n    title: "Báo cáo năm {year}"\n    flow: bao-cao\n    opens: "15/11"\n    dueBefore: "10/12"\n    dataWindow: { from: "15/12", to: "14/12" }\n',
    );
    expect(s.timezone).toBe('Asia/Ho_Chi_Minh');
    expect(s.sendAt).toEqual({ hour: 8, minute: 0 });
    expect(s.quietHours).toEqual({ from: { hour: 21, minute: 0 }, to: { hour: 7, minute: 0 } });
    expect(s.secretariatDigest).toEqual({ weekday: 1, daysBeforeDue: [3] });
    expect(s.rounds[0]?.targetKinds).toEqual([...UNIT_KINDS]);
    expect(s.rounds[0]?.reminders).toEqual(DEFAULT_REMINDER_PLAN);
    expect(s.adHoc.reminders).toEqual(DEFAULT_AD_HOC_REMINDER_PLAN);
  });

  test.each([
    ['thu-hai', 1],
    ['Thứ Hai', 1],
    ['thứ tư', 3],
    ['Chủ nhật', 7],
    ['chu-nhat', 7],
    [5, 5],
    [null, null],
  ])('digest weekday %p → %p', (weekday, expected) => {
    const doc = parse(shippedText);
    doc.secretariatDigest.weekday = weekday;
    expect(parseSchedule(stringify(doc)).secretariatDigest.weekday).toBe(expected);
  });

  test('quietHours: null disables quiet hours; stage time overrides are parsed', () => {
    const doc = parse(shippedText);
    doc.quietHours = null;
    doc.adHoc.reminders[1].time = '16:30';
    const s = parseSchedule(stringify(doc));
    expect(s.quietHours).toBeNull();
    expect(s.adHoc.reminders[1]).toEqual({
      name: 'han',
      from: 'due',
      days: 0,
      time: { hour: 16, minute: 30 },
    });
  });
});

describe('loader errors name the file and the path', () => {
  test.each<[string, (d: YamlDoc) => void, string]>([
    [
      'a date not in dd/mm',
      (d) => (d.rounds[1].opens = '15-11'),
      'flows/schedule.yaml: rounds[1].opens: expected "dd/mm"',
    ],
    [
      'a leap day in a recurring date',
      (d) => (d.rounds[0].dueBefore = '29/02'),
      'flows/schedule.yaml: rounds[0].dueBefore: "29/02" does not exist every year; use "28/02" or "01/03" (dueBefore "01/03" = end of February)',
    ],
    [
      'a day that never exists',
      (d) => (d.rounds[0].opens = '31/04'),
      'flows/schedule.yaml: rounds[0].opens: no such day "31/04"',
    ],
    [
      'month 13',
      (d) => (d.rounds[1].dataWindow.to = '14/13'),
      'flows/schedule.yaml: rounds[1].dataWindow.to: no month 13 in "14/13"',
    ],
    [
      'an unquoted number',
      (d) => (d.rounds[0].opens = 15),
      'flows/schedule.yaml: rounds[0].opens: expected "dd/mm" (a quoted day/month such as "15/05")',
    ],
    [
      'a bad send time',
      (d) => (d.sendAt = '8h'),
      'flows/schedule.yaml: sendAt: expected "HH:mm" between 00:00 and 23:59',
    ],
    [
      'hour 24',
      (d) => (d.quietHours.from = '24:00'),
      'flows/schedule.yaml: quietHours.from: expected "HH:mm" between 00:00 and 23:59',
    ],
    [
      'empty quiet hours',
      (d) => (d.quietHours = { from: '07:00', to: '07:00' }),
      'flows/schedule.yaml: quietHours: quiet hours "from" and "to" must differ (write quietHours: null for none)',
    ],
    [
      'an unknown zone',
      (d) => (d.timezone = 'Asia/Hanoi'),
      'flows/schedule.yaml: timezone: expected an IANA time zone such as "Asia/Ho_Chi_Minh"',
    ],
    [
      'a duplicate stage',
      (d) => (d.rounds[0].reminders[2].stage = 'truoc-7'),
      'flows/schedule.yaml: rounds[0].reminders[2].stage: duplicate stage "truoc-7"',
    ],
    [
      'a stage named like a digest',
      (d) => (d.adHoc.reminders[0].stage = 'tong-hop-x'),
      'flows/schedule.yaml: adHoc.reminders[0].stage: names starting with "tong-hop-" or "tuan-" are reserved for secretariat digests',
    ],
    [
      'a stage name with a colon (it would break ledger keys)',
      (d) => (d.rounds[1].reminders[0].stage = 'mo:1'),
      'flows/schedule.yaml: rounds[1].reminders[0].stage: expected a stage name (lowercase letters, digits and "-", e.g. "truoc-7")',
    ],
    [
      'a stage before opening',
      (d) => (d.rounds[1].reminders[0].days = -1),
      'flows/schedule.yaml: rounds[1].reminders[0].days: a stage "from: opens" cannot be before opening',
    ],
    [
      'fractional days',
      (d) => (d.rounds[1].reminders[1].days = 1.5),
      'flows/schedule.yaml: rounds[1].reminders[1].days: expected a whole number of days',
    ],
    [
      'an unknown unit kind',
      (d) => (d.rounds[0].targetKinds = ['chinh-quyen', 'phuong']),
      'flows/schedule.yaml: rounds[0].targetKinds[1]: expected one of chinh-quyen, co-quan-tham-muu, co-quan, doanh-nghiep, to-chuc-dang, mat-tran',
    ],
    [
      'a duplicate kind',
      (d) => (d.rounds[1].kind = 'semiannual'),
      'flows/schedule.yaml: rounds[1].kind: duplicate kind "semiannual"',
    ],
    [
      'the ad-hoc kind',
      (d) => (d.rounds[0].kind = 'dot-xuat'),
      'flows/schedule.yaml: rounds[0].kind: "dot-xuat" is reserved for ad-hoc rounds',
    ],
    [
      'opening on the due date',
      (d) => (d.rounds[0].opens = '10/06'),
      'flows/schedule.yaml: rounds[0].opens: a round cannot open on its "dueBefore" day',
    ],
    [
      'an unknown weekday',
      (d) => (d.secretariatDigest.weekday = 'thu-tam'),
      'flows/schedule.yaml: secretariatDigest.weekday: expected a weekday such as "thu-hai" … "chu-nhat", got "thu-tam"',
    ],
    [
      'a misspelt key',
      (d) => (d.rounds[0].dueBfore = '10/06'),
      'flows/schedule.yaml: rounds[0]: Unrecognized key: "dueBfore"',
    ],
    [
      'an empty plan',
      (d) => (d.adHoc.reminders = []),
      'flows/schedule.yaml: adHoc.reminders: expected at least one stage',
    ],
  ])('%s', (_name, mutate, message) => {
    expect(problemsOf(loadMutated(mutate))).toContain(message);
  });

  test('every problem is reported at once, and the Error message lists them', () => {
    const load = loadMutated((d) => {
      d.rounds[0].opens = 'x';
      d.rounds[1].dueBefore = '32/12';
    });
    expect(problemsOf(load)).toEqual([
      'flows/schedule.yaml: rounds[0].opens: expected "dd/mm"',
      'flows/schedule.yaml: rounds[1].dueBefore: no such day "32/12"',
    ]);
    expect(load).toThrow(/flows\/schedule\.yaml: 2 problems\n.*rounds\[0\]\.opens/);
  });

  test('a missing required field is named', () => {
    expect(problemsOf(loadMutated((d) => delete d.rounds[1].dueBefore))).toEqual([
      expect.stringMatching(/^flows\/schedule\.yaml: rounds\[1\]\.dueBefore: /),
    ]);
  });

  test('YAML syntax errors give the line', () => {
    const file = path.join(dir, 'syntax.yaml');
    writeFileSync(file, 'timezone: Asia/Ho_Chi_Minh\nrounds:\n  - kind: [annual\n');
    const problems = problemsOf(() => loadSchedule(file, LABEL));
    expect(problems[0]).toMatch(/^flows\/schedule\.yaml: line \d+, column \d+: /);
  });

  test('without a label the real path is named', () => {
    const file = path.join(dir, 'bad-send.yaml');
    writeFileSync(file, shippedText.replace('sendAt: "08:00"', 'sendAt: "8 giờ"'));
    expect(() => loadSchedule(file)).toThrow(`${file}: sendAt: expected "HH:mm" between 00:00 and 23:59`);
  });

  test('a missing file is a ScheduleError naming it', () => {
    const file = path.join(dir, 'nope.yaml');
    expect(problemsOf(() => loadSchedule(file, LABEL))[0]).toMatch(
      /^flows\/schedule\.yaml: cannot read the file \(ENOENT/,
    );
  });
});
