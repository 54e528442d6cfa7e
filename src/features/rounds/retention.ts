import type { DateTime } from 'luxon';
import { roundActiveUntil, type Schedule } from '../../scheduler';
import { PROCESSED_UPDATES_KEEP_DAYS } from '../../scheduler/cron';
import type { Models } from '../../store/models';
import type { Repositories } from '../../store/repositories';
import { roundInfoOf } from './round-service';

/**
 * What may be forgotten, and when. Everything else is kept: the audit trail, answers and their
 * revisions, submission versions and rounds are the evidence of who reported what, when.
 */
export const RETENTION = {
  /** Processed-update ids: far longer than any platform redelivers an update. */
  processedUpdateDays: PROCESSED_UPDATES_KEEP_DAYS,
  /**
   * A round's reminder ledger, counted from the moment no automatic reminder can be due for it
   * any more (the last stage plus its grace): after that the ledger only stops duplicates of
   * reminders that will never be sent again. The audit keeps what was sent.
   */
  closedRoundLedgerDays: 30,
  /**
   * Webhook inbox entries given up after their retries (a handled one is deleted at once; a
   * pending one is never purged): kept a week for a look at what failed.
   */
  failedInboxDays: 7,
} as const;

export interface RetentionDeps {
  repos: Repositories;
  models: Models;
  schedule: Schedule;
}

export interface PurgeResult {
  processedUpdates: number;
  webLogins: number;
  webhookInbox: number;
  reminderLedger: number;
  /** Rounds whose reminder ledger was emptied by this purge. */
  closedRounds: string[];
}

/** One purge as of `at`; idempotent, and safe while the bot runs (only dead records go). */
export async function purgeOldRecords(deps: RetentionDeps, at: DateTime): Promise<PurgeResult> {
  const { repos, models, schedule } = deps;
  const processedUpdates = await repos.processedUpdates.purgeOlderThan(
    at.minus({ days: RETENTION.processedUpdateDays }).toJSDate(),
  );
  // Expired sessions and login links (used links expire 15 minutes after they were made).
  const webLogins = await repos.webLogins.purgeExpired(at.toJSDate());
  const webhookInbox = await repos.webhookInbox.purgeHandledBefore(
    at.minus({ days: RETENTION.failedInboxDays }).toJSDate(),
  );

  const closedRounds = (await repos.rounds.list())
    .filter((round) => {
      const closedAt = roundActiveUntil(roundInfoOf(schedule, round), schedule);
      return closedAt.plus({ days: RETENTION.closedRoundLedgerDays }) <= at;
    })
    .map((round) => round._id);
  let reminderLedger = 0;
  if (closedRounds.length > 0) {
    const outcome = await models.ReminderLedger.deleteMany({ roundId: { $in: closedRounds } }).exec();
    reminderLedger = outcome.deletedCount;
  }
  return {
    processedUpdates,
    webLogins,
    webhookInbox,
    reminderLedger,
    closedRounds: reminderLedger > 0 ? closedRounds : [],
  };
}
