import { DateTime } from 'luxon';
import { parseDueDate } from '../../../src/features/requests/adhoc-due-date';
import { parseNumberList } from '../../../src/features/requests/chat/adhoc-request-wizard';
import { buildStatusBoard, formatStatusBoardText } from '../../../src/features/rounds/status-board';
import type { RoundDoc, SubmissionDoc, UnitDoc } from '../../../src/store/models';

const ZONE = 'Asia/Ho_Chi_Minh';
const due = new Date('2026-12-09T16:59:59.999Z');

function unit(code: string, kind: UnitDoc['kind'], active = true): UnitDoc {
  return {
    _id: code,
    name: `Đơn vị ${code}`,
    kind,
    group: '',
    active,
    order: 0,
    presetAnswers: {},
    createdAt: due,
    updatedAt: due,
  };
}

function submission(
  code: string,
  status: SubmissionDoc['status'],
  extra: Partial<SubmissionDoc> = {},
): SubmissionDoc {
  return {
    _id: `annual-2026:${code}`,
    roundId: 'annual-2026',
    unitCode: code,
    status,
    flowId: 'f',
    flowVersion: 1,
    brief: {},
    answeredCount: 0,
    totalCount: 30,
    version: 0,
    receiptNo: null,
    startedAt: null,
    submittedAt: null,
    submittedBy: null,
    returnedAt: null,
    returnReason: null,
    acceptedAt: null,
    ...extra,
  } as SubmissionDoc;
}

const round = {
  _id: 'annual-2026',
  title: 'Báo cáo năm 2026',
  dueAt: due,
  dueLabel: 'trước ngày 10/12/2026',
  targetKinds: ['to-chuc-dang', 'chinh-quyen'],
  targetUnitCodes: [],
  exemptUnitCodes: ['ex'],
} as unknown as RoundDoc;

const units = [
  unit('sub', 'to-chuc-dang'),
  unit('acc', 'to-chuc-dang'),
  unit('prog', 'to-chuc-dang'),
  unit('none', 'chinh-quyen'),
  unit('ret', 'to-chuc-dang'),
  unit('ex', 'to-chuc-dang'),
  unit('other-kind', 'mat-tran'),
  unit('inactive', 'to-chuc-dang', false),
];
const submissions = [
  submission('sub', 'submitted', { submittedAt: new Date('2026-12-10T02:00:00Z'), version: 2 }),
  submission('acc', 'accepted', { submittedAt: new Date('2026-12-01T02:00:00Z'), version: 1 }),
  submission('prog', 'in_progress', { answeredCount: 12 }),
  submission('ret', 'returned', { version: 1 }),
];

describe('status board', () => {
  test('before the deadline: one row per target unit, exempt shown, others left out, waiting units first', () => {
    const board = buildStatusBoard({
      round,
      units,
      submissions,
      contactsByUnit: new Map([['sub', 2]]),
      now: new Date('2026-12-05T00:00:00Z'),
    });
    expect(board.rows.map((r) => `${r.unitCode}:${r.status}`)).toEqual([
      'ret:returned',
      'none:not_started',
      'prog:in_progress',
      'sub:submitted',
      'acc:accepted',
      'ex:exempt',
    ]);
    expect(board.totals).toMatchObject({ targets: 5, finished: 2, exempt: 1, overdue: 0 });
    expect(board.rows.find((r) => r.unitCode === 'sub')).toMatchObject({
      contacts: 2,
      late: true,
      version: 2,
    });
  });

  test('after the deadline unfinished units are overdue and come first; the text keeps what they were doing', () => {
    const board = buildStatusBoard({
      round,
      units,
      submissions,
      contactsByUnit: new Map(),
      now: new Date('2026-12-10T05:00:00Z'),
    });
    expect(board.rows.slice(0, 3).map((r) => r.status)).toEqual(['overdue', 'overdue', 'overdue']);
    const text = formatStatusBoardText(board, 4096, ZONE).join('\n');
    expect(text).toContain('Đơn vị prog (prog) — quá hạn (đang soạn 12/30)');
    expect(text).toContain('Đơn vị ret (ret) — quá hạn (bị trả lại)');
    expect(text).toContain('Đơn vị sub (sub) — đã nộp 09:00 ngày 10/12/2026 (muộn), lần 2');
    expect(text).toContain('Đơn vị acc (acc) — đã tiếp nhận (nộp 09:00 ngày 1/12/2026)');
    expect(text).toContain('Đơn vị ex (ex) — miễn báo cáo');
    expect(text).toContain('Đã nộp 2/5 đơn vị');
  });

  test('a long board is split into messages under the limit without cutting a line', () => {
    const many = Array.from({ length: 200 }, (_, i) => unit(`kp${i}`, 'to-chuc-dang'));
    const board = buildStatusBoard({
      round,
      units: many,
      submissions: [],
      contactsByUnit: new Map(),
      now: due,
    });
    const messages = formatStatusBoardText(board, 1000, ZONE);
    expect(messages.length).toBeGreaterThan(5);
    for (const message of messages) expect(message.length).toBeLessThanOrEqual(1000);
    const lines = messages
      .join('\n')
      .split('\n')
      .filter((l) => l.includes('(kp'));
    expect(lines).toHaveLength(200);
  });
});

describe('ad-hoc request input', () => {
  const now = DateTime.fromISO('2026-11-20T09:00:00', { zone: ZONE });

  test.each([
    ['29/02/2027', 'tháng 2/2027 chỉ có 28 ngày'],
    ['31/04/2027', 'tháng 4/2027 chỉ có 30 ngày'],
    ['10/13/2026', 'Tháng 13 không có thật'],
    ['20/11/2026 08:59', 'đã qua'],
    ['19/11/2026', 'đã qua'],
    ['05/12/2026 24:00', 'không hợp lệ'],
    ['5-12', 'dd/mm/yyyy'],
  ])('%s is refused (%s)', (text, reason) => {
    const result = parseDueDate(text, now, ZONE);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toContain(reason);
  });

  test('a date alone is the end of that day; a time is taken as written, in the ward zone', () => {
    const day = parseDueDate('29/02/2028', now, ZONE);
    expect(day.ok && day.dueAt.toISO()).toBe('2028-02-29T23:59:59.999+07:00');
    const today = parseDueDate('20/11/2026', now, ZONE);
    expect(today.ok).toBe(true);
    const timed = parseDueDate('5/12/2026 17:30', now, ZONE);
    expect(timed.ok && timed.dueAt.toUTC().toISO()).toBe('2026-12-05T10:30:00.000Z');
  });

  test('number lists accept commas, spaces and ranges, and refuse anything out of range', () => {
    expect(parseNumberList('3, 1 5-6', 6)).toEqual([1, 3, 5, 6]);
    expect(parseNumberList('0', 6)).toBeNull();
    expect(parseNumberList('7', 6)).toBeNull();
    expect(parseNumberList('1, a', 6)).toBeNull();
    expect(parseNumberList('', 6)).toBeNull();
  });
});
