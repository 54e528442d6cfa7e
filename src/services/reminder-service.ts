import type { DateTime } from 'luxon';
import { splitText } from '../channels/split-text';
import { type ChannelSender, DeliveryError, type Outbound, type Platform } from '../channels/types';
import type { Logger } from '../logger';
import {
  type DigestContent,
  DONE_STATUSES,
  dueDate,
  isQuietTime,
  ledgerKey,
  type PlanInput,
  type PlannedReminder,
  type PlanResult,
  planReminders,
  type RoundInfo,
  roundActiveUntil,
  roundStages,
  type Schedule,
  STAGE_GRACE_HOURS,
} from '../scheduler';
import type { ContactDoc, RoundDoc, UnitDoc } from '../store/models';
import type { Repositories } from '../store/repositories';
import { digestText, unitReminderMessage } from './reminder-messages';
import { type RoundService, roundTargetCodes } from './round-service';

/**
 * The reminder pass: reads the store, asks the pure planner what is due at `at`, and delivers it
 * exactly once through the ledger. One code path for the cron, the CLI (`remind --at … --dry-run`)
 * and the secretariat's manual "remind now".
 *
 * Exactly once, concretely:
 * - Every reminder is **claimed** in the ledger (unique `_id` `<round>:<stage>:<recipient>`, status
 *   `pending`) before it is sent. A losing claim (another pass, another instance) skips it.
 * - After delivery the claim becomes `sent`, `failed` (temporary errors still failing after
 *   {@link RetryOptions.attempts} tries) or `unreachable` (403: the contact is marked unreachable and
 *   shows up in the next digest). A `failed` claim is kept: later passes do NOT resend it, because
 *   the planner treats every recorded key as done. Retrying happens inside the pass only.
 * - A claim left `pending` by a pass that died mid-send is never resent either: the message may or
 *   may not have reached the platform, and a duplicate is worse than a gap in a stage the next
 *   stage repeats. Once older than {@link ReminderServiceOptions.stalePendingMinutes} it is closed
 *   as `failed` ("interrupted") so the ledger says what happened. At most once, by design.
 * - Missed stages (older than the 24 h grace) are recorded as `skipped`, never sent.
 * - An item whose contact's platform has no sender (the channel is off) is not claimed, so a later
 *   pass with the channel on can still send it within the grace.
 */

export interface RetryOptions {
  /** Tries per message, the first included. */
  attempts: number;
  /** Backoff when the platform gives no retry_after: base × 2^(try − 1), capped. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export interface ReminderServiceOptions {
  /** Deliveries in flight at once; the sender's rate limiter does the real pacing. */
  concurrency?: number;
  retry?: Partial<RetryOptions>;
  /** A `pending` claim older than this (pass time) is closed as `failed`, never resent. */
  stalePendingMinutes?: number;
  sleep?: (ms: number) => Promise<void>;
}

export interface ReminderServiceDeps {
  repos: Repositories;
  schedule: Schedule;
  rounds: RoundService;
  senders: ReadonlyMap<Platform, ChannelSender>;
  logger: Logger;
  options?: ReminderServiceOptions;
}

export interface ReminderItem {
  key: string;
  roundId: string;
  stage: string;
  kind: PlannedReminder['kind'];
  recipientId: string;
  recipientName: string;
  platform: Platform | null;
  unitCode: string | null;
  unitName: string | null;
  /** Why the item is in `skipped` or `failed`. */
  reason?: string;
  attempts?: number;
}

/** A pending unit of a due stage that nobody can be reminded in (no active contact, or all blocked the bot). */
export interface UnreachableUnit {
  roundId: string;
  stage: string;
  unitCode: string;
  unitName: string;
  reason: 'no-contact' | 'blocked';
}

export interface ReminderPassResult {
  at: DateTime;
  dryRun: boolean;
  /** `at` is in quiet hours: nothing is sent (missed stages are still recorded as skipped). */
  quietHours: boolean;
  sent: ReminderItem[];
  /** Recorded as skipped (missed by more than the grace), or claimed by another pass. */
  skipped: ReminderItem[];
  failed: ReminderItem[];
  /** Dry run only: what a real pass would send now. */
  wouldSend: ReminderItem[];
  unreachable: UnreachableUnit[];
  /** Keys of `pending` claims of crashed passes closed as `failed` by this pass. */
  stalePending: string[];
}

export interface ReminderPassRequest {
  at: DateTime;
  dryRun: boolean;
  /** Manual reminder: this stage name for every pending unit (of `roundId`, or of every open round). */
  stageOverride?: string;
  roundId?: string;
  /** Contact id, `cli` or `system` (audit). */
  actor?: string;
  channel?: string;
}

/** Stage name of a manual reminder at `at`: `nhac-202612031415`. Two presses in one minute are one reminder. */
export function manualStageName(at: DateTime): string {
  return `nhac-${at.toFormat('yyyyMMddHHmm')}`;
}

const DEFAULT_RETRY: RetryOptions = { attempts: 4, baseDelayMs: 2000, maxDelayMs: 60_000 };

interface World {
  rounds: { doc: RoundDoc; info: RoundInfo }[];
  units: Map<string, UnitDoc>;
  contacts: Map<string, ContactDoc>;
  input: PlanInput;
}

interface Outcome {
  status: 'sent' | 'failed' | 'unreachable';
  attempts: number;
  error?: string;
}

export function createReminderService(deps: ReminderServiceDeps) {
  const { repos, schedule, rounds, senders, logger } = deps;
  const retry: RetryOptions = { ...DEFAULT_RETRY, ...deps.options?.retry };
  const concurrency = Math.max(1, deps.options?.concurrency ?? 16);
  const staleMinutes = deps.options?.stalePendingMinutes ?? 15;
  const sleep = deps.options?.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));

  /** Rounds to consider at `at`: stored ones (plus, in a dry run, the periodic ones not yet stored). */
  async function loadWorld(at: DateTime, request: ReminderPassRequest): Promise<World> {
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
    return { rounds: chosen, units, contacts, input };
  }

  /** Pending (not submitted, not exempt, active) units of a round with their remindable contacts. */
  function pendingUnits(world: World, roundId: string) {
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

  /** The manual "remind now" plan: every pending unit's reachable contacts, once, under `stage`. */
  function manualPlan(world: World, stage: string, at: DateTime): PlanResult {
    const due: PlannedReminder[] = [];
    const seen = new Set<string>();
    for (const { info } of world.rounds) {
      for (const p of pendingUnits(world, info.id)) {
        for (const recipientId of p.recipients) {
          const key = ledgerKey(info.id, stage, recipientId);
          if (seen.has(key) || world.input.alreadyRecorded.has(key)) continue;
          seen.add(key);
          due.push({
            kind: 'unit-reminder',
            key,
            roundId: info.id,
            stage,
            recipientId,
            unitCode: p.unitCode,
            stageAt: at,
            overdue: at > info.dueAt,
            progress: p.progress,
          });
        }
      }
    }
    return { due, skipped: [] };
  }

  /** Units nobody can be reminded in, for every unit stage that is due at `at` (informative listing). */
  function unreachableUnits(world: World, at: DateTime, stageOverride?: string): UnreachableUnit[] {
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

  function itemOf(world: World, p: PlannedReminder, reason?: string): ReminderItem {
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

  function render(
    world: World,
    p: PlannedReminder,
    sender: ChannelSender,
    at: DateTime,
    manual: boolean,
  ): Outbound[] {
    const round = world.rounds.find((r) => r.info.id === p.roundId);
    if (!round) throw new Error(`round ${p.roundId} not loaded`);
    if (p.kind === 'unit-reminder') {
      const stage = round.info.reminderPlan.find((s) => s.name === p.stage);
      return [
        unitReminderMessage({
          roundId: p.roundId,
          roundTitle: round.info.title,
          dueAt: round.info.dueAt,
          dueDate: dueDate(round.info, schedule),
          unitName: world.units.get(p.unitCode)?.name ?? p.unitCode,
          progress: p.progress,
          stageAt: p.stageAt,
          overdue: p.overdue,
          opening: stage?.from === 'opens',
          manual,
        }),
      ];
    }
    const text = digestText(
      p.digest,
      {
        unitName: (code) => world.units.get(code)?.name ?? code,
        contactName: (id) => world.contacts.get(id)?.displayName || id,
      },
      at,
    );
    return splitText(text, sender.maxTextLength).map((part) => ({ text: part }));
  }

  /** Sends the parts in order, retrying temporary failures of the current part with backoff. */
  async function deliver(sender: ChannelSender, chatId: string, parts: Outbound[]): Promise<Outcome> {
    let attempts = 0;
    for (const part of parts) {
      for (let tryNo = 1; ; tryNo++) {
        attempts++;
        try {
          await sender.send(chatId, part);
          break;
        } catch (error) {
          const delivery = error instanceof DeliveryError ? error : new DeliveryError(String(error), false);
          if (delivery.permanent) return { status: 'unreachable', attempts, error: delivery.message };
          if (tryNo >= retry.attempts) return { status: 'failed', attempts, error: delivery.message };
          const backoff = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (tryNo - 1));
          const wait = delivery.retryAfterSeconds !== undefined ? delivery.retryAfterSeconds * 1000 : backoff;
          await sleep(wait);
        }
      }
    }
    return { status: 'sent', attempts };
  }

  /** Contacts of pending units newly found unreachable in this pass are shown as such in its digests. */
  function patchDigest(d: DigestContent, gone: ReadonlySet<string>): DigestContent {
    if (gone.size === 0) return d;
    const pending = d.pending.map((u) => {
      const contacts = u.contacts.map((c) => (gone.has(c.id) ? { ...c, reachable: false } : c));
      return { ...u, contacts, reachable: contacts.some((c) => c.reachable) };
    });
    const unreachable = pending.filter((u) => !u.reachable).map((u) => u.unitCode);
    return { ...d, pending, unreachable, counts: { ...d.counts, unreachable: unreachable.length } };
  }

  async function closeStalePending(at: DateTime): Promise<string[]> {
    const cutoff = at.minus({ minutes: staleMinutes }).toJSDate();
    const stale = (await repos.reminders.listPending()).filter((l) => l.createdAt < cutoff);
    for (const l of stale) {
      await repos.reminders.finish(l._id, 'failed', {
        at: at.toJSDate(),
        attempts: l.attempts,
        error: 'interrupted: the pass stopped before delivery was confirmed; not resent (at most once)',
      });
    }
    if (stale.length > 0)
      logger.warn({ keys: stale.map((l) => l._id) }, 'stale pending reminder claims closed');
    return stale.map((l) => l._id);
  }

  async function pool<T>(items: readonly T[], work: (item: T) => Promise<void>): Promise<void> {
    let next = 0;
    const worker = async () => {
      while (next < items.length) {
        const item = items[next++] as T;
        await work(item);
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  }

  async function runReminderPass(request: ReminderPassRequest): Promise<ReminderPassResult> {
    const at = request.at.setZone(schedule.timezone);
    const manual = request.stageOverride !== undefined;
    const quiet = isQuietTime(at, schedule);
    const world = await loadWorld(at, request);
    const plan: PlanResult =
      request.stageOverride !== undefined
        ? quiet
          ? { due: [], skipped: [] }
          : manualPlan(world, request.stageOverride, at)
        : planReminders(world.input);
    const result: ReminderPassResult = {
      at,
      dryRun: request.dryRun,
      quietHours: quiet,
      sent: [],
      skipped: [],
      failed: [],
      wouldSend: [],
      unreachable: unreachableUnits(world, at, request.stageOverride),
      stalePending: [],
    };

    if (request.dryRun) {
      result.wouldSend = plan.due.map((p) => itemOf(world, p));
      result.skipped = plan.skipped.map((p) =>
        itemOf(world, p, 'missed: older than the grace, recorded as skipped'),
      );
      return result;
    }

    if (!manual) result.stalePending = await closeStalePending(at);

    for (const p of plan.skipped) {
      const claimed = await repos.reminders.claim({
        roundId: p.roundId,
        stage: p.stage,
        recipientId: p.recipientId,
        unitCode: p.unitCode,
        kind: p.kind,
        status: 'skipped',
        at: at.toJSDate(),
      });
      if (claimed) result.skipped.push(itemOf(world, p, 'missed: older than the grace'));
    }

    const gone = new Set<string>();
    const send = async (p: PlannedReminder) => {
      const contact = world.contacts.get(p.recipientId);
      const sender = contact ? senders.get(contact.platform) : undefined;
      if (!contact || !sender) {
        // Not claimed: a pass with the channel enabled may still send it within the grace.
        result.failed.push(
          itemOf(world, p, contact ? `no sender for ${contact.platform}` : 'unknown contact'),
        );
        return;
      }
      const claimed = await repos.reminders.claim({
        roundId: p.roundId,
        stage: p.stage,
        recipientId: p.recipientId,
        unitCode: p.unitCode,
        kind: p.kind,
        at: at.toJSDate(),
      });
      if (!claimed) {
        result.skipped.push(itemOf(world, p, 'claimed by another pass'));
        return;
      }
      let outcome: Outcome;
      try {
        const planned = p.kind === 'secretariat-digest' ? { ...p, digest: patchDigest(p.digest, gone) } : p;
        outcome = await deliver(sender, contact.chatId, render(world, planned, sender, at, manual));
      } catch (error) {
        // Not a delivery error (a bug or the store): the claim stays pending and is closed later.
        logger.error({ err: error, key: p.key }, 'reminder not delivered');
        result.failed.push(itemOf(world, p, `error: ${(error as Error).message}`));
        return;
      }
      if (outcome.status === 'unreachable') {
        gone.add(contact._id);
        await repos.contacts.markUnreachable(contact._id, at.toJSDate());
      }
      await repos.reminders.finish(p.key, outcome.status, {
        at: at.toJSDate(),
        attempts: outcome.attempts,
        ...(outcome.error ? { error: outcome.error } : {}),
      });
      const reason = outcome.status === 'unreachable' ? `unreachable: ${outcome.error}` : outcome.error;
      const item = { ...itemOf(world, p, reason), attempts: outcome.attempts };
      (outcome.status === 'sent' ? result.sent : result.failed).push(item);
    };
    const unitReminders = plan.due.filter((p) => p.kind === 'unit-reminder');
    const digests = plan.due.filter((p) => p.kind === 'secretariat-digest');
    const guarded = async (p: PlannedReminder) => {
      try {
        await send(p);
      } catch (error) {
        // The store failed around a delivery: a claim may stay pending (closed later, never resent).
        logger.error({ err: error, key: p.key }, 'reminder bookkeeping failed');
        result.failed.push(itemOf(world, p, `error: ${(error as Error).message}`));
      }
    };
    // Unit reminders first, so a 403 met now already shows in this pass's digests.
    await pool(unitReminders, guarded);
    await pool(digests, guarded);

    // Deliveries finish in any order; report them in the order they were started.
    const order = new Map([...plan.skipped, ...unitReminders, ...digests].map((p, i) => [p.key, i]));
    for (const list of [result.sent, result.failed, result.skipped]) {
      list.sort((a, b) => (order.get(a.key) ?? 0) - (order.get(b.key) ?? 0));
    }

    if (result.sent.length + result.failed.length + result.skipped.length + result.stalePending.length > 0) {
      await repos.audit.record({
        at: at.toJSDate(),
        actor: request.actor ?? 'system',
        channel: request.channel ?? 'scheduler',
        action: 'reminders.pass',
        roundId: request.roundId ?? null,
        details: {
          stage: request.stageOverride ?? null,
          sent: result.sent.length,
          failed: result.failed.length,
          unreachable: result.failed.filter((i) => gone.has(i.recipientId)).length,
          skipped: result.skipped.length,
          stalePending: result.stalePending.length,
        },
      });
    }
    logger.info(
      {
        at: at.toISO(),
        sent: result.sent.length,
        failed: result.failed.length,
        skipped: result.skipped.length,
        stage: request.stageOverride,
      },
      'reminder pass',
    );
    return result;
  }

  return {
    runReminderPass,

    /**
     * The secretariat's "remind now" (`/nhac`): every pending unit of the round is reminded once
     * under the stage `nhac-<yyyyMMddHHmm>`. Nothing is sent in quiet hours (`quietHours: true`).
     */
    remindNow(roundId: string, at: DateTime, actorId: string, channel = 'chat'): Promise<ReminderPassResult> {
      return runReminderPass({
        at,
        dryRun: false,
        stageOverride: manualStageName(at.setZone(schedule.timezone)),
        roundId,
        actor: actorId,
        channel,
      });
    },
  };
}

export type ReminderService = ReturnType<typeof createReminderService>;
