import type { DateTime } from 'luxon';
import { ledgerKey, type PlannedReminder, type PlanResult } from '../../scheduler';
import type { ReminderPassRequest, ReminderPassResult } from './reminder-types';
import { pendingUnits, type ReminderWorld } from './reminder-world';

/** Stage name of a manual reminder at `at`: `nhac-202612031415`. Two presses in one minute are one reminder. */
export function manualStageName(at: DateTime): string {
  return `nhac-${at.toFormat('yyyyMMddHHmm')}`;
}

/** The manual "remind now" plan: every pending unit's reachable contacts, once, under `stage`. */
export function manualPlan(world: ReminderWorld, stage: string, at: DateTime): PlanResult {
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

/** `remindNow` over a pass runner; a manual reminder is an ordinary pass with a stage of its own. */
export function createRemindNow(
  runReminderPass: (request: ReminderPassRequest) => Promise<ReminderPassResult>,
  timezone: string,
) {
  /**
   * The secretariat's "remind now" (`/nhac`): every pending unit of the round is reminded once
   * under the stage `nhac-<yyyyMMddHHmm>`. Nothing is sent in quiet hours (`quietHours: true`).
   */
  return function remindNow(
    roundId: string,
    at: DateTime,
    actorId: string,
    channel = 'chat',
  ): Promise<ReminderPassResult> {
    return runReminderPass({
      at,
      dryRun: false,
      stageOverride: manualStageName(at.setZone(timezone)),
      roundId,
      actor: actorId,
      channel,
    });
  };
}
