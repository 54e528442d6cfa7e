import { type Flow, progress } from '../../engine';
import type { RoundDoc, SubmissionDoc, UnitDoc } from '../../store/models';
import type { Repositories } from '../../store/repositories';

/**
 * Creates a unit's submission of a round before anyone answers (idempotent), with the number of
 * questions the unit will be asked, so the status board counts them from the start.
 */
export function ensureEmptySubmission(
  repos: Repositories,
  flow: Flow,
  round: RoundDoc,
  unit: UnitDoc,
): Promise<SubmissionDoc> {
  const { total } = progress(flow, {
    unitKind: unit.kind,
    answers: new Map(),
    sections: round.sections.length > 0 ? round.sections : undefined,
  });
  return repos.submissions.ensure({
    roundId: round._id,
    unitCode: unit._id,
    flowId: flow.id,
    flowVersion: flow.version,
    totalCount: total,
  });
}
