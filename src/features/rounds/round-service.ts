import { DateTime } from 'luxon';
import type { FlowCatalog } from '../../engine';
import type { Logger } from '../../logger';
import {
  AD_HOC_KIND,
  periodicRounds,
  type RoundInfo,
  type RoundSpec,
  roundActiveUntil,
  type Schedule,
  type StageSpec,
} from '../../scheduler';
import { ROUND_KINDS, type RoundDoc, type RoundKind, type UnitDoc } from '../../store/models';
import type { Repositories } from '../../store/repositories';
import type { RoundInput } from '../../store/repositories/rounds';
import { ensureEmptySubmission } from './empty-submission';

/**
 * Rounds in the store, from the schedule: creates the periodic rounds of {@link periodicRounds}
 * idempotently, gives every targeted unit its submission (a unit added after a round opened joins
 * it), and turns stored rounds back into the scheduler's {@link RoundInfo}.
 */
export interface RoundServiceDeps {
  repos: Repositories;
  flows: FlowCatalog;
  schedule: Schedule;
  logger: Logger;
}

export interface EnsureRoundsResult {
  /** Ids of the periodic rounds that should exist at `now`, in deadline order. */
  roundIds: string[];
  createdRounds: string[];
  /** `<roundId>:<unitCode>` of the submissions created by this call. */
  createdSubmissions: string[];
}

/** Does this round ask this unit for a report (ignoring exemptions and the unit's activity)? */
export function roundTargetCodes(round: RoundDoc, units: readonly UnitDoc[]): string[] {
  if (round.targetUnitCodes.length > 0) return [...round.targetUnitCodes];
  return units.filter((u) => round.targetKinds.includes(u.kind)).map((u) => u._id);
}

/** The store document of a periodic round computed by the scheduler (not yet saved). */
export function roundInputOf(spec: RoundSpec): RoundInput {
  return {
    _id: spec.id,
    kind: spec.kind as RoundKind,
    year: spec.year,
    title: spec.title,
    flowId: spec.flowId,
    sections: [],
    opensAt: spec.opensAt.toJSDate(),
    dueAt: spec.dueAt.toJSDate(),
    dueLabel: spec.dueLabel,
    dataFrom: spec.dataWindow.from.toJSDate(),
    dataTo: spec.dataWindow.to.toJSDate(),
    targetKinds: [...spec.targetKinds],
    targetUnitCodes: [],
    exemptUnitCodes: [],
    reminderPlan: spec.reminderPlan.map((s) => s.name),
    request: null,
    createdBy: 'system',
  };
}

/**
 * The scheduler's view of a stored round. Stage names are resolved against the schedule's plan
 * for the round's kind (the ad-hoc plan for `dot-xuat`): a name the schedule no longer has is
 * dropped (it was renamed while the round ran; the schedule file says not to do that). An empty
 * stored plan means the kind's whole plan, so a round created without one is still reminded.
 */
export function roundInfoOf(schedule: Schedule, round: RoundDoc, logger?: Logger): RoundInfo {
  const zone = schedule.timezone;
  const plan: readonly StageSpec[] =
    round.kind === AD_HOC_KIND
      ? schedule.adHoc.reminders
      : (schedule.rounds.find((k) => k.kind === round.kind)?.reminders ?? []);
  const byName = new Map(plan.map((s) => [s.name, s]));
  const names = round.reminderPlan.length > 0 ? round.reminderPlan : plan.map((s) => s.name);
  const reminderPlan: StageSpec[] = [];
  for (const name of names) {
    const spec = byName.get(name);
    if (spec) reminderPlan.push(spec);
    else logger?.warn({ roundId: round._id, stage: name }, 'round stage not in the schedule; ignored');
  }
  return {
    id: round._id,
    kind: round.kind,
    title: round.title,
    opensAt: DateTime.fromJSDate(round.opensAt, { zone }),
    dueAt: DateTime.fromJSDate(round.dueAt, { zone }),
    reminderPlan,
  };
}

export function createRoundService({ repos, flows, schedule, logger }: RoundServiceDeps) {
  /** The periodic rounds that should exist at `now`, as store documents, for kinds the store knows. */
  function periodicRoundInputs(now: DateTime): RoundInput[] {
    const out: RoundInput[] = [];
    for (const spec of periodicRounds(schedule, now)) {
      if (!(ROUND_KINDS as readonly string[]).includes(spec.kind)) {
        logger.warn({ kind: spec.kind }, 'schedule round kind unknown to the store; round not created');
        continue;
      }
      out.push(roundInputOf(spec));
    }
    return out;
  }

  /** Creates the unit's missing submissions of a round; one scan of the round's submissions. */
  async function ensureSubmissions(round: RoundDoc, units: readonly UnitDoc[]): Promise<string[]> {
    const flow = flows.get(round.flowId);
    if (!flow) {
      logger.error({ roundId: round._id, flowId: round.flowId }, 'round refers to a flow that is not loaded');
      return [];
    }
    const existing = new Set((await repos.submissions.listByRound(round._id)).map((s) => s.unitCode));
    const targeted = new Set(roundTargetCodes(round, units));
    const created: string[] = [];
    for (const unit of units) {
      if (!unit.active || !targeted.has(unit._id) || existing.has(unit._id)) continue;
      if (round.exemptUnitCodes.includes(unit._id)) continue;
      await ensureEmptySubmission(repos, flow, round, unit);
      created.push(`${round._id}:${unit._id}`);
    }
    return created;
  }

  return {
    periodicRoundInputs,

    /**
     * Creates the periodic rounds current at `now` (idempotent: a second call creates nothing) and
     * the submissions of every active targeted unit of those rounds and of the other stored rounds
     * still active (ad-hoc rounds), so a unit added after a round opened joins it.
     */
    async ensurePeriodicRounds(now: DateTime): Promise<EnsureRoundsResult> {
      const result: EnsureRoundsResult = { roundIds: [], createdRounds: [], createdSubmissions: [] };
      const units = await repos.units.list({ activeOnly: true });
      const rounds = new Map<string, RoundDoc>();
      for (const input of periodicRoundInputs(now)) {
        const { round, created } = await repos.rounds.ensure(input);
        result.roundIds.push(round._id);
        if (created) result.createdRounds.push(round._id);
        rounds.set(round._id, round);
      }
      for (const round of await repos.rounds.list()) {
        if (rounds.has(round._id)) continue;
        const info = roundInfoOf(schedule, round);
        if (info.opensAt <= now && now < roundActiveUntil(info, schedule)) rounds.set(round._id, round);
      }
      for (const round of rounds.values()) {
        result.createdSubmissions.push(...(await ensureSubmissions(round, units)));
      }
      if (result.createdRounds.length > 0 || result.createdSubmissions.length > 0) {
        logger.info(
          { rounds: result.createdRounds, submissions: result.createdSubmissions.length },
          'rounds and submissions created',
        );
      }
      return result;
    },

    roundInfo(round: RoundDoc): RoundInfo {
      return roundInfoOf(schedule, round, logger);
    },
  };
}

export type RoundService = ReturnType<typeof createRoundService>;
