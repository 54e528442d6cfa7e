import { createHash } from 'node:crypto';
import type { Models, WebLoginDoc, WebLoginKind } from '../models';
import { nativeCollection } from '../native-collection';
import { isDuplicateKeyError } from './duplicate-key';

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
     * Redeems a one-time link. Only the opening that inserts the link's redemption mark wins: a
     * unique insert is atomic on both stores (a conditional update is not on the embedded one), so
     * two concurrent openings of the same link, in one process or two, open one session.
     */
    async redeemLink(secret: string, at: Date): Promise<WebLoginDoc | null> {
      const id = hashWebSecret(secret);
      const link = await WebLogin.findOne({ _id: id, kind: 'link', expiresAt: { $gt: at } })
        .lean<WebLoginDoc>()
        .exec();
      // A link used before redemption marks existed has its usedAt set.
      if (!link || link.usedAt !== null) return null;
      try {
        await nativeCollection(WebLogin).insertOne({
          _id: `${id}:used`,
          kind: 'redemption',
          contactId: link.contactId,
          // Purged with the link.
          expiresAt: link.expiresAt,
          usedAt: at,
          createdAt: at,
        });
      } catch (error) {
        if (isDuplicateKeyError(error)) return null;
        throw error;
      }
      // For the record only: the mark above is what stops a second use.
      await WebLogin.updateOne({ _id: id }, { $set: { usedAt: at } }).exec();
      return { ...link, usedAt: at };
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
