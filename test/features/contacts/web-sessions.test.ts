import { DateTime } from 'luxon';
import { createLoginLinks, createWebSessions } from '../../../src/features/contacts/web-sessions';
import { openTestStore } from '../../support/store';

type TestStore = Awaited<ReturnType<typeof openTestStore>>;

describe('web sessions and login links', () => {
  let store: TestStore;
  const clock = { current: DateTime.fromISO('2026-11-26T10:00:00Z') };
  const now = () => clock.current;
  const SECRETARY = 'telegram:1';
  const CONTACT = 'telegram:2';

  beforeAll(async () => {
    store = await openTestStore();
    const base = { platform: 'telegram' as const, unitCode: null };
    await store.repos.contacts.link({
      ...base,
      userId: '1',
      chatId: '1',
      displayName: 'Thư ký',
      role: 'secretariat',
    });
    await store.repos.contacts.link({
      ...base,
      userId: '2',
      chatId: '2',
      displayName: 'Đơn vị',
      role: 'contact',
    });
  });

  afterAll(async () => {
    await store?.dropAndClose();
  });

  const links = () => createLoginLinks({ repos: store.repos, now, baseUrl: () => 'https://bc.example/' });
  const codeOf = (url: string) => new URL(url).searchParams.get('ma')!;

  it('opens a session whose contact is re-read every time, and closes it', async () => {
    const sessions = createWebSessions({ repos: store.repos, now, mode: 'login' });
    const opened = await sessions.open(SECRETARY);
    expect(opened.maxAgeSeconds).toBe(12 * 3600);
    expect((await sessions.contactOf(opened.secret))?._id).toBe(SECRETARY);
    await store.repos.contacts.setActive(SECRETARY, false);
    expect(await sessions.contactOf(opened.secret)).toBeNull();
    await store.repos.contacts.setActive(SECRETARY, true);
    await sessions.close(opened.secret);
    expect(await sessions.contactOf(opened.secret)).toBeNull();
  });

  it('keeps a demo pick for a week', async () => {
    const sessions = createWebSessions({ repos: store.repos, now, mode: 'demo' });
    expect((await sessions.open(CONTACT)).maxAgeSeconds).toBe(7 * 24 * 3600);
  });

  it('logs a secretariat member in once per link, and audits it', async () => {
    const sessions = createWebSessions({ repos: store.repos, now, mode: 'login' });
    const url = await links().createDashboardLoginLink(SECRETARY);
    expect(url.startsWith('https://bc.example/bang-dieu-khien/dang-nhap?ma=')).toBe(true);
    const login = await sessions.logInWithLink(codeOf(url));
    expect(login?.contact._id).toBe(SECRETARY);
    expect((await sessions.contactOf(login!.session.secret))?._id).toBe(SECRETARY);
    expect(await sessions.logInWithLink(codeOf(url))).toBeNull();
    const events = await store.repos.audit.list({});
    expect(events.filter((event) => event.action === 'web.login').map((event) => event.actor)).toEqual([
      SECRETARY,
    ]);
  });

  it('refuses an expired link, a link of a unit contact, and codes that are not links', async () => {
    const sessions = createWebSessions({ repos: store.repos, now, mode: 'login' });
    const expired = await links().createDashboardLoginLink(SECRETARY);
    const unitContact = await links().createDashboardLoginLink(CONTACT);
    clock.current = clock.current.plus({ minutes: 16 });
    try {
      expect(await sessions.logInWithLink(codeOf(expired))).toBeNull();
    } finally {
      clock.current = clock.current.minus({ minutes: 16 });
    }
    expect(await sessions.logInWithLink(codeOf(unitContact))).toBeNull();
    expect(await sessions.logInWithLink('')).toBeNull();
    expect(await sessions.logInWithLink('x'.repeat(101))).toBeNull();
    const session = await sessions.open(SECRETARY);
    // A session's secret is not a login link.
    expect(await sessions.logInWithLink(session.secret)).toBeNull();
  });
});
