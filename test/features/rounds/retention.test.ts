import path from 'node:path';
import { DateTime } from 'luxon';
import { purgeOldRecords, RETENTION } from '../../../src/features/rounds/retention';
import { loadSchedule } from '../../../src/scheduler';
import { annualRound2026, startTestApp, type TestApp, ZONE } from '../../support/start-test-app';

jest.setTimeout(60_000);

const at = (iso: string) => DateTime.fromISO(iso, { zone: ZONE });
const schedule = loadSchedule(path.resolve(__dirname, '../../../flows/schedule.yaml'));

/**
 * Retention on the real app and store, with reminders disabled (as startTestApp starts it): the
 * housekeeping schedule purges what may go and keeps the evidence, as of the injected clock.
 */
describe('retention', () => {
  let test: TestApp;
  beforeAll(async () => {
    test = await startTestApp({ at: '2026-11-26T10:00:00' });
  });
  afterAll(async () => {
    await test?.close();
  });

  it('purges old processed updates, expired web logins and ledgers of closed rounds; keeps the audit', async () => {
    const { repos, models } = test.app.store;
    const now = test.clock.now();
    // A round of last year, long closed, and this year's, open.
    const closed = annualRound2026({
      _id: 'annual-2025',
      year: 2025,
      title: 'Báo cáo năm 2025',
      opensAt: at('2025-11-15T00:00:00').toJSDate(),
      dueAt: at('2025-12-09T23:59:59.999').toJSDate(),
      dueLabel: 'trước ngày 10/12/2025',
    });
    await repos.rounds.ensure(closed);
    await repos.rounds.ensure(annualRound2026());
    for (const roundId of ['annual-2025', 'annual-2026']) {
      await repos.reminders.claim({
        roundId,
        stage: 'mo',
        recipientId: 'telegram:1',
        unitCode: 'ubnd',
        kind: 'unit',
        status: 'sent',
        at: now.minus({ days: 20 }).toJSDate(),
      });
    }
    await repos.processedUpdates.claim('telegram', 1, now.minus({ days: 8 }).toJSDate());
    await repos.processedUpdates.claim('telegram', 2, now.minus({ days: 1 }).toJSDate());
    // Webhook inbox: a handled entry is gone at once, one given up after a week; a pending one stays.
    const entry = (id: number) => ({
      _id: `telegram:${id}`,
      platform: 'telegram',
      chatKey: 'telegram:1',
      seq: id,
      payload: '{}',
      receivedAt: now.minus({ days: 10 }).toJSDate(),
    });
    for (const id of [11, 12, 13, 14]) await repos.webhookInbox.add(entry(id));
    await repos.webhookInbox.finish('telegram:14', 'done', now.toJSDate());
    await repos.webhookInbox.finish('telegram:11', 'failed', now.minus({ days: 8 }).toJSDate());
    await repos.webhookInbox.finish('telegram:12', 'failed', now.minus({ days: 6 }).toJSDate());
    const login = { kind: 'session' as const, contactId: 'telegram:1', at: now.toJSDate() };
    await repos.webLogins.create({ ...login, secret: 'old', expiresAt: now.minus({ hours: 1 }).toJSDate() });
    await repos.webLogins.create({ ...login, secret: 'live', expiresAt: now.plus({ hours: 1 }).toJSDate() });
    await repos.audit.record({
      at: now.minus({ years: 1 }).toJSDate(),
      actor: 'cli',
      channel: 'cli',
      action: 'units.loaded',
    });
    const auditBefore = await models.AuditEvent.countDocuments();

    // Reminders are disabled in this app: the housekeeping schedule runs all the same.
    expect(test.app.config.reminders.enabled).toBe(false);
    await test.app.housekeeping!.tick();
    expect(test.app.housekeeping!.lastRunAt()?.toISO()).toBe(now.toISO());

    expect((await repos.reminders.listByRound('annual-2025')).length).toBe(0);
    expect((await repos.reminders.listByRound('annual-2026')).length).toBe(1);
    expect(await models.ProcessedUpdate.find().distinct('_id')).toEqual(['telegram:2']);
    expect((await models.InboxEntry.find().distinct('_id')).sort()).toEqual(['telegram:12', 'telegram:13']);
    expect(await models.WebLogin.countDocuments()).toBe(1);
    expect(await models.AuditEvent.countDocuments()).toBe(auditBefore);
    expect(await repos.rounds.get('annual-2025')).not.toBeNull();
  });

  it('keeps a closed round ledger for a month after its last reminder could be due', async () => {
    const deps = { repos: test.app.store.repos, models: test.app.store.models, schedule };
    await test.app.store.repos.reminders.claim({
      roundId: 'annual-2026',
      stage: 'qua-han-3',
      recipientId: 'telegram:2',
      unitCode: 'ubnd',
      kind: 'unit',
      at: at('2026-12-13T08:00:00').toJSDate(),
    });
    // Mid January: the round closed in December, not yet a month ago.
    expect((await purgeOldRecords(deps, at('2027-01-05T03:30:00'))).reminderLedger).toBe(0);
    const later = await purgeOldRecords(deps, at('2027-03-01T03:30:00'));
    expect(later.closedRounds).toContain('annual-2026');
    expect(later.reminderLedger).toBe(2);
    expect(RETENTION.closedRoundLedgerDays).toBe(30);
  });
});
