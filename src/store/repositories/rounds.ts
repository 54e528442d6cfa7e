import type { KeyedLock } from '../keyed-lock';
import type { Models, RoundDoc } from '../models';
import { isDuplicateKeyError } from './duplicate-key';

export type RoundInput = Omit<RoundDoc, 'createdAt' | 'updatedAt'>;

export function createRoundRepository({ Round }: Models, lock: KeyedLock) {
  return {
    get(id: string): Promise<RoundDoc | null> {
      return Round.findById(id).lean<RoundDoc>().exec();
    },

    list(): Promise<RoundDoc[]> {
      return Round.find({}).sort({ dueAt: -1 }).lean<RoundDoc[]>().exec();
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
        return { round: (await Round.findById(input._id).lean<RoundDoc>().exec())!, created: true };
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
        return { round: (await Round.findById(input._id).lean<RoundDoc>().exec())!, created: false };
      }
    },

    setExempt(roundId: string, unitCode: string, exempt: boolean): Promise<boolean> {
      return lock.run(`round:${roundId}`, async () => {
        const update = exempt
          ? { $addToSet: { exemptUnitCodes: unitCode } }
          : { $pull: { exemptUnitCodes: unitCode } };
        const outcome = await Round.updateOne({ _id: roundId }, update).exec();
        return outcome.matchedCount > 0;
      });
    },
  };
}

export type RoundRepository = ReturnType<typeof createRoundRepository>;
