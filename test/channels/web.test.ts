import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  DESKTOP,
  describeInBrowser,
  launchBrowser,
  PHONE,
  screenshotPath,
  startWebHarness,
  type WebHarness,
} from '../support/browser';

/**
 * The web chat and the secretariat dashboard in a real headless Chromium (Debian's, driven by
 * playwright-core): a unit fills and submits the 2026 report, the secretariat sees the board
 * change and downloads the exports. Screenshots go to test-output/screenshots/.
 */
describeInBrowser('web chat and dashboard in a browser (demo mode)', () => {
  let harness: WebHarness;
  let browser: Browser;
  let unitContext: BrowserContext;
  let secretariatContext: BrowserContext;
  let chat: Page;
  let dashboard: Page;

  beforeAll(async () => {
    harness = await startWebHarness('demo');
    browser = await launchBrowser();
    unitContext = await browser.newContext({ ...PHONE, baseURL: harness.base, locale: 'vi-VN' });
    secretariatContext = await browser.newContext({
      ...DESKTOP,
      baseURL: harness.base,
      locale: 'vi-VN',
      acceptDownloads: true,
    });
    chat = await unitContext.newPage();
    dashboard = await secretariatContext.newPage();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await harness?.close();
  });

  const botCount = (page: Page) => page.locator('#messages .msg.bot').count();

  /** Runs an action in the chat and waits until its replies are shown. */
  async function act(page: Page, action: () => Promise<void>): Promise<void> {
    const before = await botCount(page);
    await action();
    // A function, not a string: the page's CSP (no 'unsafe-eval') refuses evaluated strings.
    await page.waitForFunction(
      (n) => {
        const { document } = globalThis as unknown as PageGlobals;
        return (
          document.querySelectorAll('#messages .msg.bot').length > n && document.body.dataset.busy === '0'
        );
      },
      before,
      { timeout: 15_000 },
    );
  }

  async function lastBot(page: Page): Promise<{ text: string; buttons: string[] }> {
    const last = page.locator('#messages .msg.bot').last();
    return {
      text: ((await last.locator('.bubble').textContent()) ?? '').trim(),
      buttons: await last
        .locator('button.reply-btn')
        .evaluateAll((list) => list.map((b) => b.getAttribute('data-data') ?? '')),
    };
  }

  const press = (page: Page, data: string) =>
    act(page, () => page.locator(`#messages .msg.bot >> nth=-1 >> button[data-data="${data}"]`).click());

  const type = (page: Page, text: string) =>
    act(page, async () => {
      await page.fill('#text', text);
      await page.press('#text', 'Enter');
    });

  it('shows the unit picker with the seeded units and the secretariat', async () => {
    await chat.goto('/');
    await expectText(chat, 'h1', 'Chọn đơn vị để dùng thử');
    expect(await chat.locator('button.pick').count()).toBe(18); // 17 units + the secretariat
    await chat.screenshot({ path: screenshotPath('01-picker-phone'), fullPage: true });
    await dashboard.goto('/web');
    await dashboard.fill('#ten', 'Nguyễn Thị Thư');
    await dashboard.click('[data-testid="pick-secretariat"]');
    await dashboard.waitForSelector('[data-testid="to-dashboard"]');
    await dashboard.click('[data-testid="to-dashboard"]');
    await expectText(dashboard, 'h1', 'Các đợt báo cáo');
    // The current round first, above next year's.
    expect(await dashboard.getAttribute('tbody tr:first-child', 'data-round')).toBe('annual-2026');
    // The same deadline wording as the chat: the last day, not a bare date that disagrees with it.
    expect(await dashboard.textContent('tr[data-round="annual-2026"]')).toContain(
      'hết ngày 9/12/2026 (thứ Tư)',
    );
    await dashboard.click('a[href="/bang-dieu-khien/dot/annual-2026"]');
    expect(await dashboard.textContent('main')).toContain('Hạn nộp: hết ngày 9/12/2026 (thứ Tư)');
    expect(await dashboard.getAttribute('tr[data-unit="ubnd"]', 'data-status')).toBe('not_started');
  });

  it('a unit fills the report with buttons, typed answers and a file, and submits it', async () => {
    await chat.fill('#ten', 'Trần Văn Báo');
    await chat.click('[data-testid="pick-ubnd"]');
    await expectText(chat, '[data-testid="who"]', 'Ủy ban nhân dân phường');
    await chat.waitForSelector('body[data-busy="0"]');
    await act(chat, () => chat.click('button[data-command="baocao"]'));
    await chat.screenshot({ path: screenshotPath('02-chat-first-question-phone') });

    const upload = {
      name: 'bien-ban-hoi-nghi.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n% biên bản\n'),
    };
    let typedCommand = false;
    for (let step = 0; step < 80; step++) {
      const { text, buttons } = await lastBot(chat);
      const done = buttons.find((b) => b.startsWith('f:x:'));
      if (/đủ các nội dung bắt buộc|đi hết các câu hỏi/.test(text)) break;
      if (done && /Đã lưu phần|Đã nhận tệp|Đã chọn:/.test(text)) {
        await press(chat, done);
      } else if (buttons.some((b) => b.startsWith('f:a:'))) {
        await press(chat, buttons.find((b) => b.startsWith('f:a:'))!);
      } else if (buttons.some((b) => b.startsWith('f:m:'))) {
        await press(chat, buttons.find((b) => b.startsWith('f:m:'))!);
      } else if (/Gửi tệp văn bản hoặc ảnh/.test(text)) {
        await act(chat, () => chat.setInputFiles('#file', upload));
      } else if (/Nhập một số nguyên/.test(text)) {
        await type(chat, '12');
      } else if (/Nhập ngày/.test(text)) {
        await type(chat, '15/06/2026');
      } else if (/Nhập nội dung trả lời/.test(text)) {
        if (!typedCommand) {
          // A typed slash command in the middle of the report, as in Telegram.
          typedCommand = true;
          await type(chat, '/xem');
          expect((await lastBot(chat)).text).toContain('Câu 1.');
          await act(chat, () => chat.click('button[data-command="baocao"]'));
          continue;
        }
        await type(
          chat,
          'Tổ chức hội nghị, niêm yết công khai và tiếp thu ý kiến của Nhân dân <b>đầy đủ</b>.',
        );
      } else {
        throw new Error(`unexpected bot message at step ${step}: ${text}`);
      }
    }
    expect(typedCommand).toBe(true);
    await chat.screenshot({ path: screenshotPath('03-chat-complete-phone') });
    // Nothing typed into the chat became markup.
    expect(await chat.locator('#messages b').count()).toBe(0);

    await act(chat, () => chat.click('button[data-command="nop"]'));
    const confirm = await lastBot(chat);
    expect(confirm.text).toContain('Nộp Báo cáo năm 2026?');
    await press(chat, 'n:y');
    expect((await lastBot(chat)).text).toContain('Số tiếp nhận: UBND – năm 2026 – lần 1');
    await chat.screenshot({ path: screenshotPath('04-chat-submitted-phone') });
  });

  it('delivers notifications to a web contact through the outbox the page polls', async () => {
    const contact = (await harness.store.repos.contacts.listByUnit('ubnd', { activeOnly: true })).find(
      (c) => c.platform === 'web',
    )!;
    await act(chat, () =>
      harness.web.sender.send(contact.chatId, {
        text: 'Nhắc hạn: Ban Xây dựng Đảng đã nhận báo cáo của đơn vị.',
      }),
    );
    expect((await lastBot(chat)).text).toContain('Nhắc hạn: Ban Xây dựng Đảng đã nhận');
  });

  it('the status board shows the submission, and the unit report shows the full answers', async () => {
    await dashboard.reload();
    expect(await dashboard.getAttribute('tr[data-unit="ubnd"]', 'data-status')).toBe('submitted');
    expect(await dashboard.textContent('[data-total="submitted"] b')).toBe('1');
    await dashboard.screenshot({ path: screenshotPath('05-dashboard-board-desktop'), fullPage: true });
    await dashboard.click('tr[data-unit="ubnd"] a');
    await expectText(dashboard, 'h1', 'Ủy ban nhân dân phường');
    const report = await dashboard.textContent('main');
    expect(report).toContain('Số tiếp nhận UBND – năm 2026 – lần 1');
    expect(report).toContain('<b>đầy đủ</b>'); // shown as text, escaped
    expect(report).toContain('bien-ban-hoi-nghi.pdf');
    await dashboard.screenshot({ path: screenshotPath('06-dashboard-unit-report-desktop'), fullPage: true });
  });

  it('downloads the consolidated .docx, the .xlsx and the unit report', async () => {
    await dashboard.goto('/bang-dieu-khien/dot/annual-2026');
    for (const [selector, extension] of [
      ['[data-testid="export-docx"]', '.docx'],
      ['[data-testid="export-xlsx"]', '.xlsx'],
    ] as const) {
      const [download] = await Promise.all([dashboard.waitForEvent('download'), dashboard.click(selector)]);
      expect(download.suggestedFilename().endsWith(extension)).toBe(true);
      const bytes = readFileSync((await download.path())!);
      expect(bytes.subarray(0, 4).toString('binary')).toBe('PK\x03\x04');
      expect(bytes.length).toBeGreaterThan(3000);
    }
    await dashboard.goto('/bang-dieu-khien/dot/annual-2026/don-vi/ubnd');
    // Numbered as in the chat: the pre-filled answer has no number, question 1 is the first one asked.
    const page = (await dashboard.textContent('main')) ?? '';
    expect(page).toContain('Câu 1. Khái quát đặc điểm, tình hình');
    expect(page).not.toContain('Câu 1. Đơn vị báo cáo');
    const [download] = await Promise.all([
      dashboard.waitForEvent('download'),
      dashboard.click('[data-testid="export-unit"]'),
    ]);
    expect(download.suggestedFilename().endsWith('.docx')).toBe(true);
    const bytes = readFileSync((await download.path())!);
    expect(bytes.subarray(0, 4).toString('binary')).toBe('PK\x03\x04');
  });

  it('shows ad-hoc requests and the audit trail', async () => {
    await harness.store.repos.rounds.ensure({
      ...(await import('../support/browser')).annualRound(),
      _id: 'dot-xuat-2026-11-20-a1',
      kind: 'dot-xuat',
      title: 'Báo cáo đột xuất: hòa giải cơ sở',
      flowId: 'bao-cao-dot-xuat',
      targetKinds: [],
      targetUnitCodes: ['ubnd', 'chi-bo-kp1'],
      request: {
        title: 'Kết quả hòa giải ở cơ sở năm 2026',
        instructions: 'Nêu số vụ việc đã hòa giải thành.',
      },
    });
    await dashboard.goto('/bang-dieu-khien/dot-xuat');
    const adhoc = await dashboard.textContent('main');
    expect(adhoc).toContain('Kết quả hòa giải ở cơ sở năm 2026');
    expect(adhoc).toContain('Chi bộ Khu phố 1');
    await dashboard.goto('/bang-dieu-khien/nhat-ky');
    const audit = await dashboard.textContent('#audit');
    expect(audit).toContain('Nộp báo cáo');
    expect(audit).toContain('Trần Văn Báo');
    await dashboard.screenshot({ path: screenshotPath('07-dashboard-audit-desktop') });
  });

  it('exempting a unit is a POST with the session CSRF token, and reaches the board', async () => {
    await dashboard.goto('/bang-dieu-khien/dot/annual-2026');
    await dashboard.click('tr[data-unit="chi-bo-kp3"] button[type="submit"]');
    expect(await dashboard.getAttribute('tr[data-unit="chi-bo-kp3"]', 'data-status')).toBe('exempt');
    // The same use case, and the same audit words, as `npm run cli -- exempt`.
    const events = await harness.store.repos.audit.list({ roundId: 'annual-2026', unitCode: 'chi-bo-kp3' });
    expect(events.map((event) => event.action)).toContain('round.exempted');
  });

  it('is readable on a phone', async () => {
    const phone = await secretariatContext.newPage();
    await phone.setViewportSize(PHONE.viewport);
    await phone.goto('/bang-dieu-khien/dot/annual-2026');
    // No horizontal scrolling of the page itself (the table scrolls inside its frame if it must).
    const overflow = await phone.evaluate(() => {
      const { document, innerWidth } = globalThis as unknown as PageGlobals;
      return document.documentElement.scrollWidth - innerWidth;
    });
    expect(overflow).toBeLessThanOrEqual(0);
    await phone.screenshot({ path: screenshotPath('08-dashboard-board-phone'), fullPage: true });
    await phone.close();
  });

  it('never renders a unit name as markup', async () => {
    await harness.store.repos.units.upsertMany([
      { code: 'xss', name: '<img src=x onerror="window.__xss=1">Tổ thử', kind: 'mat-tran', order: 99 },
    ]);
    const page = await secretariatContext.newPage();
    await page.goto('/bang-dieu-khien/dot/annual-2026');
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.evaluate(() => (globalThis as unknown as PageGlobals).__xss)).toBeUndefined();
    expect(await page.textContent('tr[data-unit="xss"]')).toContain('<img src=x');
    await page.close();
  });

  it('checks access on every dashboard route', async () => {
    const paths = [
      ['GET', '/bang-dieu-khien'],
      ['GET', '/bang-dieu-khien/dot-xuat'],
      ['GET', '/bang-dieu-khien/nhat-ky'],
      ['GET', '/bang-dieu-khien/dot/annual-2026'],
      ['GET', '/bang-dieu-khien/dot/annual-2026/xuat/docx'],
      ['GET', '/bang-dieu-khien/dot/annual-2026/don-vi/ubnd'],
      ['GET', '/bang-dieu-khien/dot/annual-2026/don-vi/ubnd/xuat'],
      ['POST', '/bang-dieu-khien/dot/annual-2026/mien'],
      ['POST', '/bang-dieu-khien/dang-xuat'],
    ] as const;
    // Every guarded route pattern of the dashboard is in the list above.
    for (const { method, pattern } of harness.web.guardedPaths) {
      expect(paths.some(([m, p]) => m === method && pattern.test(p.slice('/bang-dieu-khien'.length)))).toBe(
        true,
      );
    }
    const cookieOf = async (context: BrowserContext) =>
      (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    const unitCookie = await cookieOf(unitContext);
    const secretariatCookie = await cookieOf(secretariatContext);
    const form = 'csrf=wrong&donvi=ubnd&mien=1';
    for (const [method, path] of paths) {
      const request = (headers: Record<string, string>) =>
        fetch(`${harness.base}${path}`, {
          method,
          headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
          body: method === 'POST' ? form : undefined,
          redirect: 'manual',
        });
      const anonymous = await request({});
      expect([path, anonymous.status]).toEqual([path, 401]);
      expect(await anonymous.text()).toContain('Cần đăng nhập');
      const unit = await request({ cookie: unitCookie });
      expect([path, unit.status]).toEqual([path, 403]);
      expect(await unit.text()).toContain('Không có quyền truy cập');
      if (method === 'POST') {
        // A forged form: the secretariat's cookie (as a browser would attach it) without the token.
        const forged = await request({ cookie: secretariatCookie });
        expect([path, forged.status]).toEqual([path, 403]);
        const crossSite = await request({ cookie: secretariatCookie, origin: 'http://evil.example' });
        expect([path, crossSite.status]).toEqual([path, 403]);
      }
    }
    // The chat API refuses a message without the CSRF token.
    const api = await fetch(`${harness.base}/web/api/message`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: unitCookie },
      body: JSON.stringify({ id: 'abcdefgh-1', text: 'xin chào' }),
    });
    expect(api.status).toBe(403);
    expect((await fetch(`${harness.base}/web/api/outbox`)).status).toBe(401);
    // Nothing was exempted by the refused POSTs.
    expect((await harness.store.repos.rounds.get('annual-2026'))!.exemptUnitCodes).toEqual(['chi-bo-kp3']);
  });
});

/** The little of the DOM these tests read inside the page (the tests' TypeScript has no DOM types). */
interface PageGlobals {
  document: {
    querySelectorAll(selector: string): { length: number };
    body: { dataset: Record<string, string | undefined> };
    documentElement: { scrollWidth: number };
  };
  innerWidth: number;
  __xss?: number;
}

async function expectText(page: Page, selector: string, text: string): Promise<void> {
  await page.waitForSelector(selector);
  expect(await page.textContent(selector)).toContain(text);
}
