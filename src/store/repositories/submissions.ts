import type { KeyedLock } from '../keyed-lock';
import type { Models, SubmissionDoc } from '../models';
import { nativeCollection } from '../native-collection';
import { WriterCache } from '../writer-cache';
import { isDuplicateKeyError } from './duplicate-key';

export function submissionId(roundId: string, unitCode: string): string {
  return `${roundId}:${unitCode}`;
}

export function createSubmissionRepository(
  { Submission }: Models,
  lock: KeyedLock,
  options: { soleWriter: boolean },
) {
  const cache = new WriterCache<SubmissionDoc>(options.soleWriter);
  const read = (id: string) => Submission.findById(id).lean<SubmissionDoc>().exec();

  /** A write whose resulting document is kept (or, if it fails, forgotten). */
  async function writing(
    id: string,
    write: () => Promise<SubmissionDoc | null>,
  ): Promise<SubmissionDoc | null> {
    try {
      const doc = await write();
      if (doc) cache.written(doc);
      else cache.forget(id);
      return doc;
    } catch (error) {
      cache.forget(id);
      throw error;
    }
  }

  return {
    /** Read on every message: from memory when this process is the only writer (see WriterCache). */
    get(id: string): Promise<SubmissionDoc | null> {
      return cache.get(id, () => read(id));
    },

    listByRound(roundId: string): Promise<SubmissionDoc[]> {
      return Submission.find({ roundId }).lean<SubmissionDoc[]>().exec();
    },

    listByUnit(unitCode: string): Promise<SubmissionDoc[]> {
      return Submission.find({ unitCode }).lean<SubmissionDoc[]>().exec();
    },

    /** One submission per unit and round, guaranteed by its natural `_id`; safe to call concurrently. */
    async ensure(input: {
      roundId: string;
      unitCode: string;
      flowId: string;
      flowVersion: number;
      totalCount: number;
    }): Promise<SubmissionDoc> {
      const id = submissionId(input.roundId, input.unitCode);
      const existing = await cache.get(id, () => read(id));
      if (existing) return existing;
      try {
        await Submission.create({ _id: id, ...input, status: 'not_started', answersRev: 0 });
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
      }
      return (await writing(id, () => read(id)))!;
    },

    /**
     * Runs a read–modify–write of one submission under its lock. `change` returns the fields to
     * set (or null to leave it alone); the updated document is returned.
     */
    update(
      id: string,
      change: (current: SubmissionDoc) => Partial<SubmissionDoc> | null,
    ): Promise<{ before: SubmissionDoc; after: SubmissionDoc } | null> {
      return lock.run(`submission:${id}`, async () => {
        // Read from the store, not memory: this is the check the change is decided on.
        const before = await read(id);
        if (!before) return null;
        const fields = change(before);
        if (!fields) return { before, after: before };
        const after = await writing(id, () =>
          Submission.findOneAndUpdate({ _id: id }, { $set: fields }, { returnDocument: 'after' })
            .lean<SubmissionDoc>()
            .exec(),
        );
        return { before, after: after! };
      });
    },

    /**
     * Records that this submission's answers changed (they are written already): raises
     * `answersRev`, sets the progress counts, and returns the submission as it now is. The status
     * is never written here, so an answer can't undo a submission made meanwhile by a colleague.
     */
    recordAnswers(
      id: string,
      counts: { answeredCount: number; totalCount: number },
    ): Promise<SubmissionDoc | null> {
      return lock.run(`submission:${id}`, () =>
        writing(id, () =>
          // Straight to the driver (every answer comes here); updatedAt set by hand, as mongoose would.
          nativeCollection(Submission).findOneAndUpdate(
            { _id: id },
            { $inc: { answersRev: 1 }, $set: { ...counts, updatedAt: new Date() }, $unset: { brief: '' } },
            { returnDocument: 'after' },
          ),
        ),
      );
    },

    /** "not started" → "in progress", and nothing else: a conditional update, done once per report. */
    async markStarted(id: string, at: Date): Promise<void> {
      await lock.run(`submission:${id}`, () =>
        writing(id, () =>
          Submission.findOneAndUpdate(
            { _id: id, status: 'not_started' },
            { $set: { status: 'in_progress', startedAt: at } },
            { returnDocument: 'after' },
          )
            .lean<SubmissionDoc>()
            .exec(),
        ),
      );
    },
  };
}

export type SubmissionRepository = ReturnType<typeof createSubmissionRepository>;
