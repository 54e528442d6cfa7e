import { DateTime } from 'luxon';
import { createDemoIdentities } from '../../../src/features/contacts/demo-identities';
import { openTestStore } from '../../support/store';

type TestStore = Awaited<ReturnType<typeof openTestStore>>;

describe('demo identities', () => {
  let store: TestStore;
  const now = () => DateTime.fromISO('2026-11-26T10:00:00Z');

  beforeAll(async () => {
    store = await openTestStore();
    await store.repos.units.upsertMany([
      { code: 'ubnd', name: 'Ủy ban nhân dân phường', kind: 'chinh-quyen' },
      { code: 'cu', name: 'Đơn vị đã giải thể', kind: 'chinh-quyen', active: false },
    ]);
  });

  afterAll(async () => {
    await store?.dropAndClose();
  });

  const demo = () => createDemoIdentities({ repos: store.repos, now });

  it('offers the active units only', async () => {
    expect((await demo().pickableUnits()).map((unit) => unit._id)).toEqual(['ubnd']);
    expect(await demo().unitName('ubnd')).toBe('Ủy ban nhân dân phường');
    expect(await demo().unitName(null)).toBeNull();
  });

  it('links a fresh web contact to the unit picked, audited as contact.linked', async () => {
    const outcome = await demo().pick({ unitCode: 'ubnd', name: '' });
    if (outcome.type !== 'done') throw new Error(outcome.type);
    const contact = (await store.repos.contacts.get(outcome.contact._id))!;
    expect(contact).toMatchObject({
      platform: 'web',
      unitCode: 'ubnd',
      role: 'contact',
      displayName: 'Người báo cáo (Ủy ban nhân dân phường)',
      active: true,
    });
    const events = await store.repos.audit.list({ unitCode: 'ubnd' });
    expect(events.map((event) => [event.action, event.actor, event.details])).toEqual([
      ['contact.linked', contact._id, { role: 'contact', source: 'web-demo' }],
    ]);
  });

  it('makes the secretariat pick a secretariat member, audited as role.granted', async () => {
    const outcome = await demo().pick({ unitCode: null, name: 'Chị Thư' });
    if (outcome.type !== 'done') throw new Error(outcome.type);
    expect(outcome.contact).toMatchObject({ role: 'secretariat', unitCode: null, displayName: 'Chị Thư' });
    const events = await store.repos.audit.list({});
    expect(events.some((e) => e.action === 'role.granted' && e.actor === outcome.contact._id)).toBe(true);
  });

  it('refuses an unknown or inactive unit and links nobody', async () => {
    const before = (await store.repos.contacts.list()).length;
    expect(await demo().pick({ unitCode: 'khong-co', name: '' })).toEqual({ type: 'unknown-unit' });
    expect(await demo().pick({ unitCode: 'cu', name: '' })).toEqual({ type: 'unknown-unit' });
    expect((await store.repos.contacts.list()).length).toBe(before);
  });

  it('retires a web contact when it leaves, never a platform contact', async () => {
    const outcome = await demo().pick({ unitCode: 'ubnd', name: '' });
    if (outcome.type !== 'done') throw new Error(outcome.type);
    await demo().retire(outcome.contact);
    expect((await store.repos.contacts.get(outcome.contact._id))?.active).toBe(false);
    const telegram = await store.repos.contacts.link({
      platform: 'telegram',
      userId: '9',
      chatId: '9',
      displayName: 'Telegram',
      unitCode: 'ubnd',
      role: 'contact',
    });
    await demo().retire(telegram);
    expect((await store.repos.contacts.get(telegram._id))?.active).toBe(true);
  });
});
