import type { IncomingMessage, ServerResponse } from 'node:http';
import type { WebSessions } from '../../features/contacts/web-sessions';
import type { AuthMode, WebAuth } from './auth';
import { SESSION_COOKIE } from './auth';
import { DASHBOARD, type Page } from './dashboard-access';
import { html } from './html';
import { clearedCookie, readForm, redirect, sendHtml } from './http-util';
import { messagePage } from './layout';

/** Logging in to the dashboard with a one-time link, and out. */
export function createDashboardLogin(deps: { sessions: WebSessions; auth: WebAuth; mode: AuthMode }) {
  /** GET shows a button; only the POST spends the link, so chat apps' link previews cannot use it up. */
  async function form(request: IncomingMessage, response: ServerResponse): Promise<void> {
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

  async function logIn(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const code = (await readForm(request)).get('ma') ?? '';
    const login = await deps.sessions.logInWithLink(code);
    if (!login) {
      return sendHtml(
        response,
        403,
        messagePage(
          'Liên kết không dùng được',
          html`Liên kết đăng nhập đã được dùng, đã hết hạn hoặc không đúng. Đồng chí nhắn lại lệnh <b>/bangdieukhien</b> cho bot để nhận liên kết mới.`,
        ),
      );
    }
    redirect(response, DASHBOARD, { 'set-cookie': deps.auth.cookieOf(login.session) });
  }

  const logOut: Page = async (_request, response, session) => {
    await deps.auth.close(session);
    redirect(response, deps.mode === 'demo' ? '/web' : DASHBOARD, {
      'set-cookie': clearedCookie(SESSION_COOKIE),
    });
  };

  return { form, logIn, logOut };
}
