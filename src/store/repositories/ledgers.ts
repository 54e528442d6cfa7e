import type { AuditAction } from '../../domain/audit-actions';
import { reminderKey } from '../../domain/reminder-key';
import type {
  AuditEventDoc,
  ChatSessionDoc,
  LedgerStatus,
  Models,
  ProcessedUpdateDoc,
  ReminderLedgerDoc,
} from '../models';
import { nativeCollection } from '../native-collection';
import { WriterCache } from '../writer-cache';
import { isDuplicateKeyError } from './duplicate-key';

export { reminderKey };

export function createReminderLedger({ ReminderLedger }: Models) {
  return {
    /**
     * Claims a reminder before it is sent. Only the first claim of a key wins (unique `_id`), so two
     * passes running at once, or a pass rerun after a crash, never send the same reminder twice.
     */
    async claim(entry: {
      roundId: string;
      stage: string;
      recipientId: string;
      unitCode: string | null;
      kind: string;
      status?: LedgerStatus;
      at: Date;
    }): Promise<boolean> {
      try {
        await ReminderLedger.create({
          _id: reminderKey(entry.roundId, entry.stage, entry.recipientId),
          roundId: entry.roundId,
          stage: entry.stage,
          recipientId: entry.recipientId,
          unitCode: entry.unitCode,
          kind: entry.kind,
          status: entry.status ?? 'pending',
          attempts: 0,
          createdAt: entry.at,
        });
        return true;
      } catch (error) {
        if (isDuplicateKeyError(error)) return false;
        throw error;
      }
    },

    async finish(key: string, status: LedgerStatus, details: { at: Date; attempts: number; error?: string }) {
      await ReminderLedger.updateOne(
        { _id: key },
        {
          $set: {
            status,
            attempts: details.attempts,
            error: details.error ?? null,
            sentAt: status === 'sent' ? details.at : null,
          },
        },
      ).exec();
    },

    get(key: string): Promise<ReminderLedgerDoc | null> {
      return ReminderLedger.findById(key).lean<ReminderLedgerDoc>().exec();
    },

    /** Gives a claim up (its delivery failed for a passing reason): the next pass may claim it again. */
    async release(key: string): Promise<void> {
      await ReminderLedger.deleteOne({ _id: key }).exec();
    },

    listByRound(roundId: string): Promise<ReminderLedgerDoc[]> {
      return ReminderLedger.find({ roundId }).lean<ReminderLedgerDoc[]>().exec();
    },

    /** Claims left pending by a pass that crashed mid-send. */
    listPending(): Promise<ReminderLedgerDoc[]> {
      return ReminderLedger.find({ status: 'pending' }).lean<ReminderLedgerDoc[]>().exec();
    },
  };
}

export type UpdateClaim = 'new' | 'duplicate' | 'interrupted';

export function createProcessedUpdates({ ProcessedUpdate }: Models) {
  const id = (platform: string, updateId: string | number) => `${platform}:${updateId}`;
  const doneId = (platform: string, updateId: string | number) => `${platform}:${updateId}:done`;
  return {
    /**
     * Claims an update before handling it: `new` the first time, `duplicate` for a redelivery of
     * an update already handled, `interrupted` for a redelivery of one whose handling never
     * finished (the process died), which must be handled again.
     */
    async claim(platform: string, updateId: string | number, at: Date): Promise<UpdateClaim> {
      try {
        await nativeCollection(ProcessedUpdate).insertOne({
          _id: id(platform, updateId),
          at,
          status: 'processing',
        });
        return 'new';
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
        if (await ProcessedUpdate.exists({ _id: doneId(platform, updateId) })) return 'duplicate';
        // Versions before the done marker set the claim's own status.
        const existing = await ProcessedUpdate.findById(id(platform, updateId))
          .lean<ProcessedUpdateDoc>()
          .exec();
        return existing?.status === 'done' ? 'duplicate' : 'interrupted';
      }
    },

    /**
     * Marks an update handled and answered. A second, small document rather than an update of the
     * claim: on the embedded store an insert costs about half an update (one statement, no read).
     */
    async complete(platform: string, updateId: string | number, at: Date = new Date()): Promise<void> {
      try {
        await nativeCollection(ProcessedUpdate).insertOne({
          _id: doneId(platform, updateId),
          at,
          status: 'done',
        });
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
      }
    },

    /** True the first time an update is seen; false for a redelivery of the same update id. */
    async markFirstSeen(platform: string, updateId: string | number, at: Date): Promise<boolean> {
      try {
        await ProcessedUpdate.create({ _id: id(platform, updateId), at, status: 'done' });
        return true;
      } catch (error) {
        if (isDuplicateKeyError(error)) return false;
        throw error;
      }
    },

    /** Forget an update whose processing failed, so a redelivery is processed again. */
    async forget(platform: string, updateId: string | number): Promise<void> {
      await ProcessedUpdate.deleteOne({ _id: id(platform, updateId) }).exec();
      await ProcessedUpdate.deleteOne({ _id: doneId(platform, updateId) }).exec();
    },

    /** Stands in for a TTL index, which FerretDB cannot create. */
    async purgeOlderThan(cutoff: Date): Promise<number> {
      const outcome = await ProcessedUpdate.deleteMany({ at: { $lt: cutoff } }).exec();
      return outcome.deletedCount;
    },
  };
}

export function createAuditLog({ AuditEvent }: Models) {
  return {
    async record(event: {
      at: Date;
      actor: string;
      channel: string;
      action: AuditAction;
      roundId?: string | null;
      unitCode?: string | null;
      details?: Record<string, unknown>;
      /**
       * A key that makes the event unique (e.g. the update and question it records): writing it
       * again, when the same update is handled again after a crash, records nothing more.
       */
      key?: string;
    }): Promise<void> {
      // Written on every answer: straight to the driver, every field given (no schema defaults).
      try {
        await nativeCollection(AuditEvent).insertOne({
          ...(event.key ? { _id: event.key } : {}),
          at: event.at,
          actor: event.actor,
          channel: event.channel,
          action: event.action,
          roundId: event.roundId ?? null,
          unitCode: event.unitCode ?? null,
          details: event.details ?? {},
        } as AuditEventDoc);
      } catch (error) {
        if (!event.key || !isDuplicateKeyError(error)) throw error;
      }
    },

    /** Oldest first by default; `newestFirst` with a limit gives the latest events of a long trail. */
    list(
      filter: { roundId?: string; unitCode?: string; limit?: number; newestFirst?: boolean } = {},
    ): Promise<AuditEventDoc[]> {
      const query: Record<string, string> = {};
      if (filter.roundId) query.roundId = filter.roundId;
      if (filter.unitCode) query.unitCode = filter.unitCode;
      return AuditEvent.find(query)
        .sort({ at: filter.newestFirst ? -1 : 1, _id: filter.newestFirst ? -1 : 1 })
        .limit(filter.limit ?? 1000)
        .lean<AuditEventDoc[]>()
        .exec();
    },
  };
}

export function createChatSessions({ ChatSession }: Models, options: { soleWriter: boolean }) {
  const cache = new WriterCache<ChatSessionDoc>(options.soleWriter);
  return {
    /** Read on every message: from memory when this process is the only writer (see WriterCache). */
    get(id: string): Promise<ChatSessionDoc | null> {
      return cache.get(id, () => ChatSession.findById(id).lean<ChatSessionDoc>().exec());
    },

    async save(session: ChatSessionDoc): Promise<void> {
      try {
        await nativeCollection(ChatSession).replaceOne({ _id: session._id }, session, { upsert: true });
        cache.written(session);
      } catch (error) {
        cache.forget(session._id);
        throw error;
      }
    },

    async remove(id: string): Promise<void> {
      cache.forget(id);
      await ChatSession.deleteOne({ _id: id }).exec();
      cache.forget(id);
    },
  };
}
