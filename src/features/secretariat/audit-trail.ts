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

export interface AuditFilter {
  /** One round's events, or (null) all. */
  roundId: string | null;
  /** One unit's events (the CLI's `--unit`), or all. */
  unitCode?: string;
  limit: number;
}

/**
 * The latest `limit` audit events (of one round or unit, or of all), with the names to show for
 * their actors and units; the dashboard and the CLI read the trail through it. Null when the round
 * is unknown. Labels of the actions: domain/audit-actions.ts.
 */
export async function auditTrail(repos: Repositories, filter: AuditFilter): Promise<AuditTrail | null> {
  const round = filter.roundId ? await repos.rounds.get(filter.roundId) : null;
  if (filter.roundId && !round) return null;
  const [listed, contacts, units] = await Promise.all([
    // One more than shown tells whether the trail goes on.
    repos.audit.list({
      roundId: round?._id,
      unitCode: filter.unitCode,
      limit: filter.limit + 1,
      newestFirst: true,
    }),
    repos.contacts.list(),
    repos.units.list(),
  ]);
  const names = new Map<string, string>(ACTOR_NAMES);
  for (const contact of contacts) names.set(contact._id, contact.displayName || contact._id);
  for (const unit of units) names.set(`unit:${unit._id}`, unit.name);
  return { round, events: listed.slice(0, filter.limit), names, truncated: listed.length > filter.limit };
}
