import type { UnitKind } from '../../domain/unit-kinds';
import type { AnswerValue, Flow } from '../../engine';
import type { SubmissionDoc } from '../../store/models';
import type { AnswerRepository } from '../../store/repositories/answers';

/** Long texts are kept to their first characters in memory: the engine needs to know they exist, and shows their start. */
const COMPACT_TEXT_CHARS = 200;
/** Submissions whose answers are kept at once (a ward has tens of units and a few open rounds). */
const MAX_SUBMISSIONS = 2_000;

export type AnswerMap = Map<string, AnswerValue>;

export function compactAnswer(value: unknown): AnswerValue {
  return (
    typeof value === 'string' && value.length > COMPACT_TEXT_CHARS
      ? value.slice(0, COMPACT_TEXT_CHARS)
      : value
  ) as AnswerValue;
}

/** The questions of a flow a unit of this kind can ever be asked (conditions on answers aside). */
export function questionIdsFor(flow: Flow, unitKind: UnitKind): string[] {
  return flow.sections
    .filter((section) => !section.appliesTo || section.appliesTo.includes(unitKind))
    .flatMap((section) => section.questions)
    .filter((question) => !question.when?.unitKinds || question.when.unitKinds.includes(unitKind))
    .map((question) => question.id);
}

/**
 * The answers of the submissions this process is working on, kept in memory so that a step reads
 * one small document (the submission) instead of every answer, and no document that grows with
 * the report is rewritten per answer.
 *
 * A copy is valid while the submission's `answersRev` is the one it was loaded or written at.
 * Every change to a submission's answers raises `answersRev` by one after the answers are
 * written: atomically on MongoDB, and serialised per submission on the embedded store, where
 * only the bot process writes answers. A copy is therefore never taken for newer than it is: when
 * another writer came between, the numbers don't follow on and the answers are read again.
 */
export class AnswerMaps {
  private readonly maps = new Map<string, { rev: number; answers: AnswerMap }>();

  constructor(private readonly answers: AnswerRepository) {}

  async get(submission: SubmissionDoc, questionIds: readonly string[]): Promise<AnswerMap> {
    const rev = submission.answersRev ?? 0;
    const cached = this.maps.get(submission._id);
    if (cached && cached.rev === rev) return new Map(cached.answers);
    const stored = await this.answers.getMany(submission._id, questionIds);
    const answers: AnswerMap = new Map(
      stored.map((answer) => [answer.questionId, compactAnswer(answer.value)]),
    );
    this.remember(submission._id, rev, answers);
    return new Map(answers);
  }

  /** After this process changed answers that it read at `revBefore` and the store now says `revAfter`. */
  written(submissionId: string, revBefore: number, revAfter: number, answers: AnswerMap): void {
    if (revAfter === revBefore + 1) this.remember(submissionId, revAfter, new Map(answers));
    else this.maps.delete(submissionId);
  }

  forget(submissionId: string): void {
    this.maps.delete(submissionId);
  }

  private remember(submissionId: string, rev: number, answers: AnswerMap): void {
    this.maps.delete(submissionId);
    if (this.maps.size >= MAX_SUBMISSIONS) {
      // Least recently stored first: Map keeps insertion order.
      const oldest = this.maps.keys().next().value;
      if (oldest !== undefined) this.maps.delete(oldest);
    }
    this.maps.set(submissionId, { rev, answers });
  }
}
