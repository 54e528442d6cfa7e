import type { KeyedLock } from '../keyed-lock';
import type { AnswerDoc, AnswerRevisionDoc, Models, SubmissionVersionDoc } from '../models';
import { nativeCollection } from '../native-collection';
import { isDuplicateKeyError } from './duplicate-key';

export function answerId(submissionId: string, questionId: string): string {
  return `${submissionId}:${questionId}`;
}

/** Reads sent at once by getMany: enough to hide the round trips, few enough not to crowd the pool. */
const PARALLEL_READS = 16;

export interface SaveAnswerInput {
  submissionId: string;
  questionId: string;
  value: unknown;
  /** Add a piece to an existing long text (joined with a newline) instead of replacing it. */
  append?: boolean;
  /**
   * The caller believes the question has no answer yet: one unique insert then does it all. If an
   * answer exists after all (another contact was quicker), the insert fails and the usual
   * read–archive–replace follows, so nothing is lost either way.
   */
  firstAnswer?: boolean;
  /**
   * The update this answer comes from. If the stored value came from the same update (handled
   * again after a crash), nothing is written: a long-text piece is never appended twice.
   */
  updateKey?: string;
  by: string;
  channel: string;
  at: Date;
}

export function createAnswerRepository(
  { Answer, AnswerRevision, SubmissionVersion }: Models,
  lock: KeyedLock,
) {
  /** Keeps the value being replaced as a revision; idempotent, so a retried save never duplicates history. */
  async function archive(current: AnswerDoc): Promise<void> {
    try {
      await AnswerRevision.create({
        _id: `${current._id}:r${current.revision}`,
        answerId: current._id,
        submissionId: current.submissionId,
        questionId: current.questionId,
        value: current.value,
        by: current.by,
        channel: current.channel,
        at: current.at,
      });
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
  }

  /** The first answer to a question, as one insert; null when an answer exists already. */
  async function insertFirst(id: string, input: SaveAnswerInput): Promise<AnswerDoc | null> {
    const answer: AnswerDoc = {
      _id: id,
      submissionId: input.submissionId,
      questionId: input.questionId,
      value: input.value,
      by: input.by,
      channel: input.channel,
      at: input.at,
      revision: 1,
      updateKey: input.updateKey ?? null,
    };
    try {
      // Straight to the driver: every field is given and the value was parsed already.
      await nativeCollection(Answer).insertOne(answer);
      return answer;
    } catch (error) {
      if (isDuplicateKeyError(error)) return null;
      throw error;
    }
  }

  return {
    get(submissionId: string, questionId: string): Promise<AnswerDoc | null> {
      return Answer.findById(answerId(submissionId, questionId)).lean<AnswerDoc>().exec();
    },

    /**
     * The answers to these questions, each read by its natural `_id`: served by the `_id` index on
     * both stores, where a filter on `submissionId` scans every answer on the embedded store.
     */
    async getMany(submissionId: string, questionIds: readonly string[]): Promise<AnswerDoc[]> {
      const found: AnswerDoc[] = [];
      for (let start = 0; start < questionIds.length; start += PARALLEL_READS) {
        const batch = questionIds.slice(start, start + PARALLEL_READS);
        const docs = await Promise.all(
          batch.map((questionId) =>
            Answer.findById(answerId(submissionId, questionId)).lean<AnswerDoc>().exec(),
          ),
        );
        for (const doc of docs) if (doc) found.push(doc);
      }
      return found;
    },

    listBySubmission(submissionId: string): Promise<AnswerDoc[]> {
      return Answer.find({ submissionId }).lean<AnswerDoc[]>().exec();
    },

    listRevisions(submissionId: string): Promise<AnswerRevisionDoc[]> {
      return AnswerRevision.find({ submissionId }).sort({ at: 1 }).lean<AnswerRevisionDoc[]>().exec();
    },

    /** Persists one answer at once; returns the stored answer (the joined text when appending) and the one it replaced. */
    save(
      input: SaveAnswerInput,
    ): Promise<{ answer: AnswerDoc; previous: AnswerDoc | null; alreadyApplied?: boolean }> {
      const id = answerId(input.submissionId, input.questionId);
      return lock.run(`answer:${id}`, async () => {
        if (input.firstAnswer) {
          const first = await insertFirst(id, input);
          if (first) return { answer: first, previous: null };
        }
        const current = await Answer.findById(id).lean<AnswerDoc>().exec();
        if (current && input.updateKey && current.updateKey === input.updateKey) {
          return { answer: current, previous: null, alreadyApplied: true };
        }
        let value = input.value;
        if (input.append && current && typeof current.value === 'string' && typeof value === 'string') {
          value = `${current.value}\n${value}`;
        }
        if (current) await archive(current);
        const next: AnswerDoc = {
          _id: id,
          submissionId: input.submissionId,
          questionId: input.questionId,
          value,
          by: input.by,
          channel: input.channel,
          at: input.at,
          revision: (current?.revision ?? 0) + 1,
          updateKey: input.updateKey ?? null,
        };
        await Answer.replaceOne({ _id: id }, next, { upsert: true }).exec();
        return { answer: next, previous: current };
      });
    },

    /** Removes an answer (e.g. a question skipped after editing), keeping its last value in the history. */
    clear(input: {
      submissionId: string;
      questionId: string;
      by: string;
      channel: string;
      at: Date;
    }): Promise<void> {
      const id = answerId(input.submissionId, input.questionId);
      return lock.run(`answer:${id}`, async () => {
        const current = await Answer.findById(id).lean<AnswerDoc>().exec();
        if (!current) return;
        await archive(current);
        try {
          await AnswerRevision.create({
            _id: `${id}:r${current.revision + 1}`,
            answerId: id,
            submissionId: input.submissionId,
            questionId: input.questionId,
            value: null,
            by: input.by,
            channel: input.channel,
            at: input.at,
          });
        } catch (error) {
          if (!isDuplicateKeyError(error)) throw error;
        }
        await Answer.deleteOne({ _id: id }).exec();
      });
    },

    /** Freezes a submitted version. A second insert of the same version fails with 11000: submit happens once. */
    async freezeVersion(version: Omit<SubmissionVersionDoc, '_id'>): Promise<'created' | 'exists'> {
      try {
        await SubmissionVersion.create({ _id: `${version.submissionId}:v${version.version}`, ...version });
        return 'created';
      } catch (error) {
        if (isDuplicateKeyError(error)) return 'exists';
        throw error;
      }
    },

    getVersion(submissionId: string, version: number): Promise<SubmissionVersionDoc | null> {
      return SubmissionVersion.findById(`${submissionId}:v${version}`).lean<SubmissionVersionDoc>().exec();
    },

    listVersions(submissionId: string): Promise<SubmissionVersionDoc[]> {
      return SubmissionVersion.find({ submissionId })
        .sort({ version: 1 })
        .lean<SubmissionVersionDoc[]>()
        .exec();
    },
  };
}

export type AnswerRepository = ReturnType<typeof createAnswerRepository>;
