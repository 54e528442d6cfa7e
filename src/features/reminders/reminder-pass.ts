import type { DateTime } from 'luxon';
import { type ChannelSender, type Platform, TurnRefused } from '../../conversation/messages';
import type { Logger } from '../../logger';
import {
  isQuietTime,
  type PlannedReminder,
  type PlanResult,
  planReminders,
  type Schedule,
} from '../../scheduler';
import type { Repositories } from '../../store/repositories';
import type { RoundService } from '../rounds/round-service';
import { patchDigest, renderReminder } from './chat/reminder-rendering';
import { type DeliverReminder, type DeliveryOutcome, inPool } from './reminder-delivery';
import { manualPlan } from './reminder-remind-now';
import type { ReminderPassRequest, ReminderPassResult } from './reminder-types';
import { INTERRUPTED_ERROR, itemOf, loadReminderWorld, unreachableUnits } from './reminder-world';

export interface ReminderPassDeps {
  repos: Repositories;
  schedule: Schedule;
  rounds: RoundService;
  senders: ReadonlyMap<Platform, ChannelSender>;
  logger: Logger;
  deliver: DeliverReminder;
  /** Deliveries in flight at once. */
  concurrency: number;
  /** A `pending` claim older than this (pass time) is closed as `failed`, never resent. */
  staleMinutes: number;
}

/**
 * One reminder pass: load, plan, claim, deliver, record, audit. The ledger rules it keeps are
 * described on {@link createReminderService}.
 */
export function createReminderPass(deps: ReminderPassDeps) {
  const { repos, schedule, senders, logger, deliver, concurrency, staleMinutes } = deps;

  async function closeStalePending(at: DateTime): Promise<string[]> {
    const cutoff = at.minus({ minutes: staleMinutes }).toJSDate();
    const stale = (await repos.reminders.listPending()).filter((l) => l.createdAt < cutoff);
    for (const l of stale) {
      await repos.reminders.finish(l._id, 'failed', {
        at: at.toJSDate(),
        attempts: l.attempts,
        error: INTERRUPTED_ERROR,
      });
    }
    if (stale.length > 0)
      logger.warn({ keys: stale.map((l) => l._id) }, 'stale pending reminder claims closed');
    return stale.map((l) => l._id);
  }

  return async function runReminderPass(request: ReminderPassRequest): Promise<ReminderPassResult> {
    const at = request.at.setZone(schedule.timezone);
    const manual = request.stageOverride !== undefined;
    const quiet = isQuietTime(at, schedule);
    // Closed first, so this pass's digests already list them.
    const stalePending = request.dryRun || manual ? [] : await closeStalePending(at);
    const world = await loadReminderWorld(deps, at, request);
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
      unreachable: unreachableUnits(world, schedule, at, request.stageOverride),
      stalePending,
    };

    if (request.dryRun) {
      result.wouldSend = plan.due.map((p) => itemOf(world, p));
      result.skipped = plan.skipped.map((p) =>
        itemOf(world, p, 'missed: older than the grace, recorded as skipped'),
      );
      return result;
    }

    /** Its ledger entry, keyed by (round, stage, recipient): only the first claim of a key wins. */
    const claimLedger = (p: PlannedReminder, status?: 'skipped') =>
      repos.reminders.claim({
        roundId: p.roundId,
        stage: p.stage,
        recipientId: p.recipientId,
        unitCode: p.unitCode,
        kind: p.kind,
        ...(status ? { status } : {}),
        at: at.toJSDate(),
      });

    for (const p of plan.skipped) {
      const claimed = await claimLedger(p, 'skipped');
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
      // Claimed when its rate-limit turn comes, right before it is sent (see reminder-delivery).
      const claim = async () => {
        if (!(await claimLedger(p))) throw new TurnRefused(p.key);
      };
      let outcome: DeliveryOutcome;
      try {
        const planned = p.kind === 'secretariat-digest' ? { ...p, digest: patchDigest(p.digest, gone) } : p;
        outcome = await deliver(
          sender,
          contact.chatId,
          renderReminder(world, schedule, planned, sender, at, manual),
          claim,
        );
      } catch (error) {
        // Not a delivery error (a bug or the store): a claim made stays pending and is reported later.
        logger.error({ err: error, key: p.key }, 'reminder not delivered');
        result.failed.push(itemOf(world, p, `error: ${(error as Error).message}`));
        return;
      }
      if (outcome.status === 'claimed-elsewhere') {
        result.skipped.push(itemOf(world, p, 'claimed by another pass'));
        return;
      }
      if (outcome.status === 'unreachable') {
        gone.add(contact._id);
        await repos.contacts.markUnreachable(contact._id, at.toJSDate());
      }
      if (outcome.status === 'failed') {
        // Not delivered for a passing reason (timeouts, 5xx after the client's retries): the
        // next pass tries again while the stage is within its grace, so no reminder is lost.
        await repos.reminders.release(p.key);
      } else {
        await repos.reminders.finish(p.key, outcome.status, {
          at: at.toJSDate(),
          attempts: outcome.attempts,
          ...(outcome.error ? { error: outcome.error } : {}),
        });
      }
      const reason =
        outcome.status === 'unreachable'
          ? `unreachable: ${outcome.error}`
          : outcome.status === 'failed'
            ? `${outcome.error}; will be tried again by the next pass`
            : outcome.error;
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
    await inPool(unitReminders, concurrency, guarded);
    await inPool(digests, concurrency, guarded);

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
  };
}
