import { createHash } from 'node:crypto';
import type { Models, WebLoginDoc, WebLoginKind } from '../models';

/** The stored key of a web secret: its SHA-256, so the database never holds a usable credential. */
export function hashWebSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

export function createWebLoginRepository({ WebLogin }: Models) {
  return {
    async create(entry: {
      secret: string;
      kind: WebLoginKind;
      contactId: string;
      expiresAt: Date;
      at: Date;
    }): Promise<void> {
      await WebLogin.create({
        _id: hashWebSecret(entry.secret),
        kind: entry.kind,
        contactId: entry.contactId,
        expiresAt: entry.expiresAt,
        usedAt: null,
        createdAt: entry.at,
      });
    },

    /** A live session (not expired) by its cookie secret. */
    findSession(secret: string, at: Date): Promise<WebLoginDoc | null> {
      return WebLogin.findOne({ _id: hashWebSecret(secret), kind: 'session', expiresAt: { $gt: at } })
        .lean<WebLoginDoc>()
        .exec();
    },

    /**
     * Redeems a one-time link: a single conditional update marks it used, so two concurrent
     * openings of the same link cannot both succeed.
     */
    async redeemLink(secret: string, at: Date): Promise<WebLoginDoc | null> {
      return WebLogin.findOneAndUpdate(
        { _id: hashWebSecret(secret), kind: 'link', usedAt: null, expiresAt: { $gt: at } },
        { $set: { usedAt: at } },
        { returnDocument: 'after' },
      )
        .lean<WebLoginDoc>()
        .exec();
    },

    async remove(secret: string): Promise<void> {
      await WebLogin.deleteOne({ _id: hashWebSecret(secret) }).exec();
    },

    /** Stands in for a TTL index, which FerretDB cannot create. */
    async purgeExpired(at: Date): Promise<number> {
      const outcome = await WebLogin.deleteMany({ expiresAt: { $lte: at } }).exec();
      return outcome.deletedCount;
    },
  };
}

export type WebLoginRepository = ReturnType<typeof createWebLoginRepository>;
