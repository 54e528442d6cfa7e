import type { DateTime } from 'luxon';
import type { Platform } from '../../conversation/messages';
import type { PlannedReminder } from '../../scheduler';

/** What a reminder pass is asked to do and what it reports (the cron, the CLI and `/nhac` read these). */

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
