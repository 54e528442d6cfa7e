import type { DateTime } from 'luxon';
import {
  DONE_STATUSES,
  type PlanInput,
  type PlannedReminder,
  type RoundInfo,
  roundActiveUntil,
  roundStages,
  type Schedule,
  STAGE_GRACE_HOURS,
} from '../../scheduler';
import type { ContactDoc, ReminderLedgerDoc, RoundDoc, UnitDoc } from '../../store/models';
import type { Repositories } from '../../store/repositories';
import { type RoundService, roundTargetCodes } from '../rounds/round-service';
import type { ReminderItem, ReminderPassRequest, UnreachableUnit } from './reminder-types';

/**
 * What one reminder pass reads from the store, read once at its start: the rounds it considers,
 * units and contacts by id (for names and chat ids), and the pure planner's input built from them.
 */
export interface ReminderWorld {
  rounds: { doc: RoundDoc; info: RoundInfo }[];
  units: Map<string, UnitDoc>;
  contacts: Map<string, ContactDoc>;
  input: PlanInput;
  /**
   * Per round, the unit reminders a pass was sending when it stopped (its claim was made, the
   * send not confirmed): they may or may not have arrived and are not resent, so the digests list them.
   */
  interrupted: Map<string, ReminderLedgerDoc[]>;
}

/** The error a stale claim is closed with; digests list these reminders. */
export const INTERRUPTED_ERROR =
  'interrupted: the pass stopped while sending; may not have arrived, not resent (at most once)';

export interface ReminderWorldDeps {
  repos: Repositories;
  schedule: Schedule;
  rounds: RoundService;
}

/** Rounds to consider at `at`: stored ones (plus, in a dry run, the periodic ones not yet stored). */
export async function loadReminderWorld(
  { repos, schedule, rounds }: ReminderWorldDeps,
  at: DateTime,
  request: ReminderPassRequest,
): Promise<ReminderWorld> {
  if (!request.dryRun) await rounds.ensurePeriodicRounds(at);
  const stored = await repos.rounds.list();
  const docs = new Map(stored.map((r) => [r._id, r]));
  if (request.dryRun) {
    // A dry run writes nothing, so rounds the real pass would create are considered unsaved.
    for (const input of rounds.periodicRoundInputs(at)) {
      if (!docs.has(input._id))
        docs.set(input._id, { ...input, createdAt: at.toJSDate(), updatedAt: at.toJSDate() });
    }
  }
  let chosen = [...docs.values()].map((doc) => ({ doc, info: rounds.roundInfo(doc) }));
  if (request.roundId) {
    chosen = chosen.filter((r) => r.doc._id === request.roundId);
    if (chosen.length === 0) throw new Error(`Không có đợt báo cáo "${request.roundId}"`);
  } else {
    chosen = chosen.filter((r) => r.info.opensAt <= at && at < roundActiveUntil(r.info, schedule));
  }
  const [unitList, contactList] = await Promise.all([repos.units.list(), repos.contacts.list()]);
  const units = new Map(unitList.map((u) => [u._id, u]));
  const contacts = new Map(contactList.map((c) => [c._id, c]));
  const byUnit = new Map<string, ContactDoc[]>();
  for (const c of contactList) {
    if (c.unitCode) byUnit.set(c.unitCode, [...(byUnit.get(c.unitCode) ?? []), c]);
  }
  const planContact = (c: ContactDoc) => ({
    id: c._id,
    active: c.active,
    reachable: c.unreachableAt == null,
  });
  const perRound = await Promise.all(
    chosen.map(async ({ doc }) => ({
      doc,
      submissions: await repos.submissions.listByRound(doc._id),
      recorded: await repos.reminders.listByRound(doc._id),
    })),
  );
  const input: PlanInput = {
    now: at,
    schedule,
    rounds: chosen.map((r) => r.info),
    units: unitList.map((u) => ({
      code: u._id,
      kind: u.kind,
      active: u.active,
      contacts: (byUnit.get(u._id) ?? []).map(planContact),
    })),
    submissions: perRound.flatMap(({ submissions }) =>
      submissions.map((s) => ({
        roundId: s.roundId,
        unitCode: s.unitCode,
        status: s.status,
        answered: s.answeredCount,
        total: s.totalCount,
      })),
    ),
    exemptions: chosen.flatMap(({ doc }) =>
      doc.exemptUnitCodes.map((unitCode) => ({ roundId: doc._id, unitCode })),
    ),
    targets: chosen.map(({ doc }) => ({ roundId: doc._id, unitCodes: roundTargetCodes(doc, unitList) })),
    secretariat: contactList.filter((c) => c.role === 'secretariat').map(planContact),
    alreadyRecorded: new Set(perRound.flatMap(({ recorded }) => recorded.map((l) => l._id))),
  };
  const interrupted = new Map(
    perRound.map(({ doc, recorded }) => [
      doc._id,
      recorded.filter(
        (l) => l.kind === 'unit-reminder' && l.status === 'failed' && l.error === INTERRUPTED_ERROR,
      ),
    ]),
  );
  return { rounds: chosen, units, contacts, input, interrupted };
}

/** Pending (not submitted, not exempt, active) units of a round with their remindable contacts. */
export function pendingUnits(world: ReminderWorld, roundId: string) {
  const { input } = world;
  const targets = new Set(input.targets.find((t) => t.roundId === roundId)?.unitCodes ?? []);
  const exempt = new Set(input.exemptions.filter((e) => e.roundId === roundId).map((e) => e.unitCode));
  const subs = new Map(input.submissions.filter((s) => s.roundId === roundId).map((s) => [s.unitCode, s]));
  return input.units
    .filter((u) => u.active && targets.has(u.code) && !exempt.has(u.code))
    .map((u) => ({ unit: u, sub: subs.get(u.code) }))
    .filter(({ sub }) => !DONE_STATUSES.has(sub?.status ?? 'not_started'))
    .map(({ unit, sub }) => {
      const active = unit.contacts.filter((c) => c.active);
      return {
        unitCode: unit.code,
        progress: {
          status: sub?.status ?? 'not_started',
          answered: sub?.answered ?? 0,
          total: sub?.total ?? 0,
        },
        active,
        recipients: active.filter((c) => c.reachable).map((c) => c.id),
      };
    })
    .sort((a, b) => a.unitCode.localeCompare(b.unitCode));
}

/** Units nobody can be reminded in, for every unit stage that is due at `at` (informative listing). */
export function unreachableUnits(
  world: ReminderWorld,
  schedule: Schedule,
  at: DateTime,
  stageOverride?: string,
): UnreachableUnit[] {
  const out: UnreachableUnit[] = [];
  for (const { info } of world.rounds) {
    const stages = stageOverride
      ? [stageOverride]
      : roundStages(info, schedule)
          .filter((s) => s.at <= at && at < s.at.plus({ hours: STAGE_GRACE_HOURS }))
          .map((s) => s.stage.name);
    if (stages.length === 0) continue;
    const nobody = pendingUnits(world, info.id).filter((p) => p.recipients.length === 0);
    for (const stage of stages) {
      for (const p of nobody) {
        out.push({
          roundId: info.id,
          stage,
          unitCode: p.unitCode,
          unitName: world.units.get(p.unitCode)?.name ?? p.unitCode,
          reason: p.active.length === 0 ? 'no-contact' : 'blocked',
        });
      }
    }
  }
  return out;
}

/** A planned reminder as the pass reports it, with the names of its recipient and unit. */
export function itemOf(world: ReminderWorld, p: PlannedReminder, reason?: string): ReminderItem {
  const contact = world.contacts.get(p.recipientId);
  return {
    key: p.key,
    roundId: p.roundId,
    stage: p.stage,
    kind: p.kind,
    recipientId: p.recipientId,
    recipientName: contact?.displayName || p.recipientId,
    platform: contact?.platform ?? null,
    unitCode: p.unitCode,
    unitName: p.unitCode ? (world.units.get(p.unitCode)?.name ?? p.unitCode) : null,
    ...(reason ? { reason } : {}),
  };
}
