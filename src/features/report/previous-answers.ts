import type { AnswerValue } from '../../engine';
import type { RoundDoc } from '../../store/models';
import type { Repositories } from '../../store/repositories';

/**
 * The unit's answers in its latest submitted report of an earlier round of the same flow, offered
 * question by question in the new round ("Giữ như kỳ trước"). A submitted version never changes, so
 * each submission's lookup is done once per process and kept: the per-answer path reads nothing.
 */
export class PreviousAnswers {
  private readonly cache = new Map<string, Promise<ReadonlyMap<string, AnswerValue> | undefined>>();

  constructor(private readonly repos: Repositories) {}

  get(round: RoundDoc, unitCode: string): Promise<ReadonlyMap<string, AnswerValue> | undefined> {
    const key = `${round._id}:${unitCode}`;
    let found = this.cache.get(key);
    if (!found) {
      found = this.load(round, unitCode).catch(() => undefined);
      this.cache.set(key, found);
    }
    return found;
  }

  private async load(
    round: RoundDoc,
    unitCode: string,
  ): Promise<ReadonlyMap<string, AnswerValue> | undefined> {
    const submissions = await this.repos.submissions.listByUnit(unitCode);
    let best: { dueAt: number; id: string; version: number } | undefined;
    for (const s of submissions) {
      if (s.roundId === round._id || s.version < 1) continue;
      const earlier = await this.repos.rounds.get(s.roundId);
      if (!earlier || earlier.flowId !== round.flowId || earlier.dueAt >= round.dueAt) continue;
      if (!best || earlier.dueAt.getTime() > best.dueAt)
        best = { dueAt: earlier.dueAt.getTime(), id: s._id, version: s.version };
    }
    if (!best) return undefined;
    const frozen = await this.repos.answers.getVersion(best.id, best.version);
    if (!frozen) return undefined;
    return new Map(frozen.answers.map((a) => [a.questionId, a.value as AnswerValue]));
  }
}
