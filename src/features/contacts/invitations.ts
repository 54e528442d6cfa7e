import type { DateTime } from 'luxon';
import type { Role, UnitDoc } from '../../store/models';
import type { Repositories } from '../../store/repositories';

export interface InvitationRequest {
  /** The unit whose contact it invites; null for a secretariat member. */
  unitCode: string | null;
  role: Role;
  /** Days until the code expires. */
  days: number;
  /** Who asks: a contact id, or 'cli'. */
  actor: string;
  /** Through what: the actor's platform, or 'cli'. */
  channel: string;
  now: DateTime;
}

export type InvitationOutcome =
  | { type: 'created'; code: string; expiresAt: DateTime; unit: UnitDoc | null }
  | { type: 'unknown-unit' };

/**
 * A single-use invitation, from the chat (/donvi → "Tạo mã mời") or the CLI (`invite`): the code
 * is returned once and only its hash is stored; the audit trail records who created it.
 */
export async function createInvitation(
  repos: Repositories,
  request: InvitationRequest,
): Promise<InvitationOutcome> {
  const { unitCode, role, actor, channel, now } = request;
  const unit = unitCode ? await repos.units.get(unitCode) : null;
  if (unitCode && !unit) return { type: 'unknown-unit' };
  const expiresAt = now.plus({ days: request.days });
  const code = await repos.invites.create({
    unitCode,
    role,
    expiresAt: expiresAt.toJSDate(),
    createdBy: actor,
  });
  await repos.audit.record({
    at: now.toJSDate(),
    actor,
    channel,
    action: 'invite.created',
    unitCode,
    details: { role, expiresAt: expiresAt.toISO() },
  });
  return { type: 'created', code, expiresAt, unit };
}
