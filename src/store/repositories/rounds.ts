import type { KeyedLock } from '../keyed-lock';
import type { Models, RoundDoc } from '../models';
import type { ReferenceCache } from '../reference-cache';
import { withStoreLease } from '../store-lease';
import { isDuplicateKeyError } from './duplicate-key';

export type RoundInput = Omit<RoundDoc, 'createdAt' | 'updatedAt'>;

export function createRoundRepository({ Round, StoreLease }: Models, lock: KeyedLock, cache: ReferenceCache) {
  return {
    /** Read on every message: served from memory (see ReferenceCache). */
    get(id: string): Promise<RoundDoc | null> {
      return cache.get(`round:${id}`, () => Round.findById(id).lean<RoundDoc>().exec());
    },

    /** Newest deadline first; served from memory (a ward has a few rounds a year). */
    list(): Promise<RoundDoc[]> {
      return cache.get('rounds', () => Round.find({}).sort({ dueAt: -1 }).lean<RoundDoc[]>().exec());
    },

    /** Rounds already open at `now` whose deadline is after `since` (use `since` to keep overdue rounds in view). */
    listOpen(now: Date, since: Date = now): Promise<RoundDoc[]> {
      return Round.find({ opensAt: { $lte: now }, dueAt: { $gte: since } })
        .sort({ dueAt: 1 })
        .lean<RoundDoc[]>()
        .exec();
    },

    /** Creates the round unless it exists: running creation twice creates nothing new. */
    async ensure(input: RoundInput): Promise<{ round: RoundDoc; created: boolean }> {
      try {
        await Round.create(input);
        await cache.changed();
        return { round: (await Round.findById(input._id).lean<RoundDoc>().exec())!, created: true };
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
        return { round: (await Round.findById(input._id).lean<RoundDoc>().exec())!, created: false };
      }
    },

    /**
     * Under the round's lock here and its store lease across processes (the dashboard, the chat
     * and the CLI exempt units of one round): the embedded store rewrites a document whole
     * without a lock, so two exemptions at once could otherwise lose one.
     */
    setExempt(roundId: string, unitCode: string, exempt: boolean): Promise<boolean> {
      return lock.run(`round:${roundId}`, () =>
        withStoreLease(StoreLease, `round:${roundId}`, 'exempt', async () => {
          const update = exempt
            ? { $addToSet: { exemptUnitCodes: unitCode } }
            : { $pull: { exemptUnitCodes: unitCode } };
          const outcome = await Round.updateOne({ _id: roundId }, update).exec();
          await cache.changed();
          return outcome.matchedCount > 0;
        }),
      );
    },
  };
}

export type RoundRepository = ReturnType<typeof createRoundRepository>;
