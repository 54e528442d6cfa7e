import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Conversation } from '../../conversation/conversation';
import type { DemoIdentities } from '../../features/contacts/demo-identities';
import type { Logger } from '../../logger';
import type { AuthMode, WebAuth, WebSession } from './auth';
import { SESSION_COOKIE } from './auth';
import { createChatApi } from './chat-api';
import { chatPage, pickerPage, SECRETARIAT_PICK } from './chat-page';
import { html } from './html';
import { clearedCookie, readForm, redirect, sendHtml } from './http-util';
import { messagePage } from './layout';
import type { WebOutbox } from './outbox';

export interface ChatRoutesDeps {
  conversation: Conversation;
  /** The demo's identities: the units to pick from, the web contact a pick links. */
  demo: DemoIdentities;
  logger: Logger;
  auth: WebAuth;
  mode: AuthMode;
  outbox: WebOutbox;
  maxAttachmentBytes: number;
}

/**
 * The web chat: in demo mode a picker of seeded units (and the secretariat), then a chat that
 * talks to the same conversation service as Telegram and Zalo. In login mode the chat is closed:
 * real users write on Telegram or Zalo, and the web serves the dashboard only.
 */
export function createChatRoutes(deps: ChatRoutesDeps) {
  const { auth, demo } = deps;

  function closedInLoginMode(response: ServerResponse): void {
    sendHtml(
      response,
      404,
      messagePage(
        'Trò chuyện trên web không mở',
        html`Trò chuyện trên web chỉ dùng khi chạy thử trên máy (chưa cấu hình bot Telegram hoặc Zalo). Đồng chí vui lòng làm báo cáo qua Telegram hoặc Zalo. Ban Xây dựng Đảng vào <a href="/bang-dieu-khien">bảng điều khiển</a> bằng liên kết đăng nhập do bot gửi.`,
      ),
    );
  }

  async function page(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (deps.mode === 'login') return closedInLoginMode(response);
    const session = await auth.current(request);
    if (!session) return sendHtml(response, 200, pickerPage(await demo.pickableUnits(), {}));
    const nonce = randomBytes(16).toString('base64');
    sendHtml(
      response,
      200,
      chatPage({
        nonce,
        csrf: session.csrf,
        who: session.contact.displayName,
        unitName: await demo.unitName(session.contact.unitCode),
        isSecretariat: session.contact.role === 'secretariat',
        historyKey: createHash('sha256').update(session.contact._id).digest('hex').slice(0, 16),
        maxBytes: deps.maxAttachmentBytes,
        demo: true,
      }),
      { nonce },
    );
  }

  /** Demo only: links a fresh web contact for this browser to the chosen unit (or the secretariat). */
  async function pick(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (deps.mode === 'login') return closedInLoginMode(response);
    const form = await readForm(request);
    const choice = form.get('donvi') ?? '';
    const name = (form.get('ten') ?? '').replace(/\s+/g, ' ').trim().slice(0, 80);
    const outcome = await demo.pick({ unitCode: choice === SECRETARIAT_PICK ? null : choice, name });
    if (outcome.type === 'unknown-unit') {
      const units = await demo.pickableUnits();
      return sendHtml(response, 400, pickerPage(units, { error: 'Không có đơn vị này. Vui lòng chọn lại.' }));
    }
    const previous = await auth.current(request);
    if (previous) await closeDemoSession(previous);
    const cookie = await auth.open(outcome.contact._id);
    redirect(response, '/web', { 'set-cookie': cookie });
  }

  /** A demo pick is one browser's identity: leaving it retires the contact so boards stay honest. */
  async function closeDemoSession(session: WebSession): Promise<void> {
    await auth.close(session);
    await demo.retire(session.contact);
  }

  async function leave(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const session = await auth.current(request);
    const form = await readForm(request);
    if (session && !auth.checkCsrf(session, form.get('csrf'))) {
      return sendHtml(
        response,
        403,
        messagePage(
          'Không được phép',
          html`Yêu cầu không hợp lệ (thiếu mã xác thực biểu mẫu). Vui lòng tải lại trang và thử lại.`,
        ),
      );
    }
    if (session) await closeDemoSession(session);
    redirect(response, '/web', { 'set-cookie': clearedCookie(SESSION_COOKIE) });
  }

  const api = createChatApi({ ...deps, demo: deps.mode === 'demo' });
  return { page, pick, leave, ...api };
}
