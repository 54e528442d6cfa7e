import { DateTime } from 'luxon';
import {
  type ChannelSender,
  DeliveryError,
  type Outbound,
  type Platform,
} from '../../../conversation/messages';
import type { Logger } from '../../../logger';
import { formatDateTimeVi } from '../../../scheduler/format-date';
import type { Repositories } from '../../../store/repositories';

/** A message, or one worded for whether the recipient's platform shows buttons. */
export type NoticeFor = Outbound | ((buttons: boolean) => Outbound);

export interface UnitNotifier {
  /** Sends one message to every active contact of each unit; returns how many contacts it reached. */
  notifyUnits(unitCodes: readonly string[], message: NoticeFor, at: Date): Promise<number>;
}

/**
 * Messages from the secretariat to units (returns, requests). A contact whose platform refuses
 * delivery for good is marked unreachable, as the reminders do; other failures are logged and the
 * rest still receive theirs.
 */
export function createUnitNotifier(deps: {
  repos: Repositories;
  senders: ReadonlyMap<Platform, ChannelSender>;
  logger: Logger;
}): UnitNotifier {
  return {
    async notifyUnits(unitCodes, message, at) {
      let reached = 0;
      for (const unitCode of unitCodes) {
        const contacts = await deps.repos.contacts.listByUnit(unitCode, { activeOnly: true });
        for (const contact of contacts) {
          const sender = deps.senders.get(contact.platform);
          if (!sender) continue;
          try {
            await sender.send(
              contact.chatId,
              typeof message === 'function' ? message(sender.buttons) : message,
            );
            reached++;
          } catch (error) {
            if (error instanceof DeliveryError && error.permanent) {
              await deps.repos.contacts.markUnreachable(contact._id, at);
            }
            deps.logger.warn(
              { err: error, contact: contact._id, unit: unitCode },
              'notification not delivered',
            );
          }
        }
      }
      return reached;
    },
  };
}

/**
 * For the report journey's `onSubmitted` hook: tells every active secretariat member that a unit
 * has submitted, with a button to read the report at once.
 */
export function createSubmittedNotifier(deps: {
  repos: Repositories;
  senders: ReadonlyMap<Platform, ChannelSender>;
  logger: Logger;
  timeZone: string;
}) {
  return async (
    current: { round: { _id: string; title: string }; unit: { _id: string; name: string } },
    submission: { version: number; submittedAt: Date | null; receiptNo: string | null },
  ): Promise<void> => {
    const when = DateTime.fromJSDate(submission.submittedAt ?? new Date(), { zone: deps.timeZone });
    const data = `sv:${current.round._id}:${current.unit._id}`;
    const message: Outbound = {
      text:
        `📥 ${current.unit.name} đã nộp báo cáo "${current.round.title}"` +
        `${submission.version > 1 ? ` (lần ${submission.version})` : ''} lúc ${formatDateTimeVi(when)}, ` +
        `số tiếp nhận ${submission.receiptNo ?? ''}.`,
      ...(Buffer.byteLength(data) <= 64 ? { buttons: [[{ label: '📄 Xem báo cáo', data }]] } : {}),
    };
    for (const member of await deps.repos.contacts.listSecretariat()) {
      const sender = deps.senders.get(member.platform);
      if (!sender) continue;
      await sender.send(member.chatId, message).catch((error: unknown) => {
        deps.logger.warn({ err: error, contact: member._id }, 'submission notice not delivered');
      });
    }
  };
}
