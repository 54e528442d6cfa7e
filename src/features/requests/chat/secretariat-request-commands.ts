import { onButton } from '../../../conversation/button-binding';
import { CALLBACKS } from '../../../conversation/callbacks';
import type { Outbound } from '../../../conversation/messages';
import { onPending } from '../../../conversation/pending';
import type { Turn } from '../../../conversation/turn';
import type { FlowCatalog } from '../../../engine';
import type { Repositories } from '../../../store/repositories';
import type { SecretariatCommandGroup } from '../../secretariat/chat/secretariat-command-kit';
import type { UnitNotifier } from '../../secretariat/chat/secretariat-notify';
import { sv } from '../../secretariat/chat/secretariat-texts';
import { createAdHocRequests } from '../adhoc-request-service';
import { type AdHocDraft, adHocDraftPending } from './adhoc-request-draft';
import { startWizard, type WizardContext, wizardStep } from './adhoc-request-wizard';

export interface RequestCommandsDeps {
  repos: Repositories;
  flows: FlowCatalog;
  notifier: UnitNotifier;
  timeZone: string;
  /** Stage names of the ad-hoc reminder plan (from the schedule). */
  adHocReminderPlan?: readonly string[];
  /** Flow ids; default: the first flow of each kind in the catalog. */
  mainFlowId?: string;
  adHocFlowId?: string;
}

/** `/yeucau`: the wizard that sends an ad-hoc request to units, by buttons or typed answers. */
export function createRequestCommands(deps: RequestCommandsDeps): SecretariatCommandGroup {
  const { repos } = deps;
  const requests = createAdHocRequests({
    repos,
    flows: deps.flows,
    notifier: deps.notifier,
    timeZone: deps.timeZone,
    reminderPlan: deps.adHocReminderPlan,
  });
  const mainFlow = () =>
    deps.flows.require(deps.mainFlowId ?? deps.flows.list().find((f) => f.kind === 'main')!.id);
  const adHocFlow = () =>
    deps.flows.require(deps.adHocFlowId ?? deps.flows.list().find((f) => f.kind === 'adhoc')!.id);

  async function wizardContext(turn: Turn): Promise<WizardContext> {
    return {
      now: turn.now,
      timeZone: deps.timeZone,
      units: await repos.units.list(),
      mainFlow: mainFlow(),
      adHocFlow: adHocFlow(),
      maxChars: turn.maxTextLength,
    };
  }

  async function wizardInput(turn: Turn, draft: AdHocDraft, value: string): Promise<Outbound[]> {
    const result = wizardStep(draft, value, await wizardContext(turn));
    if (result.type === 'continue') {
      turn.session.pending = result.draft;
      return result.replies;
    }
    turn.session.pending = null;
    if (result.type === 'cancelled') return result.replies;
    // Keyed by the update: a retried update (after a crash) finds its round, never a second one.
    const { platform, chatId, updateId } = turn.inbound;
    const requestKey = `${platform}:${chatId}:${updateId}`;
    const created = await requests.create({ ...result.input, requestKey }, turn.contact, turn.now);
    return [
      {
        text:
          `📤 Đã gửi yêu cầu "${created.round.title}" tới ${created.targets.length} đơn vị; ` +
          `${created.reached} người liên hệ đã nhận tin.\nTheo dõi tiến độ: /tinhhinh`,
      },
    ];
  }

  return {
    commands: {
      yeucau: async (turn) => {
        const { draft, replies } = startWizard(await wizardContext(turn));
        turn.session.pending = draft;
        return replies;
      },
    },
    buttons: [
      onButton(CALLBACKS.requestWizard, async (turn, { value }) => {
        // A choice pressed on a wizard this chat is no longer in (finished, cancelled, or never its own).
        const draft = adHocDraftPending.read(turn.session);
        return draft ? wizardInput(turn, draft, value) : [{ text: sv.cancelled }];
      }),
    ],
    pending: [
      onPending(adHocDraftPending, async (turn, draft, content) =>
        content.type === 'text'
          ? wizardInput(turn, draft, content.text)
          : [{ text: 'Vui lòng trả lời bằng tin nhắn chữ, hoặc gõ "hủy".' }],
      ),
    ],
  };
}
