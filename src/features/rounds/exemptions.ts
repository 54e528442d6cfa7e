import type { RoundDoc, UnitDoc } from '../../store/models';
import type { Repositories } from '../../store/repositories';

export type ExemptionOutcome =
  | { type: 'done'; round: RoundDoc; unit: UnitDoc }
  | { type: 'unknown-round' }
  | { type: 'unknown-unit' };

/**
 * Exempts a unit from a round, or lifts it: the unit then gets no reminders and counts as exempt,
 * not late. The one use case behind the dashboard's form and `npm run cli -- exempt`, with one
 * audit vocabulary.
 */
export async function setExemption(
  repos: Repositories,
  input: { roundId: string; unitCode: string; exempt: boolean; actor: string; channel: string; at: Date },
): Promise<ExemptionOutcome> {
  const [round, unit] = await Promise.all([repos.rounds.get(input.roundId), repos.units.get(input.unitCode)]);
  if (!round) return { type: 'unknown-round' };
  if (!unit) return { type: 'unknown-unit' };
  await repos.rounds.setExempt(round._id, unit._id, input.exempt);
  await repos.audit.record({
    at: input.at,
    actor: input.actor,
    channel: input.channel,
    action: input.exempt ? 'round.exempted' : 'round.exemption-removed',
    roundId: round._id,
    unitCode: unit._id,
  });
  return { type: 'done', round, unit };
}
