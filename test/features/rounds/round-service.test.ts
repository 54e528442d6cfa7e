import path from 'node:path';
import { DateTime } from 'luxon';
import { type FlowCatalog, loadFlows } from '../../../src/engine';
import { createRoundService } from '../../../src/features/rounds/round-service';
import { loadSchedule } from '../../../src/scheduler';
import type { Store } from '../../../src/store/connect';
import { openTestStore, silentLogger } from '../../support/store';

const FLOWS_DIR = path.join(__dirname, '..', '..', '..', 'flows');
const schedule = loadSchedule(path.join(FLOWS_DIR, 'schedule.yaml'));
const at = (iso: string) => DateTime.fromISO(iso, { setZone: true });

let flows: FlowCatalog;
let store: Store & { dropAndClose(): Promise<void> };

beforeAll(async () => {
  flows = await loadFlows(FLOWS_DIR);
});
beforeEach(async () => {
  store = await openTestStore();
  await store.repos.units.upsertMany([
    { code: 'cb-kp1', name: 'Chi bộ Khu phố 1', kind: 'to-chuc-dang' },
    { code: 'cty-abc', name: 'Công ty ABC', kind: 'doanh-nghiep' },
    { code: 'cu', name: 'Đơn vị đã giải thể', kind: 'co-quan', active: false },
  ]);
});
afterEach(() => store.dropAndClose());

const service = () => createRoundService({ repos: store.repos, flows, schedule, logger: silentLogger });

test('26/11/2026: creates annual-2026 and semiannual-2027 with their submissions, once', async () => {
  const rounds = service();
  const first = await rounds.ensurePeriodicRounds(at('2026-11-26T10:00:00+07:00'));
  expect(first.roundIds).toEqual(['annual-2026', 'semiannual-2027']);
  expect(first.createdRounds).toEqual(['annual-2026', 'semiannual-2027']);
  expect(first.createdSubmissions.sort()).toEqual([
    'annual-2026:cb-kp1',
    'annual-2026:cty-abc',
    'semiannual-2027:cb-kp1',
    'semiannual-2027:cty-abc',
  ]);

  const annual = await store.repos.rounds.get('annual-2026');
  expect(annual).toMatchObject({
    kind: 'annual',
    year: 2026,
    title: 'Báo cáo năm 2026',
    flowId: 'bao-cao-dan-chu-co-so',
    dueLabel: 'hết ngày 9/12/2026',
    sections: [],
    reminderPlan: ['mo', 'truoc-7', 'truoc-3', 'truoc-1', 'han', 'qua-1', 'qua-3'],
  });
  expect(annual?.dueAt.toISOString()).toBe('2026-12-09T16:59:59.999Z');
  // data window 01/12/2025 – 30/11/2026 (flows/schedule.yaml), before the 10/12 deadline
  expect(annual?.dataFrom?.toISOString()).toBe('2025-11-30T17:00:00.000Z');
  expect(annual?.dataTo?.toISOString()).toBe('2026-11-30T16:59:59.999Z');

  // Total = the questions this unit kind must answer, from the engine.
  const sub = await store.repos.submissions.get('annual-2026:cb-kp1');
  expect(sub).toMatchObject({ status: 'not_started', answeredCount: 0 });
  expect(sub?.totalCount).toBeGreaterThan(5);

  const second = await rounds.ensurePeriodicRounds(at('2026-11-26T10:05:00+07:00'));
  expect(second).toEqual({
    roundIds: ['annual-2026', 'semiannual-2027'],
    createdRounds: [],
    createdSubmissions: [],
  });
});

test('a unit added after the round opened joins it; an exempt unit gets no submission', async () => {
  const rounds = service();
  await rounds.ensurePeriodicRounds(at('2026-11-20T10:00:00+07:00'));
  await store.repos.units.upsertMany([
    { code: 'hoi-nd', name: 'Hội Nông dân', kind: 'mat-tran' },
    { code: 'truong', name: 'Trường Tiểu học', kind: 'co-quan' },
  ]);
  await store.repos.rounds.setExempt('annual-2026', 'truong', true);
  const later = await rounds.ensurePeriodicRounds(at('2026-11-26T10:00:00+07:00'));
  expect(later.createdSubmissions.sort()).toEqual([
    'annual-2026:hoi-nd',
    'semiannual-2027:hoi-nd',
    'semiannual-2027:truong',
  ]);
});

test('concurrent creation creates each round and submission once', async () => {
  const now = at('2026-11-26T10:00:00+07:00');
  const [a, b] = await Promise.all([
    service().ensurePeriodicRounds(now),
    service().ensurePeriodicRounds(now),
  ]);
  expect([...a.createdRounds, ...b.createdRounds].sort()).toEqual(['annual-2026', 'semiannual-2027']);
  expect((await store.repos.submissions.listByRound('annual-2026')).length).toBe(2);
});

test('roundInfo resolves stage names against the schedule (ad-hoc plan for dot-xuat)', async () => {
  const rounds = service();
  await rounds.ensurePeriodicRounds(at('2026-11-26T10:00:00+07:00'));
  const annual = await store.repos.rounds.get('annual-2026');
  if (!annual) throw new Error('no round');
  const info = rounds.roundInfo({ ...annual, reminderPlan: ['truoc-7', 'qua-1', 'renamed'] });
  expect(info.reminderPlan.map((s) => [s.name, s.days])).toEqual([
    ['truoc-7', -7],
    ['qua-1', 1],
  ]);
  expect(info.dueAt.toISO()).toBe('2026-12-09T23:59:59.999+07:00');
  const adHoc = rounds.roundInfo({ ...annual, _id: 'dx-1', kind: 'dot-xuat', reminderPlan: [] });
  expect(adHoc.reminderPlan.map((s) => s.name)).toEqual(['truoc-1', 'han', 'qua-1']);
});
