import { randomBytes } from 'node:crypto';
import type { DateTime } from 'luxon';
import type { ContactDoc } from '../../store/models';
import type { Repositories } from '../../store/repositories';

export const LOGIN_LINK_MINUTES = 15;
/** Where a dashboard login link points (the web channel serves it). */
export const DASHBOARD_LOGIN_PATH = '/bang-dieu-khien/dang-nhap';

/**
 * 'demo' when no platform token is configured (anyone on this machine picks a unit or the
 * secretariat); 'login' in production (the dashboard opens through one-time links only).
 */
export type WebAccessMode = 'demo' | 'login';

/** A login-mode session ends after a working day; the local demo keeps its pick for a week. */
const SESSION_HOURS: Record<WebAccessMode, number> = { login: 12, demo: 24 * 7 };

/** The contact behind a web session, as the web channel uses it. */
export type SessionContact = Pick<
  ContactDoc,
  '_id' | 'platform' | 'userId' | 'chatId' | 'displayName' | 'unitCode' | 'role'
>;

/** A new session: the browser keeps the secret (the store only its hash) for `maxAgeSeconds`. */
export interface OpenedSession {
  secret: string;
  maxAgeSeconds: number;
}

function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Browser sessions of the web chat and the dashboard, and the redemption of one-time login
 * links, kept in the `web_logins` collection.
 */
export function createWebSessions(deps: { repos: Repositories; now: () => DateTime; mode: WebAccessMode }) {
  const { repos, now, mode } = deps;
  const hours = SESSION_HOURS[mode];

  async function open(contactId: string): Promise<OpenedSession> {
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
    return { secret, maxAgeSeconds: hours * 3600 };
  }

  return {
    /** Opens a session for a contact. */
    open,

    /** The session's contact, re-read every time so a role change or deactivation applies at once. */
    async contactOf(secret: string): Promise<SessionContact | null> {
      const session = await repos.webLogins.findSession(secret, now().toJSDate());
      if (!session) return null;
      const contact = await repos.contacts.get(session.contactId);
      if (!contact?.active) return null;
      // A web contact exists only in the demo (anyone could pick any unit or the secretariat):
      // once a platform token is set, the sessions the demo opened end here.
      if (mode === 'login' && contact.platform === 'web') {
        await repos.webLogins.remove(secret);
        return null;
      }
      return contact;
    },

    async close(secret: string): Promise<void> {
      await repos.webLogins.remove(secret);
    },

    /**
     * Spends a one-time login link and opens a session for its secretariat member (audited as
     * `web.login`). Null when the link is used, expired or unknown, or its contact is no longer
     * an active secretariat member.
     */
    async logInWithLink(code: string): Promise<{ contact: SessionContact; session: OpenedSession } | null> {
      if (!code || code.length > 100) return null;
      const at = now().toJSDate();
      const link = await repos.webLogins.redeemLink(code, at);
      const contact = link ? await repos.contacts.get(link.contactId) : null;
      if (!contact?.active || contact.role !== 'secretariat') return null;
      const session = await open(contact._id);
      await repos.audit.record({ at, actor: contact._id, channel: 'web', action: 'web.login', details: {} });
      return { contact, session };
    },
  };
}

export type WebSessions = ReturnType<typeof createWebSessions>;

/**
 * One-time dashboard login links for production (a platform token configured): the secretariat
 * chat feature sends one to a secretariat member; it is valid 15 minutes and opens one session.
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
      return `${deps.baseUrl().replace(/\/+$/, '')}${DASHBOARD_LOGIN_PATH}?ma=${secret}`;
    },
  };
}

export type LoginLinks = ReturnType<typeof createLoginLinks>;
