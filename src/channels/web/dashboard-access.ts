import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AuthMode, WebAuth, WebSession } from './auth';
import { html } from './html';
import { readForm, sendHtml } from './http-util';
import { messagePage } from './layout';

export const DASHBOARD = '/bang-dieu-khien';

/** A dashboard page: called only for a secretariat member's session (and a POST with its CSRF token). */
export type Page = (
  request: IncomingMessage,
  response: ServerResponse,
  session: WebSession,
  params: string[],
) => Promise<void>;

type RequestWithForm = IncomingMessage & { form?: URLSearchParams };

/** The form a guarded POST sent (already read and checked by the guard). */
export function formOf(request: IncomingMessage): URLSearchParams {
  return (request as RequestWithForm).form ?? new URLSearchParams();
}

export function notFound(response: ServerResponse, what: string): void {
  sendHtml(
    response,
    404,
    messagePage('Không tìm thấy', html`${what} <a href="${DASHBOARD}">Về bảng điều khiển</a>`),
  );
}

/**
 * Who may see the dashboard. Every route goes through {@link DashboardAccess.guard}: no session →
 * 401 with how to log in; a session whose contact is not (or no longer) a secretariat member →
 * 403; a POST without this session's CSRF token → 403. Nothing here trusts the page it was sent from.
 */
export function createDashboardAccess(deps: { auth: WebAuth; mode: AuthMode }) {
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
      (request as RequestWithForm).form = form;
    }
    return handler(request, response, session, params);
  }

  /** An unknown path reveals nothing to a visitor without access. */
  async function unknownPath(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const session = await deps.auth.current(request);
    if (!session) return unauthenticated(response);
    if (session.contact.role !== 'secretariat')
      return forbidden(response, 'Bảng điều khiển chỉ dành cho Ban Xây dựng Đảng.');
    notFound(response, 'Không có trang này.');
  }

  return { guard, unknownPath };
}
