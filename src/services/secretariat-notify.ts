import { type ChannelSender, DeliveryError, type Outbound, type Platform } from '../channels/types';
import type { Logger } from '../logger';
import type { Repositories } from '../store/repositories';

export interface UnitNotifier {
  /** Sends one message to every active contact of each unit; returns how many contacts it reached. */
  notifyUnits(unitCodes: readonly string[], message: Outbound, at: Date): Promise<number>;
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
            await sender.send(contact.chatId, message);
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
