import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DateTime } from 'luxon';
import type { Conversation } from '../../conversation/conversation';
import type { ChannelSender } from '../../conversation/messages';
import type { DemoIdentities } from '../../features/contacts/demo-identities';
import type { WebSessions } from '../../features/contacts/web-sessions';
import type { Dashboard } from '../../features/secretariat/dashboard';
import type { HttpServer } from '../../http/server';
import type { Logger } from '../../logger';
import { type AuthMode, createWebAuth } from './auth';
import { createChatRoutes } from './chat-routes';
import { createDashboardRoutes, DASHBOARD, type DashboardExports } from './dashboard-routes';
import { html } from './html';
import { BodyTooLargeError, redirect, sendHtml } from './http-util';
import { messagePage } from './layout';
import { WebOutbox } from './outbox';

export interface WebChannelOptions {
  http: HttpServer;
  conversation: Conversation;
  /** The dashboard's use cases (`createDashboard`). */
  dashboard: Dashboard;
  /** Sessions and login links (`createWebSessions`, in the same mode as `auth.mode`). */
  sessions: WebSessions;
  /** The demo's identities (`createDemoIdentities`): the picker's units and the contacts it links. */
  demo: DemoIdentities;
  logger: Logger;
  now: () => DateTime;
  timeZone: string;
  /** 'demo' when no platform token is configured (pick a unit, no login); 'login' in production. */
  auth: { mode: AuthMode };
  /** The export service; without it the dashboard offers no downloads. */
  exports?: DashboardExports;
  /** Largest upload accepted by the chat (the same limit as attachments on other channels). */
  maxAttachmentBytes: number;
  /** Mark cookies Secure (when PUBLIC_URL is https behind a proxy). */
  secureCookies?: boolean;
  /** Where messages to web chats wait for the page, when its sender is built before the channel. */
  outbox?: WebOutbox;
}

export interface WebChannel {
  /** Reminders and notifications to web contacts: held in memory until the page polls. */
  readonly sender: ChannelSender;
  /** Every dashboard route pattern, for access tests. */
  readonly guardedPaths: { method: string; pattern: RegExp }[];
}

/**
 * POSTs must come from this site: browsers send Origin on every cross-site POST, so a differing
 * Origin is refused before any handler runs (SameSite=Strict cookies and CSRF tokens do the rest).
 */
function sameOrigin(request: IncomingMessage): boolean {
  const origin = request.headers.origin;
  if (!origin || origin === 'null') return origin === undefined;
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}

/**
 * The local web channel: the web chat under `/web` (demo mode) and the secretariat dashboard under
 * `/bang-dieu-khien`, both served by the app's one HTTP server.
 */
export function createWebChannel(options: WebChannelOptions): WebChannel {
  const mode = options.auth.mode;
  const auth = createWebAuth({
    sessions: options.sessions,
    secureCookies: options.secureCookies ?? false,
  });
  const outbox = options.outbox ?? new WebOutbox();
  const chat = createChatRoutes({
    conversation: options.conversation,
    demo: options.demo,
    logger: options.logger,
    auth,
    mode,
    outbox,
    maxAttachmentBytes: options.maxAttachmentBytes,
  });
  const dashboard = createDashboardRoutes({
    dashboard: options.dashboard,
    sessions: options.sessions,
    logger: options.logger,
    now: options.now,
    timeZone: options.timeZone,
    auth,
    mode,
    exports: options.exports,
  });

  const guarded =
    (handler: (request: IncomingMessage, response: ServerResponse) => Promise<void>) =>
    async (request: IncomingMessage, response: ServerResponse) => {
      if (request.method === 'POST' && !sameOrigin(request)) {
        return sendHtml(
          response,
          403,
          messagePage('Không được phép', html`Yêu cầu đến từ một trang khác nên bị từ chối.`),
        );
      }
      try {
        await handler(request, response);
      } catch (error) {
        if (!(error instanceof BodyTooLargeError)) throw error;
        sendHtml(
          response,
          413,
          messagePage('Nội dung quá lớn', html`Nội dung gửi lên vượt quá giới hạn cho phép.`),
        );
      }
    };

  const { http } = options;
  http.route('GET', '/', (_request, response) => redirect(response, mode === 'demo' ? '/web' : DASHBOARD));
  // Browsers ask for it on every first visit: answer without noise in the logs.
  http.route('GET', '/favicon.ico', (_request, response) => {
    response.writeHead(204, { 'cache-control': 'max-age=86400' }).end();
  });
  http.route('GET', '/web', guarded(chat.page));
  http.route('POST', '/web/chon', guarded(chat.pick));
  http.route('POST', '/web/thoat', guarded(chat.leave));
  http.route('POST', '/web/api/message', guarded(chat.message));
  http.route('GET', '/web/api/outbox', guarded(chat.poll));
  http.mount(
    '/web/api/tep',
    guarded(async (request, response) => {
      // Document ids are UUIDs: anything else simply matches nothing.
      const id = (request.url ?? '').split('?')[0]!.split('/').pop() ?? '';
      return chat.document(request, response, id);
    }),
  );
  http.mount(DASHBOARD, guarded(dashboard.handle));

  return { sender: outbox.sender(), guardedPaths: dashboard.guardedPaths };
}
