import path from 'node:path';
import { DateTime } from 'luxon';
import { auditActionLabel } from '../../../src/domain/audit-actions';
import { loadFlows } from '../../../src/engine';
import { setExemption } from '../../../src/features/rounds/exemptions';
import { createDashboard } from '../../../src/features/secretariat/dashboard';
import { submissionId } from '../../../src/store/repositories';
import { annualRound2026, ZONE } from '../../support/rounds';
import { openTestStore } from '../../support/store';

type TestStore = Awaited<ReturnType<typeof openTestStore>>;

const ROOT = path.resolve(__dirname, '..', '..', '..');
const at = DateTime.fromISO('2026-11-26T10:00:00', { zone: ZONE }).toJSDate();
const local = (iso: string) => DateTime.fromISO(iso, { zone: ZONE }).toJSDate();

describe('the dashboard use cases', () => {
  let store: TestStore;
  let dashboard: ReturnType<typeof createDashboard>;

  beforeAll(async () => {
    store = await openTestStore();
    const { repos } = store;
    await repos.units.upsertMany([
      {
        code: 'ubnd',
        name: 'Ủy ban nhân dân phường',
        kind: 'chinh-quyen',
        presetAnswers: { cq_don_vi: 'ubnd' },
      },
      { code: 'kp1', name: 'Chi bộ Khu phố 1', kind: 'to-chuc-dang' },
    ]);
    await repos.rounds.ensure(annualRound2026());
    // Next year's round (not open yet), last year's (closed) and an ad-hoc request.
    await repos.rounds.ensure(
      annualRound2026({
        _id: 'annual-2027',
        year: 2027,
        title: 'Báo cáo năm 2027',
        opensAt: local('2027-11-15'),
        dueAt: local('2027-12-09'),
      }),
    );
    await repos.rounds.ensure(
      annualRound2026({
        _id: 'annual-2025',
        year: 2025,
        title: 'Báo cáo năm 2025',
        opensAt: local('2025-11-15'),
        dueAt: local('2025-12-09'),
      }),
    );
    await repos.rounds.ensure(
      annualRound2026({
        _id: 'dx-1',
        kind: 'dot-xuat',
        title: 'Yêu cầu đột xuất',
        flowId: 'bao-cao-dot-xuat',
        opensAt: local('2026-11-20'),
        dueAt: local('2026-11-30'),
        targetKinds: [],
        targetUnitCodes: ['kp1', 'gone'],
      }),
    );
    dashboard = createDashboard({ repos, flows: await loadFlows(path.join(ROOT, 'flows')) });
  });

  afterAll(async () => {
    await store?.dropAndClose();
  });

  it('lists open rounds first, then those not open yet, then closed ones, each with its board', async () => {
    const rows = await dashboard.rounds(at);
    expect(rows.map((row) => row.round._id)).toEqual(['dx-1', 'annual-2026', 'annual-2027', 'annual-2025']);
    expect(rows.find((row) => row.round._id === 'annual-2026')?.board?.totals.targets).toBe(2);
  });

  it('lists ad-hoc requests only, with the names of the units asked', async () => {
    const rows = await dashboard.adhocRequests(at);
    expect(rows.map((row) => [row.round._id, row.targets])).toEqual([['dx-1', ['Chi bộ Khu phố 1', 'gone']]]);
  });

  it('shows one board, or nothing for an unknown round', async () => {
    expect((await dashboard.board('annual-2026', at))?.board.rows.map((row) => row.unitCode).sort()).toEqual([
      'kp1',
      'ubnd',
    ]);
    expect(await dashboard.board('khong-co', at)).toBeNull();
  });

  it("shows a unit's answers numbered as in chat (a units-file answer has no number)", async () => {
    const id = submissionId('annual-2026', 'ubnd');
    await store.repos.submissions.ensure({
      roundId: 'annual-2026',
      unitCode: 'ubnd',
      flowId: 'bao-cao-dan-chu-co-so',
      flowVersion: 1,
      totalCount: 10,
    });
    await store.repos.answers.save({
      submissionId: id,
      questionId: 'cq_don_vi',
      value: 'ubnd',
      by: 'system',
      channel: 'system',
      at,
    });
    const found = await dashboard.unitReport('annual-2026', 'ubnd', at);
    expect(found?.view).toMatchObject({
      unitName: 'Ủy ban nhân dân phường',
      unitCode: 'ubnd',
      receiptNo: null,
    });
    const items = found!.view.sections.flatMap((section) => section.items);
    expect(items.find((item) => item.value !== null)).toMatchObject({
      number: null,
      value: 'Ủy ban nhân dân phường',
    });
    expect((await dashboard.unitReport('annual-2026', 'kp1', at))?.view.sections).toEqual([]);
    expect(await dashboard.unitReport('annual-2026', 'khong-co', at)).toBeNull();
    expect(await dashboard.unitReport('khong-co', 'ubnd', at)).toBeNull();
  });

  it('exempts through the same use case and audit actions as the CLI', async () => {
    const outcome = await dashboard.setExemption({
      roundId: 'annual-2026',
      unitCode: 'kp1',
      exempt: true,
      actor: 'web:thu-ky',
      channel: 'web',
      at,
    });
    expect(outcome.type).toBe('done');
    expect((await dashboard.unitReport('annual-2026', 'kp1', at))?.view.status).toBe('exempt');
    await setExemption(store.repos, {
      roundId: 'annual-2026',
      unitCode: 'kp1',
      exempt: false,
      actor: 'cli',
      channel: 'cli',
      at,
    });
    const events = await store.repos.audit.list({ roundId: 'annual-2026', unitCode: 'kp1' });
    expect(events.map((event) => [event.action, event.channel])).toEqual([
      ['round.exempted', 'web'],
      ['round.exemption-removed', 'cli'],
    ]);
    expect(
      await dashboard.setExemption({
        roundId: 'annual-2026',
        unitCode: 'khong-co',
        exempt: true,
        actor: 'cli',
        channel: 'cli',
        at,
      }),
    ).toEqual({ type: 'unknown-unit' });
  });

  it('lists the latest audit events with names for actors and units, and says when there are more', async () => {
    for (let minute = 1; minute <= 3; minute++) {
      await store.repos.audit.record({
        at: new Date(at.getTime() + minute * 60_000),
        actor: minute === 3 ? 'system' : 'cli',
        channel: 'cli',
        action: 'reminders.pass',
        roundId: 'annual-2026',
        unitCode: 'ubnd',
        details: { minute },
      });
    }
    const trail = await dashboard.auditTrail({ roundId: 'annual-2026', limit: 2 });
    expect(trail?.round?._id).toBe('annual-2026');
    expect(trail?.truncated).toBe(true);
    expect(trail?.events.map((event) => event.details.minute)).toEqual([3, 2]);
    expect(trail?.names.get('system')).toBe('Hệ thống');
    expect(trail?.names.get('unit:ubnd')).toBe('Ủy ban nhân dân phường');
    expect(auditActionLabel(trail!.events[0]!.action)).toBe('Gửi nhắc nhở');
    const all = await dashboard.auditTrail({ roundId: null, limit: 300 });
    expect(all?.truncated).toBe(false);
    expect(all?.round).toBeNull();
    expect(await dashboard.auditTrail({ roundId: 'khong-co', limit: 300 })).toBeNull();
  });
});
