import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { type Browser, chromium } from 'playwright-core';

/** Debian's Chromium, driven by playwright-core: no browser download (CI's .ci/run installs it). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const HAS_CHROMIUM = existsSync(CHROMIUM_PATH);
export const SCREENSHOT_DIR = path.join(__dirname, '..', '..', 'test-output', 'screenshots');

/**
 * `describe` when Chromium is installed; otherwise `describe.skip` under a title that says why,
 * so a newcomer without the browser still gets a green `npm test` and sees what was skipped.
 */
export function describeInBrowser(title: string, body: () => void): void {
  if (HAS_CHROMIUM) {
    describe(title, body);
  } else {
    // Printed by jest with the file's results, so the skip is never silent.
    console.warn(
      `Browser tests skipped: ${CHROMIUM_PATH} not found. Install it with: apt-get install chromium`,
    );
    describe.skip(`${title} — SKIPPED: ${CHROMIUM_PATH} not found (apt-get install chromium)`, body);
  }
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export function screenshotPath(name: string): string {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return path.join(SCREENSHOT_DIR, `${name}.png`);
}

/** Phone-sized viewport (a common Android phone) for the "readable on a phone" checks. */
export const PHONE = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
};
export const DESKTOP = { viewport: { width: 1280, height: 900 } };

// ---------------------------------------------------------------------------------------------
// The web channel on its own HTTP server, built like src/app/wire.ts builds the app's services.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { DateTime } from 'luxon';
import { createWebChannel, type WebChannel } from '../../src/channels/web/web-channel';
import { createConfig } from '../../src/config/config';
import { type Conversation, createConversation } from '../../src/conversation/conversation';
import { loadFlows } from '../../src/engine';
import { createDemoIdentities } from '../../src/features/contacts/demo-identities';
import { createIdentityService } from '../../src/features/contacts/identity';
import { createLoginLinks, createWebSessions } from '../../src/features/contacts/web-sessions';
import { createExportService } from '../../src/features/exports/export-service';
import { createReportFeature } from '../../src/features/report/chat/report-feature';
import { createReportService } from '../../src/features/report/report-service';
import { createDashboardLinkFeature } from '../../src/features/secretariat/chat/dashboard-link-feature';
import { createDashboard } from '../../src/features/secretariat/dashboard';
import { readUnitsFile } from '../../src/features/units/units-file';
import { HttpServer } from '../../src/http/server';
import { createAttachmentStore } from '../../src/store/attachment-store';
import { annualRound2026 } from './rounds';
import { openTestStore, silentLogger } from './store';

export const ZONE = 'Asia/Ho_Chi_Minh';
const ROOT = path.join(__dirname, '..', '..');

/** The open 2026 annual round the browser tests fill. */
export const annualRound = () => annualRound2026();

export interface WebHarness {
  store: Awaited<ReturnType<typeof openTestStore>>;
  web: WebChannel;
  conversation: Conversation;
  base: string;
  clock: { current: DateTime };
  createDashboardLoginLink(contactId: string): Promise<string>;
  close(): Promise<void>;
}

/** Store with the example ward and the open 2026 round, the conversation, and the web channel listening. */
export async function startWebHarness(mode: 'demo' | 'login'): Promise<WebHarness> {
  const store = await openTestStore();
  const { repos } = store;
  await repos.units.upsertMany(await readUnitsFile(path.join(ROOT, 'flows', 'units', 'don-vi-mau.yaml')));
  await repos.rounds.ensure(annualRound());
  const flows = await loadFlows(path.join(ROOT, 'flows'));
  const clock = { current: DateTime.fromISO('2026-11-26T10:00:00', { zone: ZONE }) };
  const now = () => clock.current;
  const configured = createConfig({ LOG_LEVEL: 'silent' });
  if (!configured.ok) throw new Error(configured.problems.join('\n'));
  const dataDir = mkdtempSync(path.join(tmpdir(), 'baocao-web-'));
  const maxAttachmentBytes = 5 * 1024 * 1024;

  const reports = createReportService({ repos, flows, logger: silentLogger, now });
  const identity = createIdentityService({ repos, now, secretariatIds: {} });
  const reportFeature = createReportFeature({
    repos,
    reports,
    attachments: createAttachmentStore(dataDir),
    maxAttachmentBytes,
    timeZone: ZONE,
  });
  let base = '';
  const links = createLoginLinks({ repos, now, baseUrl: () => base });
  const conversation = createConversation({
    repos,
    identity,
    features: [reportFeature, createDashboardLinkFeature(links, mode)],
    logger: silentLogger,
    now,
    hasButtons: () => true,
  });
  const http = new HttpServer(silentLogger);
  const exportService = createExportService({ repos, flows, organisation: configured.config.organisation });
  const web = createWebChannel({
    http,
    conversation,
    dashboard: createDashboard({ repos, flows }),
    sessions: createWebSessions({ repos, now, mode }),
    demo: createDemoIdentities({ repos, now }),
    logger: silentLogger,
    now,
    timeZone: ZONE,
    auth: { mode },
    exports: exportService,
    maxAttachmentBytes,
  });
  const address = await http.listen('127.0.0.1', 0);
  base = `http://127.0.0.1:${address.port}`;
  return {
    store,
    web,
    conversation,
    base,
    clock,
    createDashboardLoginLink: (contactId) => links.createDashboardLoginLink(contactId),
    async close() {
      await http.close();
      await store.dropAndClose();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
