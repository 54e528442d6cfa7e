import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { DateTime } from 'luxon';
import type { ContactDoc } from '../../store/models';
import type { Repositories } from '../../store/repositories';
import { parseCookies, sessionCookie } from './http-util';

export const SESSION_COOKIE = 'baocao_phien';
export const LOGIN_LINK_MINUTES = 15;
export const LOGIN_PATH = '/bang-dieu-khien/dang-nhap';
/** A login-mode session ends after a working day; the local demo keeps its pick for a week. */
const SESSION_HOURS = { login: 12, demo: 24 * 7 } as const;

export type AuthMode = 'demo' | 'login';

export interface WebSession {
  /** The cookie's secret: only its hash is stored. */
  secret: string;
  contact: ContactDoc;
  /** Sent back with every POST (form field or header); derived from the secret, so never stored. */
  csrf: string;
}

function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** Browser sessions of the web chat and the dashboard, kept in the `web_logins` collection. */
export function createWebAuth(deps: {
  repos: Repositories;
  now: () => DateTime;
  mode: AuthMode;
  secureCookies: boolean;
}) {
  const { repos, now } = deps;
  const hours = SESSION_HOURS[deps.mode];

  function csrfFor(secret: string): string {
    return createHash('sha256').update(`csrf:${secret}`).digest('base64url').slice(0, 32);
  }

  return {
    /** Opens a session for a contact; returns the Set-Cookie header value. */
    async open(contactId: string): Promise<string> {
      const secret = newSecret();
      const at = now();
      // Expired sessions and links go when new ones come: no scheduler needed for a small collection.
      await repos.webLogins.purgeExpired(at.toJSDate());
      await repos.webLogins.create({
        secret,
        kind: 'session',
        contactId,
        expiresAt: at.plus({ hours }).toJSDate(),
        at: at.toJSDate(),
      });
      return sessionCookie(SESSION_COOKIE, secret, hours * 3600, deps.secureCookies);
    },

    /** The request's session with its contact, re-read on every request so a role change applies at once. */
    async current(request: IncomingMessage): Promise<WebSession | null> {
      const secret = parseCookies(request).get(SESSION_COOKIE);
      if (!secret || secret.length > 100) return null;
      const session = await repos.webLogins.findSession(secret, now().toJSDate());
      if (!session) return null;
      const contact = await repos.contacts.get(session.contactId);
      if (!contact?.active) return null;
      // A web contact exists only in the demo (anyone could pick any unit or the secretariat):
      // once a platform token is set, the sessions the demo opened end here.
      if (deps.mode === 'login' && contact.platform === 'web') {
        await repos.webLogins.remove(secret);
        return null;
      }
      return { secret, contact, csrf: csrfFor(secret) };
    },

    async close(session: WebSession): Promise<void> {
      await repos.webLogins.remove(session.secret);
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

/**
 * One-time dashboard login links for production (a platform token configured): the secretariat
 * chat feature sends one to a secretariat member; it is valid 15 minutes and opens one session.
 * Created separately from the web channel because the chat features exist before it.
 */
export function createLoginLinks(deps: {
  repos: Repositories;
  now: () => DateTime;
  /** The address users open: PUBLIC_URL, or the local server's address once it listens. */
  baseUrl: () => string;
}) {
  return {
    async createDashboardLoginLink(contactId: string): Promise<string> {
      const secret = newSecret();
      const at = deps.now();
      await deps.repos.webLogins.purgeExpired(at.toJSDate());
      await deps.repos.webLogins.create({
        secret,
        kind: 'link',
        contactId,
        expiresAt: at.plus({ minutes: LOGIN_LINK_MINUTES }).toJSDate(),
        at: at.toJSDate(),
      });
      return `${deps.baseUrl().replace(/\/+$/, '')}${LOGIN_PATH}?ma=${secret}`;
    },
  };
}

export type LoginLinks = ReturnType<typeof createLoginLinks>;
