import type { KeyedLock } from '../keyed-lock';
import type { Models, SubmissionDoc } from '../models';
import { nativeCollection } from '../native-collection';
import { WriterCache } from '../writer-cache';
import { isDuplicateKeyError } from './duplicate-key';

export function submissionId(roundId: string, unitCode: string): string {
  return `${roundId}:${unitCode}`;
}

/** Tries of a status change that found another process's change recorded first (it then decides again). */
const CHANGE_ATTEMPTS = 20;

export function createSubmissionRepository(
  { Submission, SubmissionChange }: Models,
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

  /**
   * A change recorded (by another process, or by one that died) but not yet written: written now,
   * the same fields again, so the submission is as the recorded change left it. Waits briefly
   * first, since a live winner writes it a moment after recording it.
   */
  async function completeRecordedChange(current: SubmissionDoc): Promise<SubmissionDoc> {
    let doc = current;
    for (let pending = 0; pending < 50; pending++) {
      const seq = (doc.changeSeq ?? 0) + 1;
      const recorded = await SubmissionChange.findById(`${doc._id}:c${seq}`)
        .lean<{ fields: Record<string, unknown>; at: Date }>()
        .exec();
      if (!recorded) return doc;
      if (Date.now() - new Date(recorded.at).getTime() < 2_000) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        const fresh = await read(doc._id);
        if (!fresh) return doc;
        if ((fresh.changeSeq ?? 0) >= seq) {
          doc = fresh;
          continue;
        }
        if (pending < 40) continue;
      }
      const written = await writing(doc._id, () =>
        Submission.findOneAndUpdate(
          { _id: doc._id, changeSeq: doc.changeSeq ?? { $exists: false } },
          { $set: { ...recorded.fields, changeSeq: seq } },
          { returnDocument: 'after' },
        )
          .lean<SubmissionDoc>()
          .exec(),
      );
      doc = written ?? (await read(doc._id)) ?? doc;
    }
    return doc;
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
     * Runs a read–modify–write of one submission: under its lock in this process, and across
     * processes by recording the change first as `<id>:c<n+1>` in submission_changes (a unique
     * insert, atomic on both stores; a conditional update is not on the embedded one). The loser
     * of a race reads again and decides again on what the winner wrote, so two returns, a return
     * and an accept, or two completions of one submission cannot both take effect. `change`
     * returns the fields to set (or null to leave it alone); `before === after` when nothing was
     * changed here.
     */
    update(
      id: string,
      change: (current: SubmissionDoc) => Partial<SubmissionDoc> | null,
    ): Promise<{ before: SubmissionDoc; after: SubmissionDoc } | null> {
      return lock.run(`submission:${id}`, async () => {
        for (let attempt = 1; ; attempt++) {
          // Read from the store, not memory: this is the check the change is decided on.
          let before = await read(id);
          if (!before) return null;
          before = await completeRecordedChange(before);
          const fields = change(before);
          if (!fields) return { before, after: before };
          const seq = (before.changeSeq ?? 0) + 1;
          try {
            await nativeCollection(SubmissionChange).insertOne({
              _id: `${id}:c${seq}`,
              submissionId: id,
              fields: fields as Record<string, unknown>,
              at: new Date(),
            });
          } catch (error) {
            if (!isDuplicateKeyError(error) || attempt >= CHANGE_ATTEMPTS) throw error;
            // Another process changed it since it was read: decide again on what it wrote.
            cache.forget(id);
            continue;
          }
          const after = await writing(id, () =>
            Submission.findOneAndUpdate(
              { _id: id },
              { $set: { ...fields, changeSeq: seq } },
              { returnDocument: 'after' },
            )
              .lean<SubmissionDoc>()
              .exec(),
          );
          return { before, after: after! };
        }
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
