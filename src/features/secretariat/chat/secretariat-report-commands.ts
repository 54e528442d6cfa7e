import { onButton } from '../../../conversation/button-binding';
import { CALLBACKS } from '../../../conversation/callbacks';
import type { InboundContent, Outbound, OutboundButton } from '../../../conversation/messages';
import { onPending, type PendingOf } from '../../../conversation/pending';
import type { Turn } from '../../../conversation/turn';
import { STATUS_WORDS } from '../../../domain/submission-status';
import type { FlowCatalog } from '../../../engine';
import type { AttachmentStore } from '../../../store/attachment-store';
import type { Repositories } from '../../../store/repositories';
import { submissionId } from '../../../store/repositories';
import { createSecretariatReports } from '../secretariat-reports';
import { args, type RoundChooser, type SecretariatCommandGroup } from './secretariat-command-kit';
import type { UnitNotifier } from './secretariat-notify';
import { returnConfirmPending, returnReasonPending } from './secretariat-pending';
import { sv } from './secretariat-texts';

/** A report named by a button: its round and unit, and the version that was on screen. */
type Ref = { roundId: string; unitCode: string; version?: number };

export interface ReportCommandsDeps {
  repos: Repositories;
  flows: FlowCatalog;
  attachments: AttachmentStore;
  notifier: UnitNotifier;
  timeZone: string;
  withRound: RoundChooser;
}

/**
 * One unit's report: `/xembc` and the board's buttons show it (any version), and the secretariat
 * returns it with a reason (asked, then confirmed) or accepts it.
 */
export function createReportCommands(deps: ReportCommandsDeps): SecretariatCommandGroup {
  const { repos, withRound } = deps;
  const reports = createSecretariatReports({
    repos,
    flows: deps.flows,
    attachments: deps.attachments,
    notifier: deps.notifier,
    timeZone: deps.timeZone,
  });

  async function viewReport(
    turn: Turn,
    roundId: string,
    unitCode: string,
    version?: number,
  ): Promise<Outbound[]> {
    const [submission, unit] = await Promise.all([
      repos.submissions.get(submissionId(roundId, unitCode)),
      repos.units.get(unitCode),
    ]);
    if (!unit) return [{ text: sv.unknownUnit(unitCode) }];
    if (!submission || submission.version < 1)
      return [{ text: sv.notSubmittedYet(unit.name, STATUS_WORDS[submission?.status ?? 'not_started']) }];
    const view = await reports.view(submission, turn.maxTextLength, version ?? submission.version);
    if (!view) return [{ text: sv.notSubmittedYet(unit.name, STATUS_WORDS[submission.status]) }];
    const replies: Outbound[] = view.messages.map((text) => ({ text }));
    const ref = { roundId, unitCode };
    // The buttons name the version on screen: pressed after a newer submission, they change nothing.
    const seen = { ...ref, version: submission.version };
    const actions: (OutboundButton | null)[] = [];
    const button = (label: string, data: string | null) => (data ? { label, data } : null);
    if (submission.status === 'submitted' || submission.status === 'accepted')
      actions.push(button(sv.buttons.return, CALLBACKS.returnAsk.tryEncode(seen)));
    if (submission.status === 'submitted')
      actions.push(button(sv.buttons.accept, CALLBACKS.accept.tryEncode(seen)));
    actions.push(button(sv.buttons.word, CALLBACKS.unitWord.tryEncode(ref)));
    const rows: OutboundButton[][] = [actions.filter((b) => b !== null)];
    for (const older of view.older) {
      const data = CALLBACKS.viewReport.tryEncode({ ...ref, version: older });
      if (data) rows.push([{ label: sv.buttons.version(older), data }]);
    }
    const last = replies[replies.length - 1]!;
    if (view.older.length > 0) last.text += `\n\n${sv.olderVersions(view.older)}`;
    last.buttons = rows;
    return [...replies, ...view.files];
  }

  async function xembc(turn: Turn): Promise<Outbound[]> {
    const [unitCode, roundArg] = args(turn);
    if (!unitCode) return [{ text: sv.xembcUsage }];
    const unit = await repos.units.get(unitCode);
    if (!unit) return [{ text: sv.unknownUnit(unitCode) }];
    return withRound(
      turn,
      roundArg,
      (id) => CALLBACKS.viewReport.tryEncode({ roundId: id, unitCode: unit._id }),
      (round) => viewReport(turn, round._id, unit._id),
    );
  }

  async function askReturn(turn: Turn, ref: Ref): Promise<Outbound[]> {
    const [submission, unit] = await Promise.all([
      repos.submissions.get(submissionId(ref.roundId, ref.unitCode)),
      repos.units.get(ref.unitCode),
    ]);
    if (!submission || !unit) return [{ text: sv.unknownUnit(ref.unitCode) }];
    if (submission.status !== 'submitted' && submission.status !== 'accepted')
      return [{ text: sv.cannotReturn(STATUS_WORDS[submission.status]) }];
    if (ref.version !== undefined && ref.version !== submission.version)
      return [{ text: sv.staleVersion(unit.name, submission.version) }];
    returnReasonPending.set(turn.session, {
      submissionId: submission._id,
      unitName: unit.name,
      seenVersion: submission.version,
    });
    return [{ text: `${sv.askReturnReason(unit.name)}\n${sv.cancelHint}` }];
  }

  async function returnReason(
    turn: Turn,
    pending: PendingOf<typeof returnReasonPending>,
    content: InboundContent,
  ): Promise<Outbound[]> {
    if (content.type !== 'text') return [{ text: sv.reasonTooShort }];
    const reason = content.text.trim();
    if (['hủy', 'huỷ', 'huy'].includes(reason.toLocaleLowerCase('vi'))) {
      turn.session.pending = null;
      return [{ text: sv.cancelled }];
    }
    if (reason.length < 5) return [{ text: sv.reasonTooShort }];
    returnConfirmPending.set(turn.session, {
      submissionId: pending.submissionId,
      unitName: pending.unitName,
      seenVersion: pending.seenVersion,
      reason,
    });
    return [
      {
        text: sv.confirmReturn(pending.unitName, reason),
        choices: 'listed',
        buttons: [
          [
            { label: sv.buttons.yes, data: CALLBACKS.returnConfirm.encode({ choice: 'y' }) },
            { label: sv.buttons.no, data: CALLBACKS.returnConfirm.encode({ choice: 'n' }) },
          ],
        ],
      },
    ];
  }

  async function confirmReturn(turn: Turn, yes: boolean): Promise<Outbound[]> {
    const pending = returnConfirmPending.read(turn.session);
    if (!pending) return [{ text: sv.cancelled }];
    turn.session.pending = null;
    if (!yes) return [{ text: sv.cancelled }];
    const outcome = await reports.returnReport(
      pending.submissionId,
      pending.reason,
      turn.contact,
      turn.now.toJSDate(),
      pending.seenVersion,
    );
    if (outcome.type === 'done') return [{ text: sv.returned(pending.unitName, outcome.reached) }];
    if (outcome.type === 'not-found') return [{ text: sv.cancelled }];
    if (outcome.type === 'stale')
      return [{ text: sv.staleVersion(pending.unitName, outcome.submission.version) }];
    return [{ text: sv.cannotReturn(STATUS_WORDS[outcome.submission.status]) }];
  }

  async function accept(turn: Turn, ref: Ref): Promise<Outbound[]> {
    const unit = await repos.units.get(ref.unitCode);
    const name = unit?.name ?? ref.unitCode;
    const outcome = await reports.acceptReport(
      submissionId(ref.roundId, ref.unitCode),
      turn.contact,
      turn.now.toJSDate(),
      ref.version,
    );
    switch (outcome.type) {
      case 'done':
        return [{ text: sv.accepted(name) }];
      case 'already':
        return [{ text: sv.alreadyAccepted(name) }];
      case 'wrong-status':
        return [{ text: sv.cannotAccept(STATUS_WORDS[outcome.submission.status]) }];
      case 'stale':
        return [{ text: sv.staleVersion(name, outcome.submission.version) }];
      case 'not-found':
        return [{ text: sv.unknownUnit(ref.unitCode) }];
    }
  }

  return {
    commands: { xembc },
    buttons: [
      onButton(CALLBACKS.viewReport, (turn, ref) => viewReport(turn, ref.roundId, ref.unitCode, ref.version)),
      onButton(CALLBACKS.returnAsk, askReturn),
      onButton(CALLBACKS.returnConfirm, (turn, { choice }) => confirmReturn(turn, choice === 'y')),
      onButton(CALLBACKS.accept, accept),
    ],
    pending: [
      onPending(returnReasonPending, returnReason),
      onPending(returnConfirmPending, async (turn, _pending, content) => {
        const choice = content.type === 'text' ? content.text.trim().toLocaleLowerCase('vi') : '';
        if (['1', 'có', 'co', 'xác nhận', 'xac nhan'].includes(choice)) return confirmReturn(turn, true);
        if (['2', 'không', 'khong', 'hủy', 'huỷ', 'huy'].includes(choice)) return confirmReturn(turn, false);
        return [{ text: sv.confirmAgain }];
      }),
    ],
  };
}
