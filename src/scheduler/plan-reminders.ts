import type { DateTime } from 'luxon';
import {
  beforeDueDigestStage,
  type DigestContent,
  type DigestOccurrence,
  DONE_STATUSES,
  lateDigestStage,
  ledgerKey,
  type PlanInput,
  type PlannedReminder,
  type PlanResult,
  type PlanSubmission,
  type PlanUnit,
  type UnitProgress,
  weeklyDigestStage,
} from './plan-types';
import {
  isQuietTime,
  nextAllowedTime,
  type RoundInfo,
  roundStages,
  STAGE_GRACE_HOURS,
  type StageOccurrence,
  stageInstant,
} from './round-calendar';
import type { Schedule, StageSpec } from './schedule-schema';

/**
 * The reminder planner: given the state of the world at `now`, which reminders and secretariat
 * digests are due, and which missed ones must be recorded as skipped. Pure and deterministic —
 * the caller reads the store, records every returned key in the ledger and sends `due`.
 *
 * Rules:
 * - A stage is due from its instant ({@link stageInstant}) for {@link STAGE_GRACE_HOURS} hours
 *   (`at <= now < at + 24h`), so a bot that was down sends it once when it is back.
 * - Older stages not yet in the ledger go to `skipped`: recorded, never sent late in a burst.
 * - While `now` is in quiet hours nothing is due (a stage still in grace waits for the morning);
 *   stage instants themselves are already moved out of quiet hours.
 * - Units that submitted or were accepted, exempt units, inactive units, inactive or unreachable
 *   contacts get nothing. Returned units (sent back for correction) are reminded.
 * - Only units listed in `targets` for a round are considered; a round without a targets entry
 *   has no units (targeting is the store's decision, made when rounds are created).
 */

export * from './plan-types';

/**
 * Secretariat digest stages of a round: one `tong-hop-<stage>` per overdue unit stage (same
 * instant), `tong-hop-truoc-N` N days before the due date, and a weekly `tuan-<date>` on the
 * configured weekday between opening and deadline — except on a day that already has a
 * `tong-hop-truoc-N` digest, so the secretariat gets one progress digest a day at most.
 */
export function digestStages(
  round: RoundInfo,
  schedule: Schedule,
  unitStages: StageOccurrence[] = roundStages(round, schedule),
): DigestOccurrence[] {
  const out: DigestOccurrence[] = [];
  for (const s of unitStages) {
    if (s.overdue) out.push({ name: lateDigestStage(s.stage.name), at: s.at, type: 'late' });
  }
  const progressDays = new Set<string>();
  for (const days of schedule.secretariatDigest.daysBeforeDue) {
    const spec: StageSpec = { name: beforeDueDigestStage(days), from: 'due', days: -days, time: null };
    const at = stageInstant(round, spec, schedule);
    if (!at) continue;
    out.push({ name: spec.name, at, type: 'progress' });
    progressDays.add(at.toISODate() ?? '');
  }
  const weekday = schedule.secretariatDigest.weekday;
  if (weekday !== null) {
    const zone = schedule.timezone;
    const opensAt = round.opensAt.setZone(zone);
    const dueAt = round.dueAt.setZone(zone);
    const first = opensAt.startOf('day');
    const { hour, minute } = schedule.sendAt;
    let day = first.plus({ days: (weekday - first.weekday + 7) % 7 });
    for (; day <= dueAt; day = day.plus({ weeks: 1 })) {
      const at = nextAllowedTime(day.set({ hour, minute }), schedule);
      if (at < opensAt || at >= dueAt || progressDays.has(at.toISODate() ?? '')) continue;
      out.push({ name: weeklyDigestStage(day), at, type: 'progress' });
    }
  }
  return out.sort((a, b) => a.at.toMillis() - b.at.toMillis());
}

interface Audience {
  /** Pending units in code order, each with its reachable active contacts. */
  pending: { progress: UnitProgress; recipients: string[] }[];
  counts: DigestContent['counts'];
}

function audienceOf(round: RoundInfo, ctx: Lookups): Audience {
  const codes = [...new Set(ctx.targets.get(round.id) ?? [])].sort();
  const pending: Audience['pending'] = [];
  const counts = { expected: 0, done: 0, pending: 0, exempt: 0, unreachable: 0 };
  for (const code of codes) {
    const unit = ctx.units.get(code);
    if (!unit?.active) continue;
    if (ctx.exempt.has(pair(round.id, code))) {
      counts.exempt++;
      continue;
    }
    counts.expected++;
    const sub = ctx.submissions.get(pair(round.id, code));
    const status = sub?.status ?? 'not_started';
    if (DONE_STATUSES.has(status)) {
      counts.done++;
      continue;
    }
    const contacts = unit.contacts.filter((c) => c.active).map((c) => ({ id: c.id, reachable: c.reachable }));
    const recipients = contacts.filter((c) => c.reachable).map((c) => c.id);
    counts.pending++;
    if (recipients.length === 0) counts.unreachable++;
    pending.push({
      progress: {
        unitCode: code,
        status,
        answered: sub?.answered ?? 0,
        total: sub?.total ?? 0,
        contacts,
        reachable: recipients.length > 0,
      },
      recipients,
    });
  }
  return { pending, counts };
}

interface Lookups {
  units: Map<string, PlanUnit>;
  submissions: Map<string, PlanSubmission>;
  exempt: Set<string>;
  targets: Map<string, string[]>;
}

const pair = (roundId: string, unitCode: string) => `${roundId}\u0000${unitCode}`;

function lookups(input: PlanInput): Lookups {
  const targets = new Map<string, string[]>();
  for (const t of input.targets) targets.set(t.roundId, [...(targets.get(t.roundId) ?? []), ...t.unitCodes]);
  return {
    units: new Map(input.units.map((u) => [u.code, u])),
    submissions: new Map(input.submissions.map((s) => [pair(s.roundId, s.unitCode), s])),
    exempt: new Set(input.exemptions.map((e) => pair(e.roundId, e.unitCode))),
    targets,
  };
}

/** Plans one reminder pass at `input.now`. See the module comment for the rules. */
export function planReminders(input: PlanInput): PlanResult {
  const { schedule } = input;
  const now = input.now.setZone(schedule.timezone);
  const quietNow = isQuietTime(now, schedule);
  const ctx = lookups(input);
  const due: PlannedReminder[] = [];
  const skipped: PlannedReminder[] = [];
  // One key per pass even if a contact serves two units: the ledger's unique index would refuse the second.
  const planned = new Set<string>();

  const bucketFor = (at: DateTime): PlannedReminder[] | null => {
    if (at > now) return null;
    if (now < at.plus({ hours: STAGE_GRACE_HOURS })) return quietNow ? null : due;
    return skipped;
  };
  const add = (bucket: PlannedReminder[], item: PlannedReminder) => {
    if (input.alreadyRecorded.has(item.key) || planned.has(item.key)) return;
    planned.add(item.key);
    bucket.push(item);
  };
  const members = input.secretariat.filter((m) => m.active && m.reachable).map((m) => m.id);

  for (const round of input.rounds) {
    const allStages = roundStages(round, schedule);
    const unitStages = allStages.filter((s) => s.at <= now);
    const digests = digestStages(round, schedule, allStages).filter((d) => d.at <= now);
    if (unitStages.length === 0 && digests.length === 0) continue;
    const audience = audienceOf(round, ctx);

    for (const s of unitStages) {
      const bucket = bucketFor(s.at);
      if (!bucket) continue;
      for (const { progress, recipients } of audience.pending) {
        for (const recipientId of recipients) {
          add(bucket, {
            kind: 'unit-reminder',
            key: ledgerKey(round.id, s.stage.name, recipientId),
            roundId: round.id,
            stage: s.stage.name,
            recipientId,
            unitCode: progress.unitCode,
            stageAt: s.at,
            overdue: s.overdue,
            progress: { status: progress.status, answered: progress.answered, total: progress.total },
          });
        }
      }
    }

    for (const d of digests) {
      const bucket = bucketFor(d.at);
      if (!bucket) continue;
      // A late digest with no late unit, or a progress digest of a round with no expected unit, says nothing.
      if (d.type === 'late' ? audience.pending.length === 0 : audience.counts.expected === 0) continue;
      const digest: DigestContent = {
        type: d.type,
        roundId: round.id,
        roundTitle: round.title,
        dueAt: round.dueAt.setZone(schedule.timezone),
        counts: { ...audience.counts },
        pending: audience.pending.map((p) => p.progress),
        unreachable: audience.pending.filter((p) => !p.progress.reachable).map((p) => p.progress.unitCode),
      };
      for (const recipientId of members) {
        add(bucket, {
          kind: 'secretariat-digest',
          key: ledgerKey(round.id, d.name, recipientId),
          roundId: round.id,
          stage: d.name,
          recipientId,
          unitCode: null,
          stageAt: d.at,
          overdue: d.type === 'late',
          digest,
        });
      }
    }
  }
  return { due: due.sort(byOrder), skipped: skipped.sort(byOrder) };
}

function byOrder(a: PlannedReminder, b: PlannedReminder): number {
  return (
    a.stageAt.toMillis() - b.stageAt.toMillis() ||
    a.roundId.localeCompare(b.roundId) ||
    a.kind.localeCompare(b.kind) ||
    (a.unitCode ?? '').localeCompare(b.unitCode ?? '') ||
    a.recipientId.localeCompare(b.recipientId)
  );
}
