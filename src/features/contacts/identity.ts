import type { DateTime } from 'luxon';
import { vi } from '../../conversation/common-texts';
import type { Inbound, Platform } from '../../conversation/messages';
import type { ContactDoc } from '../../store/models';
import type { Repositories } from '../../store/repositories';
import { contactId } from '../../store/repositories';
import { InviteThrottle } from './invite-throttle';

export interface IdentityDeps {
  repos: Repositories;
  now: () => DateTime;
  /** Platform user ids that are secretariat members from configuration (SECRETARIAT_*_IDS). */
  secretariatIds: Partial<Record<Platform, readonly string[]>>;
  /** Told when an account becomes a secretariat member (e.g. to show it the secretariat's command menu). */
  onSecretariatJoined?: (contact: ContactDoc) => Promise<void>;
}

export type RedeemOutcome = { ok: true; contact: ContactDoc; text: string } | { ok: false; text: string };

/** Who is writing: the contact behind a platform account, invitations, and the configured secretariat. */
export function createIdentityService({ repos, now, secretariatIds, onSecretariatJoined }: IdentityDeps) {
  const joined = async (contact: ContactDoc) => {
    if (contact.role === 'secretariat') await onSecretariatJoined?.(contact).catch(() => undefined);
  };

  const throttle = new InviteThrottle();

  async function resolve(inbound: Inbound): Promise<ContactDoc | null> {
    const id = contactId(inbound.platform, inbound.userId);
    const contact = await repos.contacts.get(id);
    const configured = secretariatIds[inbound.platform]?.includes(inbound.userId) ?? false;
    if (configured && (contact?.role !== 'secretariat' || !contact.active)) {
      const linked = await repos.contacts.link({
        platform: inbound.platform,
        userId: inbound.userId,
        chatId: inbound.chatId,
        displayName: inbound.displayName,
        unitCode: contact?.unitCode ?? null,
        role: 'secretariat',
      });
      await repos.audit.record({
        at: now().toJSDate(),
        actor: 'config',
        channel: inbound.platform,
        action: 'role.granted',
        details: { contactId: id, role: 'secretariat', source: 'configuration' },
      });
      await joined(linked);
      return linked;
    }
    // Writing again is proof the person can be reached, whatever a reminder's 403 said before.
    if (contact?.unreachableAt) {
      await repos.contacts.markReachable(id);
      return { ...contact, unreachableAt: null };
    }
    return contact;
  }

  async function redeem(inbound: Inbound, code: string): Promise<RedeemOutcome> {
    const key = contactId(inbound.platform, inbound.userId);
    const at = now();
    // The code is checked first: a right code copied after several wrong ones is never refused.
    const result = await repos.invites.redeem(code, key, at.toJSDate());
    if (!result.ok) {
      const wait = throttle.waitSeconds(key, at.toMillis());
      if (wait > 0) return { ok: false, text: vi.inviteThrottled(wait) };
      throttle.recordFailure(key, at.toMillis());
      const text = { unknown: vi.inviteUnknown, used: vi.inviteUsed, expired: vi.inviteExpired }[
        result.reason
      ];
      return { ok: false, text };
    }
    throttle.recordSuccess(key);
    const { invite } = result;
    const contact = await repos.contacts.link({
      platform: inbound.platform,
      userId: inbound.userId,
      chatId: inbound.chatId,
      displayName: inbound.displayName,
      unitCode: invite.unitCode,
      role: invite.role,
    });
    await repos.audit.record({
      at: at.toJSDate(),
      actor: key,
      channel: inbound.platform,
      action: 'invite.used',
      unitCode: invite.unitCode,
      details: { role: invite.role, createdBy: invite.createdBy },
    });
    if (invite.role === 'secretariat' && !invite.unitCode)
      return { ok: true, contact, text: vi.secretariatAccepted };
    const unit = invite.unitCode ? await repos.units.get(invite.unitCode) : null;
    const text = vi.inviteAccepted(unit?.name ?? invite.unitCode ?? '');
    return {
      ok: true,
      contact,
      text: invite.role === 'secretariat' ? `${text}\n\n${vi.secretariatAccepted}` : text,
    };
  }

  return { resolve, redeem };
}

export type IdentityService = ReturnType<typeof createIdentityService>;
