import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Conversation } from '../../conversation/conversation';
import type { WebAuth, WebSession } from './auth';
import { toContent } from './chat-content';
import { BodyTooLargeError, contentTypeOf, readBody, sendFile, sendJson } from './http-util';
import { WEB_MAX_TEXT, type WebOutbox } from './outbox';

export interface ChatApiDeps {
  conversation: Conversation;
  auth: WebAuth;
  demo: boolean;
  outbox: WebOutbox;
  maxAttachmentBytes: number;
}

/**
 * The chat page's JSON API (demo only): a message in, the conversation's replies out; the outbox
 * of messages sent outside a reply; the documents attached to either.
 */
export function createChatApi(deps: ChatApiDeps) {
  const { auth, outbox } = deps;
  const uploadLimit = Math.ceil((deps.maxAttachmentBytes * 4) / 3) + 16_384;

  async function apiSession(request: IncomingMessage, response: ServerResponse): Promise<WebSession | null> {
    if (!deps.demo) {
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

  return { message, poll, document };
}
