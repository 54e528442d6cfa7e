import { startWebHarness, type WebHarness } from '../support/browser';
import { openSecondConnection } from '../support/store';

/**
 * Production (login) mode over plain HTTP: no browser needed. The web chat is closed, and the
 * dashboard opens only through a one-time link sent to a secretariat member.
 */
describe('web channel in login mode', () => {
  let harness: WebHarness;
  const SECRETARY = 'telegram:4242';

  beforeAll(async () => {
    harness = await startWebHarness('login');
    const { repos } = harness.store;
    await repos.contacts.link({
      platform: 'telegram',
      userId: '4242',
      chatId: '4242',
      displayName: 'Lê Thị Thư Ký',
      unitCode: null,
      role: 'secretariat',
    });
    await repos.contacts.link({
      platform: 'telegram',
      userId: '777',
      chatId: '777',
      displayName: 'Phạm Văn Đơn Vị',
      unitCode: 'ubnd',
      role: 'contact',
    });
  });

  afterAll(async () => {
    await harness?.close();
  });

  const get = (path: string, cookie?: string) =>
    fetch(`${harness.base}${path}`, { headers: cookie ? { cookie } : {}, redirect: 'manual' });
  const post = (path: string, form: Record<string, string>, cookie?: string) =>
    fetch(`${harness.base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) },
      body: new URLSearchParams(form).toString(),
      redirect: 'manual',
    });
  const codeOf = (url: string) => new URL(url).searchParams.get('ma')!;

  async function logIn(contactId: string): Promise<string> {
    const url = await harness.createDashboardLoginLink(contactId);
    const response = await post('/bang-dieu-khien/dang-nhap', { ma: codeOf(url) });
    expect(response.status).toBe(303);
    const setCookie = response.headers.getSetCookie()[0]!;
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    return setCookie.split(';')[0]!;
  }

  it('closes the web chat and asks for a login link on the dashboard', async () => {
    expect((await get('/web')).status).toBe(404);
    expect((await post('/web/chon', { donvi: 'thu-ky' })).status).toBe(404);
    expect((await harness.store.repos.contacts.list()).filter((c) => c.platform === 'web')).toEqual([]);
    const dashboard = await get('/bang-dieu-khien');
    expect(dashboard.status).toBe(401);
    expect(await dashboard.text()).toContain('/bangdieukhien');
  });

  it('opens a session once from a one-time link; the store keeps only its hash', async () => {
    const url = await harness.createDashboardLoginLink(SECRETARY);
    expect(url.startsWith(`${harness.base}/bang-dieu-khien/dang-nhap?ma=`)).toBe(true);
    const code = codeOf(url);
    expect(await harness.store.models.WebLogin.findById(code).lean()).toBeNull();
    // Opening the link (or a chat app's preview of it) only shows a button: the link is still valid.
    const shown = await get(new URL(url).pathname + new URL(url).search);
    expect(shown.status).toBe(200);
    expect(await shown.text()).toContain('Đăng nhập');
    const first = await post('/bang-dieu-khien/dang-nhap', { ma: code });
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe('/bang-dieu-khien');
    const cookie = first.headers.getSetCookie()[0]!.split(';')[0]!;
    const page = await get('/bang-dieu-khien', cookie);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Báo cáo năm 2026');
    const again = await post('/bang-dieu-khien/dang-nhap', { ma: code });
    expect(again.status).toBe(403);
    expect(again.headers.getSetCookie()).toEqual([]);
  });

  it('opens one session when the same link is opened twice at once', async () => {
    const code = codeOf(await harness.createDashboardLoginLink(SECRETARY));
    const responses = await Promise.all([1, 2].map(() => post('/bang-dieu-khien/dang-nhap', { ma: code })));
    expect(responses.map((r) => r.status).sort()).toEqual([303, 403]);
    expect(responses.flatMap((r) => r.headers.getSetCookie())).toHaveLength(1);
  });

  it('redeems a link once however many openings race, from two connections (two processes) at once', async () => {
    const other = await openSecondConnection(harness.store);
    try {
      for (let round = 0; round < 3; round++) {
        const code = codeOf(await harness.createDashboardLoginLink(SECRETARY));
        const at = harness.clock.current.toJSDate();
        const attempts = Array.from({ length: 20 }, (_, i) =>
          (i % 2 === 0 ? harness.store.repos : other.repos).webLogins.redeemLink(code, at),
        );
        const won = (await Promise.all(attempts)).filter((link) => link !== null);
        expect(won).toHaveLength(1);
        expect(won[0]).toMatchObject({ contactId: SECRETARY, kind: 'link' });
      }
    } finally {
      await other.close();
    }
  });

  it('refuses an expired link, a made-up one, and a link for a unit contact', async () => {
    const url = await harness.createDashboardLoginLink(SECRETARY);
    const saved = harness.clock.current;
    harness.clock.current = saved.plus({ minutes: 16 });
    try {
      expect((await post('/bang-dieu-khien/dang-nhap', { ma: codeOf(url) })).status).toBe(403);
    } finally {
      harness.clock.current = saved;
    }
    expect((await post('/bang-dieu-khien/dang-nhap', { ma: 'x'.repeat(43) })).status).toBe(403);
    const unitLink = await harness.createDashboardLoginLink('telegram:777');
    expect((await post('/bang-dieu-khien/dang-nhap', { ma: codeOf(unitLink) })).status).toBe(403);
  });

  it('re-checks the role on every request', async () => {
    const { repos } = harness.store;
    await repos.contacts.link({
      platform: 'telegram',
      userId: '5151',
      chatId: '5151',
      displayName: 'Thư ký tạm',
      unitCode: null,
      role: 'secretariat',
    });
    const cookie = await logIn('telegram:5151');
    expect((await get('/bang-dieu-khien/nhat-ky', cookie)).status).toBe(200);
    await repos.contacts.setRole('telegram:5151', 'contact');
    expect((await get('/bang-dieu-khien/nhat-ky', cookie)).status).toBe(403);
    await repos.contacts.setActive('telegram:5151', false);
    expect((await get('/bang-dieu-khien/nhat-ky', cookie)).status).toBe(401);
  });

  it('logs out with the CSRF token only', async () => {
    const cookie = await logIn(SECRETARY);
    const page = await (await get('/bang-dieu-khien', cookie)).text();
    const csrf = /name="csrf" value="([^"]+)"/.exec(page)![1]!;
    expect((await post('/bang-dieu-khien/dang-xuat', { csrf: 'sai' }, cookie)).status).toBe(403);
    expect((await get('/bang-dieu-khien', cookie)).status).toBe(200);
    const out = await post('/bang-dieu-khien/dang-xuat', { csrf }, cookie);
    expect(out.status).toBe(303);
    expect(out.headers.getSetCookie()[0]).toMatch(/Max-Age=0/);
    expect((await get('/bang-dieu-khien', cookie)).status).toBe(401);
  });

  it('sends the login link to a secretariat member who types /bangdieukhien, and to nobody else', async () => {
    const ask = (userId: string, updateId: string) =>
      harness.conversation.handle(
        {
          platform: 'telegram',
          updateId,
          userId,
          chatId: userId,
          displayName: 'x',
          content: { type: 'command', command: 'bangdieukhien', args: '' },
        },
        4096,
      );
    const [reply] = await ask('4242', 'u1');
    const url = /https?:\/\/\S+/.exec(reply!.text)![0];
    expect(url.startsWith(`${harness.base}/bang-dieu-khien/dang-nhap?ma=`)).toBe(true);
    expect((await post('/bang-dieu-khien/dang-nhap', { ma: codeOf(url) })).status).toBe(303);
    const [refused] = await ask('777', 'u2');
    expect(refused!.text).not.toMatch(/dang-nhap/);
  });

  it('records logins in the audit trail', async () => {
    const events = await harness.store.repos.audit.list();
    expect(events.filter((e) => e.action === 'web.login').map((e) => e.actor)).toContain(SECRETARY);
  });
});
