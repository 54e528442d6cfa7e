import { createHash, randomBytes } from 'node:crypto';
import type { KeyedLock } from '../keyed-lock';
import type { InviteDoc, Models, Role } from '../models';

/** Codes are 16 characters of base64url: fit a Telegram deep link (≤ 64 of A–Z a–z 0–9 _ -) and are unguessable. */
export function newInviteCode(): string {
  return randomBytes(12).toString('base64url');
}

export function hashInviteCode(code: string): string {
  return createHash('sha256').update(code.trim()).digest('hex');
}

export type RedeemResult =
  | { ok: true; invite: InviteDoc }
  | { ok: false; reason: 'unknown' | 'used' | 'expired'; invite?: InviteDoc };

export function createInviteRepository({ Invite }: Models, lock: KeyedLock) {
  return {
    /** Returns the plain code once; only its hash is stored. */
    async create(input: {
      unitCode: string | null;
      role: Role;
      expiresAt: Date;
      createdBy: string;
    }): Promise<string> {
      const code = newInviteCode();
      await Invite.create({ _id: hashInviteCode(code), ...input, usedAt: null, usedBy: null });
      return code;
    },

    /** Single use: the check and the marking run under one lock (and as one conditional update on MongoDB). */
    redeem(code: string, usedBy: string, now: Date): Promise<RedeemResult> {
      const hash = hashInviteCode(code);
      return lock.run(`invite:${hash}`, async () => {
        const invite = await Invite.findById(hash).lean<InviteDoc>().exec();
        if (!invite) return { ok: false, reason: 'unknown' };
        if (invite.usedAt) return { ok: false, reason: 'used', invite };
        if (invite.expiresAt.getTime() <= now.getTime()) return { ok: false, reason: 'expired', invite };
        const marked = await Invite.updateOne(
          { _id: hash, usedAt: null },
          { $set: { usedAt: now, usedBy } },
        ).exec();
        if (marked.modifiedCount === 0) return { ok: false, reason: 'used', invite };
        return { ok: true, invite: { ...invite, usedAt: now, usedBy } };
      });
    },
  };
}

export type InviteRepository = ReturnType<typeof createInviteRepository>;
