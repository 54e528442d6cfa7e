import type { DateTime } from 'luxon';
import type { AnswerValue, EngineContext, Flow, FlowCatalog } from '../../engine';
import type { Logger } from '../../logger';
import type { RoundDoc, SubmissionDoc, UnitDoc } from '../../store/models';
import type { Repositories } from '../../store/repositories';
import type { AnswerMaps } from './answer-maps';

export interface ReportServiceDeps {
  repos: Repositories;
  flows: FlowCatalog;
  logger: Logger;
  now: () => DateTime;
}

/** What the report use cases share: their dependencies and this process's copy of the answers. */
export interface ReportCore extends ReportServiceDeps {
  answerMaps: AnswerMaps;
}

/** Everything a step needs: the submission read by `_id`, the rest from memory. */
export interface ReportCursor {
  round: RoundDoc;
  unit: UnitDoc;
  submission: SubmissionDoc;
  flow: Flow;
  context: EngineContext;
}

/** The engine's view of a unit's report in a round, given its current answers. */
export function contextFor(round: RoundDoc, unit: UnitDoc, answers: Map<string, AnswerValue>): EngineContext {
  return {
    unitKind: unit.kind,
    answers,
    // Only presets actually filled in (one that did not fit was never saved and is asked normally).
    preset: new Set(Object.keys(unit.presetAnswers ?? {}).filter((id) => answers.has(id))),
    sections: round.sections.length > 0 ? round.sections : undefined,
    request: round.request
      ? { title: round.request.title, instructions: round.request.instructions }
      : undefined,
  };
}
