import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DateTime } from 'luxon';
import type { Conversation } from '../../conversation/conversation';
import type { InboundContent } from '../../conversation/messages';
import { parseTypedCommand } from '../../conversation/typed-commands';
import type { Logger } from '../../logger';
import type { Repositories } from '../../store/repositories';
import type { AuthMode, WebAuth, WebSession } from './auth';
import { SESSION_COOKIE } from './auth';
import { chatPage, pickerPage, SECRETARIAT_PICK } from './chat-page';
import { html } from './html';
import {
  BodyTooLargeError,
  clearedCookie,
  contentTypeOf,
  readBody,
  readForm,
  redirect,
  sendFile,
  sendHtml,
  sendJson,
} from './http-util';
import { messagePage } from './layout';
import { WEB_MAX_TEXT, type WebOutbox } from './outbox';

export interface ChatRoutesDeps {
  conversation: Conversation;
  repos: Repositories;
  logger: Logger;
  now: () => DateTime;
  auth: WebAuth;
  mode: AuthMode;
  outbox: WebOutbox;
  maxAttachmentBytes: number;
}

const MESSAGE_ID = /^[A-Za-z0-9-]{8,64}$/;

/** A file name as shown and stored: no path separators or control characters, at most 200 characters. */
function safeFileName(name: string): string {
  const cleaned = [...name].map((c) => (c === '/' || c === '\\' || c.charCodeAt(0) < 32 ? '_' : c)).join('');
  return cleaned.slice(0, 200) || 'tep';
}

/** Parses the JSON body of `POST /web/api/message` into conversation content; null when malformed. */
export function toContent(body: unknown, maxBytes: number): { id: string; content: InboundContent } | null {
  if (typeof body !== 'object' || body === null) return null;
  const b = body as Record<string, unknown>;
  if (typeof b.id !== 'string' || !MESSAGE_ID.test(b.id)) return null;
  if (typeof b.command === 'string' && /^[a-z_]{1,32}$/.test(b.command)) {
    return { id: b.id, content: { type: 'command', command: b.command, args: '' } };
  }
  if (typeof b.button === 'string' && b.button.length > 0 && Buffer.byteLength(b.button) <= 64) {
    return { id: b.id, content: { type: 'button', data: b.button } };
  }
  if (typeof b.text === 'string') {
    const text = b.text.trim();
    if (!text || text.length > WEB_MAX_TEXT) return null;
    // Typed commands work as in Telegram ("/baocao", "/sua 5") and, as on Zalo, as plain words
    // when the whole message is one ("xem lại", "nộp", "sửa câu 5").
    const command = parseTypedCommand(text);
    if (command)
      return { id: b.id, content: { type: 'command', command: command.command, args: command.args } };
    return { id: b.id, content: { type: 'text', text } };
  }
  if (typeof b.file === 'object' && b.file !== null) {
    const f = b.file as Record<string, unknown>;
    if (typeof f.name !== 'string' || typeof f.dataBase64 !== 'string') return null;
    const bytes = Buffer.from(f.dataBase64, 'base64');
    if (bytes.length === 0 || bytes.length > maxBytes) return null;
    const mimeType =
      typeof f.mimeType === 'string' && /^[\w.+-]+\/[\w.+-]+$/.test(f.mimeType)
        ? f.mimeType
        : 'application/octet-stream';
    const name = safeFileName(f.name);
    return {
      id: b.id,
      content: {
        type: 'file',
        file: {
          kind: mimeType.startsWith('image/') ? 'photo' : 'document',
          fileId: `web-${createHash('sha256').update(bytes).digest('hex').slice(0, 32)}`,
          name,
          size: bytes.length,
          mimeType,
          // The upload is the file: nothing to fetch from a platform.
          download: async () => bytes,
        },
      },
    };
  }
  return null;
}

/**
 * The web chat: in demo mode a picker of seeded units (and the secretariat), then a chat that
 * talks to the same conversation service as Telegram and Zalo. In login mode the chat is closed:
 * real users write on Telegram or Zalo, and the web serves the dashboard only.
 */
export function createChatRoutes(deps: ChatRoutesDeps) {
  const { repos, auth, outbox } = deps;
  const uploadLimit = Math.ceil((deps.maxAttachmentBytes * 4) / 3) + 16_384;

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
    if (!session) {
      const units = await repos.units.list({ activeOnly: true });
      return sendHtml(response, 200, pickerPage(units, {}));
    }
    const unit = session.contact.unitCode ? await repos.units.get(session.contact.unitCode) : null;
    const nonce = randomBytes(16).toString('base64');
    sendHtml(
      response,
      200,
      chatPage({
        nonce,
        csrf: session.csrf,
        who: session.contact.displayName,
        unitName: unit?.name ?? null,
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
    const secretariat = choice === SECRETARIAT_PICK;
    const unit = secretariat ? null : await repos.units.get(choice);
    if (!secretariat && !unit?.active) {
      const units = await repos.units.list({ activeOnly: true });
      return sendHtml(response, 400, pickerPage(units, { error: 'Không có đơn vị này. Vui lòng chọn lại.' }));
    }
    const previous = await auth.current(request);
    if (previous) await closeDemoSession(previous);
    const userId = randomUUID();
    const contact = await repos.contacts.link({
      platform: 'web',
      userId,
      chatId: userId,
      displayName: name || (secretariat ? 'Thư ký Ban Xây dựng Đảng' : `Người báo cáo (${unit!.name})`),
      unitCode: unit?._id ?? null,
      role: secretariat ? 'secretariat' : 'contact',
    });
    await repos.audit.record({
      at: deps.now().toJSDate(),
      actor: contact._id,
      channel: 'web',
      action: secretariat ? 'role.granted' : 'contact.linked',
      unitCode: unit?._id ?? null,
      details: { role: contact.role, source: 'web-demo' },
    });
    const cookie = await auth.open(contact._id);
    redirect(response, '/web', { 'set-cookie': cookie });
  }

  /** A demo pick is one browser's identity: leaving it retires the contact so boards stay honest. */
  async function closeDemoSession(session: WebSession): Promise<void> {
    await auth.close(session);
    if (session.contact.platform === 'web') await repos.contacts.setActive(session.contact._id, false);
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

  async function apiSession(request: IncomingMessage, response: ServerResponse): Promise<WebSession | null> {
    if (deps.mode === 'login') {
      sendJson(response, 404, { error: 'web chat is only served in demo mode' });
      return null;
    }
    const session = await auth.current(request);
    if (session?.contact.platform !== 'web') {
      sendJson(response, 401, { error: 'no session' });
      return null;
    }
    return session;
  }

  async function message(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const session = await apiSession(request, response);
    if (!session) return;
    const csrf = request.headers['x-csrf-token'];
    if (!auth.checkCsrf(session, typeof csrf === 'string' ? csrf : null)) {
      return sendJson(response, 403, { error: 'missing or wrong CSRF token' });
    }
    let body: unknown;
    try {
      body = JSON.parse((await readBody(request, uploadLimit)).toString('utf8'));
    } catch (error) {
      if (error instanceof BodyTooLargeError) return sendJson(response, 413, { error: 'too large' });
      return sendJson(response, 400, { error: 'invalid JSON' });
    }
    const parsed = toContent(body, deps.maxAttachmentBytes);
    if (!parsed) return sendJson(response, 400, { error: 'expected {id, text | command | button | file}' });
    const { contact } = session;
    const replies = await deps.conversation.handle(
      {
        platform: 'web',
        // Scoped by user: one browser cannot pre-empt another's message ids.
        updateId: `${contact.userId}:${parsed.id}`,
        userId: contact.userId,
        chatId: contact.chatId,
        displayName: contact.displayName,
        content: parsed.content,
      },
      WEB_MAX_TEXT,
    );
    sendJson(response, 200, { replies: replies.map((reply) => outbox.toWeb(contact.userId, reply)) });
  }

  async function poll(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const session = await apiSession(request, response);
    if (!session) return;
    sendJson(response, 200, { messages: outbox.take(session.contact.userId) });
  }

  async function document(request: IncomingMessage, response: ServerResponse, id: string): Promise<void> {
    const session = await apiSession(request, response);
    if (!session) return;
    const found = outbox.document(session.contact.userId, id);
    if (!found) return sendJson(response, 404, { error: 'no such document' });
    sendFile(response, { ...found, contentType: contentTypeOf(found.fileName) });
  }

  return { page, pick, leave, message, poll, document };
}
