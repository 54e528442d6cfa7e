import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DateTime } from 'luxon';
import { type AnswerValue, type FlowCatalog, formatAnswer, shortLabel } from '../../engine';
import { flowNumbering } from '../../engine/numbering';
import { applicableEntries } from '../../engine/progress';
import { setExemption } from '../../features/rounds/exemptions';
import type { Logger } from '../../logger';
import type { RoundDoc } from '../../store/models';
import type { Repositories } from '../../store/repositories';
import { submissionId } from '../../store/repositories';
import type { AuthMode, WebAuth, WebSession } from './auth';
import { SESSION_COOKIE } from './auth';
import {
  adhocPage,
  auditPage,
  type BoardView,
  boardPage,
  type DashboardChrome,
  roundsPage,
  type UnitReportView,
  unitReportPage,
} from './dashboard-pages';
import { dashboardRoundOrder } from './dashboard-round-order';
import { html } from './html';
import { clearedCookie, contentTypeOf, readForm, redirect, sendFile, sendHtml } from './http-util';
import { messagePage } from './layout';

export const DASHBOARD = '/bang-dieu-khien';

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
  repos: Repositories;
  flows: FlowCatalog;
  logger: Logger;
  now: () => DateTime;
  timeZone: string;
  auth: WebAuth;
  mode: AuthMode;
  /** The status-board service (`statusBoard(repos, roundId, now)` bound to the store). */
  statusBoard: (roundId: string, now: Date) => Promise<BoardView | null>;
  exports?: DashboardExports;
}

type Page = (
  request: IncomingMessage,
  response: ServerResponse,
  session: WebSession,
  params: string[],
) => Promise<void>;

/**
 * The secretariat dashboard. Every route goes through {@link guard}: no session → 401 with how to
 * log in; a session whose contact is not (or no longer) a secretariat member → 403; a POST
 * without this session's CSRF token → 403. Nothing here trusts the page it was sent from.
 */
export function createDashboardRoutes(deps: DashboardDeps) {
  const { repos, timeZone: zone } = deps;

  function chrome(session: WebSession, active: DashboardChrome['active']): DashboardChrome {
    return { csrf: session.csrf, who: session.contact.displayName, active, demo: deps.mode === 'demo' };
  }

  function notFound(response: ServerResponse, what: string): void {
    sendHtml(
      response,
      404,
      messagePage('Không tìm thấy', html`${what} <a href="${DASHBOARD}">Về bảng điều khiển</a>`),
    );
  }

  function unauthenticated(response: ServerResponse): void {
    const how =
      deps.mode === 'demo'
        ? html`Bản chạy thử: vào <a href="/web">trang trò chuyện</a> và chọn «Ban Xây dựng Đảng (thư ký)» để mở bảng điều khiển.`
        : html`Bảng điều khiển chỉ dành cho Ban Xây dựng Đảng. Đồng chí nhắn lệnh <b>/bangdieukhien</b> cho bot trên Telegram hoặc Zalo để nhận liên kết đăng nhập (dùng một lần, có hiệu lực 15 phút).`;
    sendHtml(response, 401, messagePage('Cần đăng nhập', how));
  }

  function forbidden(response: ServerResponse, why: string): void {
    sendHtml(response, 403, messagePage('Không có quyền truy cập', html`${why}`));
  }

  async function guard(
    request: IncomingMessage,
    response: ServerResponse,
    params: string[],
    handler: Page,
  ): Promise<void> {
    const session = await deps.auth.current(request);
    if (!session) return unauthenticated(response);
    if (session.contact.role !== 'secretariat') {
      return forbidden(
        response,
        'Bảng điều khiển chỉ dành cho Ban Xây dựng Đảng. Tài khoản của đồng chí là tài khoản đơn vị báo cáo.',
      );
    }
    if (request.method === 'POST') {
      const form = await readForm(request);
      if (!deps.auth.checkCsrf(session, form.get('csrf'))) {
        return forbidden(
          response,
          'Yêu cầu không hợp lệ (thiếu hoặc sai mã xác thực biểu mẫu). Vui lòng tải lại trang rồi thử lại.',
        );
      }
      (request as IncomingMessage & { form?: URLSearchParams }).form = form;
    }
    return handler(request, response, session, params);
  }

  function formOf(request: IncomingMessage): URLSearchParams {
    return (request as IncomingMessage & { form?: URLSearchParams }).form ?? new URLSearchParams();
  }

  const home: Page = async (_request, response, session) => {
    const at = deps.now().toJSDate();
    const rounds = dashboardRoundOrder(await repos.rounds.list(), at);
    const rows = await Promise.all(
      rounds.map(async (round) => ({ round, board: await deps.statusBoard(round._id, at) })),
    );
    sendHtml(response, 200, roundsPage(chrome(session, 'rounds'), zone, rows));
  };

  const board: Page = async (_request, response, session, [roundId]) => {
    const round = await repos.rounds.get(roundId!);
    const view = round ? await deps.statusBoard(round._id, deps.now().toJSDate()) : null;
    if (!round || !view) return notFound(response, 'Không có đợt báo cáo này.');
    sendHtml(response, 200, boardPage(chrome(session, 'rounds'), zone, round, view, Boolean(deps.exports)));
  };

  /** Every answer in full (not the submission's compact copy), grouped by section, numbered as in chat. */
  async function unitView(round: RoundDoc, unitCode: string): Promise<UnitReportView | null> {
    const unit = await repos.units.get(unitCode);
    const flow = deps.flows.get(round.flowId);
    if (!unit || !flow) return null;
    const id = submissionId(round._id, unit._id);
    const [submission, answers, view] = await Promise.all([
      repos.submissions.get(id),
      repos.answers.listBySubmission(id),
      deps.statusBoard(round._id, deps.now().toJSDate()),
    ]);
    const values = new Map(answers.map((answer) => [answer.questionId, answer.value as AnswerValue]));
    const context = {
      unitKind: unit.kind,
      answers: values,
      sections: round.sections.length > 0 ? round.sections : undefined,
      request: round.request ?? undefined,
      // The same numbering as the chat: answers filled in from the units file carry no number.
      preset: new Set(Object.keys(unit.presetAnswers ?? {}).filter((id) => values.has(id))),
    };
    const numbering = flowNumbering(flow, context);
    const sections: UnitReportView['sections'] = [];
    applicableEntries(flow, context).forEach((entry) => {
      const title = `Mục ${entry.section.number}. ${entry.section.heading}`;
      let section = sections[sections.length - 1];
      if (!section || section.title !== title) {
        section = { title, items: [] };
        sections.push(section);
      }
      const value = values.get(entry.question.id);
      section.items.push({
        number: numbering.labelOf(entry.question.id) ?? null,
        label: shortLabel(entry.question),
        value: value === undefined || value === null ? null : formatAnswer(entry.question, value),
        required: entry.question.required,
      });
    });
    const row = view?.rows.find((candidate) => candidate.unitCode === unit._id);
    return {
      unitName: unit.name,
      unitCode: unit._id,
      status: row?.status ?? (round.exemptUnitCodes.includes(unit._id) ? 'exempt' : 'not_started'),
      receiptNo: submission?.receiptNo ?? null,
      submittedAt: submission?.submittedAt ?? null,
      sections: answers.length > 0 ? sections : [],
    };
  }

  const unitReport: Page = async (_request, response, session, [roundId, unitCode]) => {
    const round = await repos.rounds.get(roundId!);
    const view = round ? await unitView(round, unitCode!) : null;
    if (!round || !view) return notFound(response, 'Không có báo cáo này.');
    sendHtml(
      response,
      200,
      unitReportPage(chrome(session, 'rounds'), zone, round, view, Boolean(deps.exports)),
    );
  };

  const roundExport: Page = async (_request, response, _session, [roundId, extension]) => {
    const result = deps.exports ? await deps.exports.exportRound(roundId!, deps.now().toJSDate()) : null;
    const file = result?.files.find((candidate) =>
      candidate.fileName.toLowerCase().endsWith(`.${extension}`),
    );
    if (!file) return notFound(response, 'Không có tệp này.');
    sendFile(response, { ...file, contentType: contentTypeOf(file.fileName) });
  };

  const unitExport: Page = async (_request, response, _session, [roundId, unitCode]) => {
    const file = deps.exports
      ? await deps.exports.exportUnitReport(roundId!, unitCode!, deps.now().toJSDate())
      : null;
    if (!file) return notFound(response, 'Không có tệp này.');
    sendFile(response, { ...file, contentType: contentTypeOf(file.fileName) });
  };

  const adhoc: Page = async (_request, response, session) => {
    const at = deps.now().toJSDate();
    const [rounds, units] = await Promise.all([repos.rounds.list(), repos.units.list()]);
    const names = new Map(units.map((unit) => [unit._id, unit.name]));
    const rows = await Promise.all(
      rounds
        .filter((round) => round.kind === 'dot-xuat')
        .map(async (round) => ({
          round,
          board: await deps.statusBoard(round._id, at),
          targets: round.targetUnitCodes.map((code) => names.get(code) ?? code),
        })),
    );
    sendHtml(response, 200, adhocPage(chrome(session, 'adhoc'), zone, rows));
  };

  const AUDIT_SHOWN = 300;
  const audit: Page = async (request, response, session) => {
    const roundId = new URL(request.url ?? '/', 'http://localhost').searchParams.get('dot');
    const round = roundId ? await repos.rounds.get(roundId) : null;
    if (roundId && !round) return notFound(response, 'Không có đợt báo cáo này.');
    const [events, contacts, units] = await Promise.all([
      repos.audit.list({ roundId: round?._id, limit: AUDIT_SHOWN, newestFirst: true }),
      repos.contacts.list(),
      repos.units.list(),
    ]);
    const names = new Map<string, string>([
      ['cli', 'Dòng lệnh (quản trị)'],
      ['system', 'Hệ thống'],
      ['config', 'Cấu hình'],
    ]);
    for (const contact of contacts) names.set(contact._id, contact.displayName || contact._id);
    for (const unit of units) names.set(`unit:${unit._id}`, unit.name);
    sendHtml(
      response,
      200,
      auditPage(chrome(session, 'audit'), zone, events, names, {
        round,
        truncated: events.length > AUDIT_SHOWN,
      }),
    );
  };

  const exempt: Page = async (request, response, session, [roundId]) => {
    const form = formOf(request);
    const unitCode = form.get('donvi') ?? '';
    const on = form.get('mien') === '1';
    const outcome = await setExemption(repos, {
      roundId: roundId!,
      unitCode,
      exempt: on,
      actor: session.contact._id,
      channel: 'web',
      at: deps.now().toJSDate(),
    });
    if (outcome.type !== 'done') return notFound(response, 'Không có đợt báo cáo hoặc đơn vị này.');
    redirect(response, `${DASHBOARD}/dot/${encodeURIComponent(outcome.round._id)}`);
  };

  const logout: Page = async (_request, response, session) => {
    await deps.auth.close(session);
    redirect(response, deps.mode === 'demo' ? '/web' : DASHBOARD, {
      'set-cookie': clearedCookie(SESSION_COOKIE),
    });
  };

  /** GET shows a button; only the POST spends the link, so chat apps' link previews cannot use it up. */
  async function loginForm(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const code = new URL(request.url ?? '/', 'http://localhost').searchParams.get('ma') ?? '';
    sendHtml(
      response,
      200,
      messagePage(
        'Đăng nhập bảng điều khiển',
        html`<p>Bấm nút dưới đây để đăng nhập bảng điều khiển của Ban Xây dựng Đảng. Liên kết chỉ dùng được một lần và hết hạn sau 15 phút.</p>
<form method="post" action="${DASHBOARD}/dang-nhap"><input type="hidden" name="ma" value="${code}"><button class="btn" type="submit">Đăng nhập</button></form>`,
      ),
    );
  }

  async function login(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const code = (await readForm(request)).get('ma') ?? '';
    const at = deps.now();
    const link = code && code.length <= 100 ? await repos.webLogins.redeemLink(code, at.toJSDate()) : null;
    const contact = link ? await repos.contacts.get(link.contactId) : null;
    if (!link || !contact?.active || contact.role !== 'secretariat') {
      return sendHtml(
        response,
        403,
        messagePage(
          'Liên kết không dùng được',
          html`Liên kết đăng nhập đã được dùng, đã hết hạn hoặc không đúng. Đồng chí nhắn lại lệnh <b>/bangdieukhien</b> cho bot để nhận liên kết mới.`,
        ),
      );
    }
    const cookie = await deps.auth.open(contact._id);
    await repos.audit.record({
      at: at.toJSDate(),
      actor: contact._id,
      channel: 'web',
      action: 'web.login',
      details: {},
    });
    redirect(response, DASHBOARD, { 'set-cookie': cookie });
  }

  const ROUTES: [string, RegExp, Page][] = [
    ['GET', /^$/, home],
    ['GET', /^\/dot-xuat$/, adhoc],
    ['GET', /^\/nhat-ky$/, audit],
    ['GET', /^\/dot\/([^/]+)$/, board],
    ['GET', /^\/dot\/([^/]+)\/xuat\/(docx|xlsx)$/, roundExport],
    ['GET', /^\/dot\/([^/]+)\/don-vi\/([^/]+)$/, unitReport],
    ['GET', /^\/dot\/([^/]+)\/don-vi\/([^/]+)\/xuat$/, unitExport],
    ['POST', /^\/dot\/([^/]+)\/mien$/, exempt],
    ['POST', /^\/dang-xuat$/, logout],
  ];

  /** Every guarded path, for tests that check access on each of them. */
  const guardedPaths = ROUTES.map(([method, pattern]) => ({ method, pattern }));

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = (request.url ?? '/').split('?')[0]!.slice(DASHBOARD.length).replace(/\/$/, '');
    if (path === '/dang-nhap') {
      if (request.method === 'GET') return loginForm(request, response);
      if (request.method === 'POST') return login(request, response);
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
      return guard(request, response, params, handler);
    }
    const session = await deps.auth.current(request);
    // Unknown paths reveal nothing to a visitor without access.
    if (!session) return unauthenticated(response);
    if (session.contact.role !== 'secretariat')
      return forbidden(response, 'Bảng điều khiển chỉ dành cho Ban Xây dựng Đảng.');
    notFound(response, 'Không có trang này.');
  }

  return { handle, guardedPaths };
}
