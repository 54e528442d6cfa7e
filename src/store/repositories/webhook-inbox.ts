import type { Models } from '../models';
import type { InboxEntryDoc, InboxLeaseDoc } from '../models/webhook-inbox';
import { nativeCollection } from '../native-collection';
import { isDuplicateKeyError } from './duplicate-key';

/** The webhook inbox: updates stored before the platform is answered, and who handles which chat. */
export function createWebhookInboxRepository({ InboxEntry, InboxLease }: Models) {
  return {
    /** Stores a received update; `duplicate` when the platform delivered it before (same `_id`). */
    async add(entry: Omit<InboxEntryDoc, 'status' | 'handledAt'>): Promise<'new' | 'duplicate'> {
      try {
        await nativeCollection(InboxEntry).insertOne({ ...entry, status: 'pending', handledAt: null });
        return 'new';
      } catch (error) {
        if (isDuplicateKeyError(error)) return 'duplicate';
        throw error;
      }
    },

    /** A chat's entries still to handle, oldest first. */
    async pending(chatKey: string, limit = 20): Promise<InboxEntryDoc[]> {
      return InboxEntry.find({ chatKey, status: 'pending' })
        .sort({ seq: 1, _id: 1 })
        .limit(limit)
        .lean<InboxEntryDoc[]>()
        .exec();
    },

    /** Chats of one platform with entries still to handle. */
    async chatsWithPending(platform: string): Promise<string[]> {
      const keys = await InboxEntry.distinct('chatKey', { platform, status: 'pending' }).exec();
      return keys.map(String);
    },

    /**
     * A handled entry is removed at once: on the embedded store a chat's pending entries are
     * found by a scan of the whole inbox (0.1 s with 3,000 entries, 0.5 s with 10,000, twice per
     * update), so it must hold only what is still to handle. The processed-update ledger and the
     * audit trail keep what was handled. An entry given up is kept, marked `failed`, for a look.
     * Only the lease holder of the entry's chat writes this, so it needs no guard.
     */
    async finish(id: string, status: 'done' | 'failed', at: Date): Promise<void> {
      if (status === 'done') await InboxEntry.deleteOne({ _id: id }).exec();
      else await InboxEntry.updateOne({ _id: id }, { $set: { status, handledAt: at } }).exec();
    },

    /** Counts by status, for tests and figures. */
    async count(filter: Partial<Pick<InboxEntryDoc, 'platform' | 'status'>> = {}): Promise<number> {
      return InboxEntry.countDocuments(filter).exec();
    },

    /** Entries given up (or marked done by an earlier version) are removed by the housekeeping. */
    async purgeHandledBefore(cutoff: Date): Promise<number> {
      const outcome = await InboxEntry.deleteMany({
        status: { $in: ['done', 'failed'] },
        handledAt: { $lt: cutoff },
      }).exec();
      return outcome.deletedCount;
    },

    /** Takes a chat's lease: a unique insert, so one holder at a time across processes. */
    async takeLease(chatKey: string, platform: string, holder: string, at: Date): Promise<boolean> {
      try {
        await nativeCollection(InboxLease).insertOne({ _id: chatKey, platform, holder, at });
        return true;
      } catch (error) {
        if (isDuplicateKeyError(error)) return false;
        throw error;
      }
    },

    async renewLease(chatKey: string, holder: string, at: Date): Promise<void> {
      await InboxLease.updateOne({ _id: chatKey, holder }, { $set: { at } }).exec();
    },

    async releaseLease(chatKey: string, holder: string): Promise<void> {
      await InboxLease.deleteOne({ _id: chatKey, holder }).exec();
    },

    /**
     * Breaks the leases of one platform not renewed since `before` (their holder died), or all of
     * them (`before` undefined: the caller is the store's only bot). Returns how many.
     */
    async breakLeases(platform: string, before?: Date): Promise<number> {
      if (before === undefined) {
        return (await InboxLease.deleteMany({ platform }).exec()).deletedCount;
      }
      const stale = await InboxLease.find({ platform, at: { $lt: before } })
        .lean<InboxLeaseDoc[]>()
        .exec();
      let broken = 0;
      for (const lease of stale) {
        // Matched on holder and time too: a lease renewed or retaken meanwhile stays.
        const outcome = await InboxLease.deleteOne({
          _id: lease._id,
          holder: lease.holder,
          at: lease.at,
        }).exec();
        broken += outcome.deletedCount;
      }
      return broken;
    },
  };
}

export type WebhookInboxRepository = ReturnType<typeof createWebhookInboxRepository>;
