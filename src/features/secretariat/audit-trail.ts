import type { AuditEventDoc, RoundDoc } from '../../store/models';
import type { Repositories } from '../../store/repositories';

/** Who an actor is when it is not a contact. */
const ACTOR_NAMES: [string, string][] = [
  ['cli', 'Dòng lệnh (quản trị)'],
  ['system', 'Hệ thống'],
  ['config', 'Cấu hình'],
];

export interface AuditTrail {
  round: RoundDoc | null;
  /** Newest first. */
  events: AuditEventDoc[];
  /** Display names by actor id (contacts, cli, system, config) and by `unit:<code>`. */
  names: Map<string, string>;
  /** More events exist than were listed. */
  truncated: boolean;
}

/**
 * The latest `limit` audit events (of one round, or of all), with the names to show for their
 * actors and units. Null when the round is unknown.
 */
export async function auditTrail(
  repos: Repositories,
  filter: { roundId: string | null; limit: number },
): Promise<AuditTrail | null> {
  const round = filter.roundId ? await repos.rounds.get(filter.roundId) : null;
  if (filter.roundId && !round) return null;
  const [listed, contacts, units] = await Promise.all([
    // One more than shown tells whether the trail goes on.
    repos.audit.list({ roundId: round?._id, limit: filter.limit + 1, newestFirst: true }),
    repos.contacts.list(),
    repos.units.list(),
  ]);
  const names = new Map<string, string>(ACTOR_NAMES);
  for (const contact of contacts) names.set(contact._id, contact.displayName || contact._id);
  for (const unit of units) names.set(`unit:${unit._id}`, unit.name);
  return { round, events: listed.slice(0, filter.limit), names, truncated: listed.length > filter.limit };
}
