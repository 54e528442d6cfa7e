import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DateTime } from 'luxon';
import type { WebSessions } from '../../features/contacts/web-sessions';
import type { Dashboard } from '../../features/secretariat/dashboard';
import type { Logger } from '../../logger';
import type { AuthMode, WebAuth, WebSession } from './auth';
import { createDashboardAccess, DASHBOARD, formOf, notFound, type Page } from './dashboard-access';
import { createDashboardLogin } from './dashboard-login';
import {
  adhocPage,
  auditPage,
  boardPage,
  type DashboardChrome,
  roundsPage,
  unitReportPage,
} from './dashboard-pages';
import { contentTypeOf, redirect, sendFile, sendHtml } from './http-util';

export { DASHBOARD } from './dashboard-access';

export interface ExportFileView {
  fileName: string;
  bytes: Buffer;
}

/** The export service's functions the dashboard offers as downloads. */
export interface DashboardExports {
  exportRound(roundId: string, at: Date): Promise<{ files: ExportFileView[] } | null>;
  exportUnitReport(roundId: string, unitCode: string, at: Date): Promise<ExportFileView | null>;
}

export interface DashboardDeps {
  /** The dashboard's use cases (`features/secretariat/dashboard.ts`). */
  dashboard: Dashboard;
  sessions: WebSessions;
  logger: Logger;
  now: () => DateTime;
  timeZone: string;
  auth: WebAuth;
  mode: AuthMode;
  exports?: DashboardExports;
}

/** The audit page lists the latest events only. */
const AUDIT_SHOWN = 300;

/** The secretariat dashboard's routes: each reads or does one thing through the dashboard's use cases. */
export function createDashboardRoutes(deps: DashboardDeps) {
  const { dashboard, timeZone: zone } = deps;
  const access = createDashboardAccess(deps);
  const login = createDashboardLogin(deps);
  const at = () => deps.now().toJSDate();

  function chrome(session: WebSession, active: DashboardChrome['active']): DashboardChrome {
    return { csrf: session.csrf, who: session.contact.displayName, active, demo: deps.mode === 'demo' };
  }

  const home: Page = async (_request, response, session) => {
    sendHtml(response, 200, roundsPage(chrome(session, 'rounds'), zone, await dashboard.rounds(at())));
  };

  const board: Page = async (_request, response, session, [roundId]) => {
    const found = await dashboard.board(roundId!, at());
    if (!found) return notFound(response, 'Không có đợt báo cáo này.');
    sendHtml(
      response,
      200,
      boardPage(chrome(session, 'rounds'), zone, found.round, found.board, Boolean(deps.exports)),
    );
  };

  const unitReport: Page = async (_request, response, session, [roundId, unitCode]) => {
    const found = await dashboard.unitReport(roundId!, unitCode!, at());
    if (!found) return notFound(response, 'Không có báo cáo này.');
    sendHtml(
      response,
      200,
      unitReportPage(chrome(session, 'rounds'), zone, found.round, found.view, Boolean(deps.exports)),
    );
  };

  const roundExport: Page = async (_request, response, _session, [roundId, extension]) => {
    const result = deps.exports ? await deps.exports.exportRound(roundId!, at()) : null;
    const file = result?.files.find((candidate) =>
      candidate.fileName.toLowerCase().endsWith(`.${extension}`),
    );
    if (!file) return notFound(response, 'Không có tệp này.');
    sendFile(response, { ...file, contentType: contentTypeOf(file.fileName) });
  };

  const unitExport: Page = async (_request, response, _session, [roundId, unitCode]) => {
    const file = deps.exports ? await deps.exports.exportUnitReport(roundId!, unitCode!, at()) : null;
    if (!file) return notFound(response, 'Không có tệp này.');
    sendFile(response, { ...file, contentType: contentTypeOf(file.fileName) });
  };

  const adhoc: Page = async (_request, response, session) => {
    sendHtml(response, 200, adhocPage(chrome(session, 'adhoc'), zone, await dashboard.adhocRequests(at())));
  };

  const audit: Page = async (request, response, session) => {
    const roundId = new URL(request.url ?? '/', 'http://localhost').searchParams.get('dot');
    const trail = await dashboard.auditTrail({ roundId, limit: AUDIT_SHOWN });
    if (!trail) return notFound(response, 'Không có đợt báo cáo này.');
    sendHtml(response, 200, auditPage(chrome(session, 'audit'), zone, trail));
  };

  const exempt: Page = async (request, response, session, [roundId]) => {
    const form = formOf(request);
    const outcome = await dashboard.setExemption({
      roundId: roundId!,
      unitCode: form.get('donvi') ?? '',
      exempt: form.get('mien') === '1',
      actor: session.contact._id,
      channel: 'web',
      at: at(),
    });
    if (outcome.type !== 'done') return notFound(response, 'Không có đợt báo cáo hoặc đơn vị này.');
    redirect(response, `${DASHBOARD}/dot/${encodeURIComponent(outcome.round._id)}`);
  };

  const ROUTES: [string, RegExp, Page][] = [
    ['GET', /^$/, home],
    ['GET', /^\/dot-xuat$/, adhoc],
    ['GET', /^\/nhat-ky$/, audit],
    ['GET', /^\/dot\/([^/]+)$/, board],
    ['GET', /^\/dot\/([^/]+)\/xuat\/(docx|xlsx)$/, roundExport],
    ['GET', /^\/dot\/([^/]+)\/don-vi\/([^/]+)$/, unitReport],
    ['GET', /^\/dot\/([^/]+)\/don-vi\/([^/]+)\/xuat$/, unitExport],
    ['POST', /^\/dot\/([^/]+)\/mien$/, exempt],
    ['POST', /^\/dang-xuat$/, login.logOut],
  ];

  /** Every guarded path, for tests that check access on each of them. */
  const guardedPaths = ROUTES.map(([method, pattern]) => ({ method, pattern }));

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = (request.url ?? '/').split('?')[0]!.slice(DASHBOARD.length).replace(/\/$/, '');
    if (path === '/dang-nhap') {
      if (request.method === 'GET') return login.form(request, response);
      if (request.method === 'POST') return login.logIn(request, response);
    }
    for (const [method, pattern, handler] of ROUTES) {
      const match = pattern.exec(path);
      if (!match) continue;
      if (request.method !== method) break;
      let params: string[];
      try {
        params = match.slice(1).map((part) => decodeURIComponent(part));
      } catch {
        return notFound(response, 'Địa chỉ không hợp lệ.');
      }
      return access.guard(request, response, params, handler);
    }
    return access.unknownPath(request, response);
  }

  return { handle, guardedPaths };
}
