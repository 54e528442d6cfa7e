import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type {
  OpenedSession,
  SessionContact,
  WebAccessMode,
  WebSessions,
} from '../../features/contacts/web-sessions';
import { parseCookies, sessionCookie } from './http-util';

export const SESSION_COOKIE = 'baocao_phien';

export type AuthMode = WebAccessMode;

export interface WebSession {
  /** The cookie's secret: only its hash is stored. */
  secret: string;
  contact: SessionContact;
  /** Sent back with every POST (form field or header); derived from the secret, so never stored. */
  csrf: string;
}

/**
 * The browser side of web sessions: the cookie and the CSRF token. Which sessions exist and whose
 * they are is the web-sessions use case's (`features/contacts/web-sessions.ts`).
 */
export function createWebAuth(deps: { sessions: WebSessions; secureCookies: boolean }) {
  const { sessions } = deps;

  function csrfFor(secret: string): string {
    return createHash('sha256').update(`csrf:${secret}`).digest('base64url').slice(0, 32);
  }

  return {
    /** The Set-Cookie header value of a session just opened. */
    cookieOf(session: OpenedSession): string {
      return sessionCookie(SESSION_COOKIE, session.secret, session.maxAgeSeconds, deps.secureCookies);
    },

    /** Opens a session for a contact; returns the Set-Cookie header value. */
    async open(contactId: string): Promise<string> {
      return this.cookieOf(await sessions.open(contactId));
    },

    /** The request's session with its contact, re-read on every request so a role change applies at once. */
    async current(request: IncomingMessage): Promise<WebSession | null> {
      const secret = parseCookies(request).get(SESSION_COOKIE);
      if (!secret || secret.length > 100) return null;
      const contact = await sessions.contactOf(secret);
      return contact ? { secret, contact, csrf: csrfFor(secret) } : null;
    },

    async close(session: WebSession): Promise<void> {
      await sessions.close(session.secret);
    },

    /** Constant-time comparison of the token a form or script sent back. */
    checkCsrf(session: WebSession, provided: string | null | undefined): boolean {
      if (!provided) return false;
      const expected = Buffer.from(session.csrf);
      const given = Buffer.from(provided);
      return expected.length === given.length && timingSafeEqual(expected, given);
    },
  };
}

export type WebAuth = ReturnType<typeof createWebAuth>;
