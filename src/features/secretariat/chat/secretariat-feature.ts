import type { ChannelSender, Outbound, Platform } from '../../../conversation/messages';
import { pendingType } from '../../../conversation/pending';
import type { ConversationFeature, Turn } from '../../../conversation/turn';
import type { FlowCatalog } from '../../../engine';
import type { Logger } from '../../../logger';
import type { AttachmentStore } from '../../../store/attachment-store';
import type { Repositories } from '../../../store/repositories';
import { createExportCommands } from '../../exports/chat/secretariat-export-commands';
import type { ExportService } from '../../exports/export-service';
import { createRemindCommand, type RemindNow } from '../../reminders/chat/secretariat-remind-command';
import { createRequestCommands } from '../../requests/chat/secretariat-request-commands';
import { createUnitCommands } from '../../units/chat/secretariat-unit-commands';
import { createBoardCommands } from './secretariat-board-commands';
import {
  createRoundChooser,
  mergeCommandGroups,
  type SecretariatCommandGroup,
} from './secretariat-command-kit';
import { createUnitNotifier } from './secretariat-notify';
import { createReportCommands } from './secretariat-report-commands';
import { sv } from './secretariat-texts';

export interface SecretariatFeatureDeps {
  repos: Repositories;
  flows: FlowCatalog;
  exports: ExportService;
  attachments: AttachmentStore;
  /** Filled by the channels as they start; read when a notification is sent. */
  senders: ReadonlyMap<Platform, ChannelSender>;
  logger: Logger;
  timeZone: string;
  inviteTtlDays: number;
  telegramUsername: () => string | undefined;
  /** The reminder service's manual pass (`/nhac`); structurally `ReminderService['remindNow']`. */
  remindNow?: RemindNow;
  /** Stage names of the ad-hoc reminder plan (from the schedule). */
  adHocReminderPlan?: readonly string[];
  /** Flow ids; default: the first flow of each kind in the catalog. */
  mainFlowId?: string;
  adHocFlowId?: string;
}

/**
 * The secretariat's tools in chat: who has reported, reading, returning and accepting reports,
 * ad-hoc requests, reminders, exports, units and invitations — one command group per file, put
 * together here. Every entry point checks the role itself: commands are also filtered by the
 * router, but button data and pending steps can be forged.
 */
export function createSecretariatFeature(deps: SecretariatFeatureDeps): ConversationFeature {
  const { repos, timeZone } = deps;
  const notifier = createUnitNotifier({ repos, senders: deps.senders, logger: deps.logger });
  const withRound = createRoundChooser(repos);
  const groups: SecretariatCommandGroup[] = [
    createBoardCommands({ repos, timeZone, withRound }),
    createReportCommands({
      repos,
      flows: deps.flows,
      attachments: deps.attachments,
      notifier,
      timeZone,
      withRound,
    }),
    createRequestCommands({
      repos,
      flows: deps.flows,
      notifier,
      timeZone,
      adHocReminderPlan: deps.adHocReminderPlan,
      mainFlowId: deps.mainFlowId,
      adHocFlowId: deps.adHocFlowId,
    }),
    createRemindCommand({ remindNow: deps.remindNow, withRound }),
    createExportCommands({ exports: deps.exports, withRound }),
    createUnitCommands({
      repos,
      inviteTtlDays: deps.inviteTtlDays,
      timeZone,
      telegramUsername: deps.telegramUsername,
    }),
  ];
  const { commands, buttons, pending } = mergeCommandGroups(groups);
  // The pending steps of this feature's wizards (ad-hoc request, returning a report).
  const ownPendingTypes = new Set(pending.map((binding) => binding.type));

  const allowed = (turn: Turn) => turn.contact.role === 'secretariat' && turn.contact.active;
  const guard =
    <A extends unknown[]>(handler: (turn: Turn, ...rest: A) => Promise<Outbound[]>) =>
    async (turn: Turn, ...rest: A): Promise<Outbound[]> => {
      if (!allowed(turn)) {
        // Whatever wizard the chat was in, a non-member gets nothing from it.
        const type = pendingType(turn.session.pending);
        if (type !== undefined && ownPendingTypes.has(type)) turn.session.pending = null;
        return [{ text: sv.forbidden }];
      }
      return handler(turn, ...rest);
    };
  const guardAll = <A extends unknown[]>(
    handlers: Record<string, (turn: Turn, ...rest: A) => Promise<Outbound[]>>,
  ) => Object.fromEntries(Object.entries(handlers).map(([key, handler]) => [key, guard(handler)]));

  return {
    commands: guardAll(commands),
    // Guarded before the data or state is even read: a non-member learns nothing from it.
    buttons: buttons.map((binding) => ({ ...binding, run: guard(binding.run) })),
    pending: pending.map((binding) => ({ ...binding, run: guard(binding.run) })),
  };
}
