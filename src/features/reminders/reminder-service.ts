import type { ChannelSender, Platform } from '../../conversation/messages';
import type { Logger } from '../../logger';
import type { Schedule } from '../../scheduler';
import type { Repositories } from '../../store/repositories';
import type { RoundService } from '../rounds/round-service';
import { createReminderDelivery, DEFAULT_RETRY, type RetryOptions } from './reminder-delivery';
import { createReminderPass } from './reminder-pass';
import { createRemindNow } from './reminder-remind-now';

export type { RetryOptions } from './reminder-delivery';
export { manualStageName } from './reminder-remind-now';
export type {
  ReminderItem,
  ReminderPassRequest,
  ReminderPassResult,
  UnreachableUnit,
} from './reminder-types';

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
 *
 * The pass itself is in `reminder-pass.ts`, what it reads in `reminder-world.ts`, delivery with
 * retries in `reminder-delivery.ts`, the messages in `reminder-rendering.ts`, `/nhac` in
 * `reminder-remind-now.ts`; this module fills in the defaults and puts them together.
 */
export function createReminderService(deps: ReminderServiceDeps) {
  const { repos, schedule, rounds, senders, logger } = deps;
  const retry: RetryOptions = { ...DEFAULT_RETRY, ...deps.options?.retry };
  const sleep = deps.options?.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const runReminderPass = createReminderPass({
    repos,
    schedule,
    rounds,
    senders,
    logger,
    deliver: createReminderDelivery({ retry, sleep }),
    concurrency: Math.max(1, deps.options?.concurrency ?? 16),
    staleMinutes: deps.options?.stalePendingMinutes ?? 15,
  });
  return {
    runReminderPass,
    remindNow: createRemindNow(runReminderPass, schedule.timezone),
  };
}

export type ReminderService = ReturnType<typeof createReminderService>;
