import type { DateTime } from 'luxon';
import type { ChannelSender, InboundContent, Outbound, OutboundButton, Platform } from '../channels/types';
import type { FlowCatalog } from '../engine';
import type { Logger } from '../logger';
import type { RoundDoc } from '../store/models';
import type { Repositories } from '../store/repositories';
import { submissionId } from '../store/repositories';
import { createAdHocRequests } from './adhoc-request-service';
import {
  type AdHocDraft,
  startWizard,
  WIZARD_BUTTON,
  type WizardContext,
  wizardStep,
} from './adhoc-request-wizard';
import type { AttachmentStore } from './attachment-store';
import type { ExportService } from './export-service';
import { LATE_SUBMISSION_DAYS } from './rounds-for-unit';
import { createUnitNotifier } from './secretariat-notify';
import { createSecretariatReports, STATUS_WORDS } from './secretariat-reports';
import { sv } from './secretariat-texts';
import { createSecretariatUnits, UNIT_BUTTONS } from './secretariat-units';
import { formatStatusBoardText, statusBoard } from './status-board';
import type { ConversationFeature, Turn } from './turn';

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
  remindNow?: (
    roundId: string,
    at: DateTime,
    actorId: string,
    channel?: string,
  ) => Promise<{ sent: readonly unknown[]; failed: readonly unknown[]; quietHours: boolean }>;
  /** Stage names of the ad-hoc reminder plan (from the schedule). */
  adHocReminderPlan?: readonly string[];
  /** Flow ids; default: the first flow of each kind in the catalog. */
  mainFlowId?: string;
  adHocFlowId?: string;
}

/** Button prefixes of this feature (the report journey uses f, r, n). */
const B = {
  board: 'st',
  view: 'sv',
  returnAsk: 'sr',
  returnConfirm: 'sc',
  accept: 'sa',
  word: 'sw',
  exports: 'sx',
  remind: 'sn',
} as const;

const COMMANDS = ['tinhhinh', 'xembc', 'yeucau', 'nhac', 'xuat', 'donvi', 'moi'] as const;

/** Telegram rejects callback data over 64 bytes: such buttons are left out (typed commands still work). */
function fits(data: string): boolean {
  return Buffer.byteLength(data, 'utf8') <= 64;
}

function args(turn: Turn): string[] {
  const content = turn.inbound.content;
  return content.type === 'command'
    ? content.args
        .trim()
        .split(/\s+/)
        .filter((a) => a !== '')
    : [];
}

/** `<roundId>:<unitCode>[:<version>]` from button data; round ids and unit codes hold no ':'. */
function parseRef(payload: string): { roundId: string; unitCode: string; version?: number } | null {
  const [roundId, unitCode, version] = payload.split(':');
  if (!roundId || !unitCode) return null;
  const v = version === undefined ? undefined : Number.parseInt(version, 10);
  if (v !== undefined && !Number.isInteger(v)) return null;
  return { roundId, unitCode, version: v };
}

/**
 * The secretariat's tools in chat: who has reported, reading, returning and accepting reports,
 * ad-hoc requests, reminders, exports, units and invitations. Every entry point checks the role
 * itself: commands are also filtered by the router, but button data and pending steps can be forged.
 */
export function createSecretariatFeature(deps: SecretariatFeatureDeps): ConversationFeature {
  const { repos } = deps;
  const notifier = createUnitNotifier({ repos, senders: deps.senders, logger: deps.logger });
  const reports = createSecretariatReports({
    repos,
    flows: deps.flows,
    attachments: deps.attachments,
    notifier,
    timeZone: deps.timeZone,
  });
  const requests = createAdHocRequests({
    repos,
    flows: deps.flows,
    notifier,
    timeZone: deps.timeZone,
    reminderPlan: deps.adHocReminderPlan,
  });
  const units = createSecretariatUnits({
    repos,
    inviteTtlDays: deps.inviteTtlDays,
    timeZone: deps.timeZone,
    telegramUsername: deps.telegramUsername,
  });
  const mainFlow = () =>
    deps.flows.require(deps.mainFlowId ?? deps.flows.list().find((f) => f.kind === 'main')!.id);
  const adHocFlow = () =>
    deps.flows.require(deps.adHocFlowId ?? deps.flows.list().find((f) => f.kind === 'adhoc')!.id);

  const allowed = (turn: Turn) => turn.contact.role === 'secretariat' && turn.contact.active;
  const guard =
    <A extends unknown[]>(handler: (turn: Turn, ...rest: A) => Promise<Outbound[]>) =>
    async (turn: Turn, ...rest: A): Promise<Outbound[]> => {
      if (!allowed(turn)) {
        // Whatever wizard the chat was in, a non-member gets nothing from it.
        if (isSecretariatPending(turn.session.pending)) turn.session.pending = null;
        return [{ text: sv.forbidden }];
      }
      return handler(turn, ...rest);
    };

  /** The round a command is about: the one named, the only one open, or a choice of the open ones. */
  async function withRound(
    turn: Turn,
    roundArg: string | undefined,
    /** Button data that comes back to this command for a chosen round. */
    choice: (roundId: string) => string,
    work: (round: RoundDoc) => Promise<Outbound[]>,
  ): Promise<Outbound[]> {
    if (roundArg) {
      const round = await repos.rounds.get(roundArg);
      return round ? work(round) : [{ text: sv.unknownRound(roundArg) }];
    }
    const now = turn.now.toJSDate();
    const since = turn.now.minus({ days: LATE_SUBMISSION_DAYS }).toJSDate();
    const open = await repos.rounds.listOpen(now, since);
    if (open.length === 0) return [{ text: sv.noRound }];
    if (open.length === 1) return work(open[0]!);
    const buttons = open
      .map((round) => [{ label: `${round.title} (${round.dueLabel})`.slice(0, 60), data: choice(round._id) }])
      .filter((row) => fits(row[0]!.data));
    const lines = open.map((round, i) => `${i + 1}. ${round.title} — mã ${round._id}, hạn ${round.dueLabel}`);
    return [{ text: `${sv.chooseRound}\n${lines.join('\n')}`, buttons }];
  }

  // ── /tinhhinh ──────────────────────────────────────────────────────────────
  async function showBoard(turn: Turn, round: RoundDoc): Promise<Outbound[]> {
    const board = await statusBoard(repos, round._id, turn.now.toJSDate());
    if (!board) return [{ text: sv.unknownRound(round._id) }];
    const texts = formatStatusBoardText(board, turn.maxTextLength, deps.timeZone);
    const replies: Outbound[] = texts.map((text) => ({ text }));
    const viewable = board.rows.filter((row) => row.status === 'submitted' || row.status === 'accepted');
    const buttons: OutboundButton[][] = viewable
      .slice(0, 80)
      .map((row) => [
        { label: sv.boardButton(row.unitName).slice(0, 60), data: `${B.view}:${round._id}:${row.unitCode}` },
      ])
      .filter((row) => fits(row[0]!.data));
    buttons.push(
      [{ label: '📥 Xuất Word, Excel', data: `${B.exports}:${round._id}` }].filter((b) => fits(b.data)),
    );
    replies.push({ text: sv.boardViewHint, buttons: buttons.filter((row) => row.length > 0) });
    return replies;
  }

  // ── one report: view, return, accept ────────────────────────────────────────
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
    const ref = `${roundId}:${unitCode}`;
    const actions: OutboundButton[] = [];
    if (submission.status === 'submitted' || submission.status === 'accepted')
      actions.push({ label: sv.buttons.return, data: `${B.returnAsk}:${ref}` });
    if (submission.status === 'submitted')
      actions.push({ label: sv.buttons.accept, data: `${B.accept}:${ref}` });
    actions.push({ label: sv.buttons.word, data: `${B.word}:${ref}` });
    const rows: OutboundButton[][] = [actions.filter((b) => fits(b.data))];
    for (const older of view.older) {
      const data = `${B.view}:${ref}:${older}`;
      if (fits(data)) rows.push([{ label: sv.buttons.version(older), data }]);
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
      (id) => `${B.view}:${id}:${unit._id}`,
      (round) => viewReport(turn, round._id, unit._id),
    );
  }

  async function askReturn(turn: Turn, payload: string): Promise<Outbound[]> {
    const ref = parseRef(payload);
    if (!ref) return [{ text: sv.cancelled }];
    const [submission, unit] = await Promise.all([
      repos.submissions.get(submissionId(ref.roundId, ref.unitCode)),
      repos.units.get(ref.unitCode),
    ]);
    if (!submission || !unit) return [{ text: sv.unknownUnit(ref.unitCode) }];
    if (submission.status !== 'submitted' && submission.status !== 'accepted')
      return [{ text: sv.cannotReturn(STATUS_WORDS[submission.status]) }];
    turn.session.pending = { type: 'sec-return-reason', submissionId: submission._id, unitName: unit.name };
    return [{ text: `${sv.askReturnReason(unit.name)}\n${sv.cancelHint}` }];
  }

  async function returnReason(turn: Turn, content: InboundContent): Promise<Outbound[]> {
    const pending = turn.session.pending as { submissionId: string; unitName: string };
    if (content.type !== 'text') return [{ text: sv.reasonTooShort }];
    const reason = content.text.trim();
    if (['hủy', 'huỷ', 'huy'].includes(reason.toLocaleLowerCase('vi'))) {
      turn.session.pending = null;
      return [{ text: sv.cancelled }];
    }
    if (reason.length < 5) return [{ text: sv.reasonTooShort }];
    turn.session.pending = {
      type: 'sec-return-confirm',
      submissionId: pending.submissionId,
      unitName: pending.unitName,
      reason,
    };
    return [
      {
        text: sv.confirmReturn(pending.unitName, reason),
        buttons: [
          [
            { label: sv.buttons.yes, data: `${B.returnConfirm}:y` },
            { label: sv.buttons.no, data: `${B.returnConfirm}:n` },
          ],
        ],
      },
    ];
  }

  async function confirmReturn(turn: Turn, yes: boolean): Promise<Outbound[]> {
    const pending = turn.session.pending as {
      type?: string;
      submissionId: string;
      unitName: string;
      reason: string;
    } | null;
    if (pending?.type !== 'sec-return-confirm') return [{ text: sv.cancelled }];
    turn.session.pending = null;
    if (!yes) return [{ text: sv.cancelled }];
    const outcome = await reports.returnReport(
      pending.submissionId,
      pending.reason,
      turn.contact,
      turn.now.toJSDate(),
    );
    if (outcome.type === 'done') return [{ text: sv.returned(pending.unitName, outcome.reached) }];
    if (outcome.type === 'not-found') return [{ text: sv.cancelled }];
    return [{ text: sv.cannotReturn(STATUS_WORDS[outcome.submission.status]) }];
  }

  async function accept(turn: Turn, payload: string): Promise<Outbound[]> {
    const ref = parseRef(payload);
    if (!ref) return [{ text: sv.cancelled }];
    const unit = await repos.units.get(ref.unitCode);
    const name = unit?.name ?? ref.unitCode;
    const outcome = await reports.acceptReport(
      submissionId(ref.roundId, ref.unitCode),
      turn.contact,
      turn.now.toJSDate(),
    );
    switch (outcome.type) {
      case 'done':
        return [{ text: sv.accepted(name) }];
      case 'already':
        return [{ text: sv.alreadyAccepted(name) }];
      case 'wrong-status':
        return [{ text: sv.cannotAccept(STATUS_WORDS[outcome.submission.status]) }];
      case 'not-found':
        return [{ text: sv.unknownUnit(ref.unitCode) }];
    }
  }

  // ── exports ─────────────────────────────────────────────────────────────────
  async function sendExports(turn: Turn, round: RoundDoc): Promise<Outbound[]> {
    const result = await deps.exports.exportRound(round._id, turn.now.toJSDate());
    if (!result) return [{ text: sv.unknownRound(round._id) }];
    const [docx, xlsx] = result.files;
    const unitButton = `${B.exports}:u:${round._id}`;
    return [
      { text: sv.exporting(round.title) },
      { text: '', document: { ...docx!, caption: sv.exportCaption.docx } },
      { text: '', document: { ...xlsx!, caption: sv.exportCaption.xlsx } },
      ...(fits(unitButton)
        ? [
            {
              text: 'Cần bản Word của từng đơn vị đã nộp?',
              buttons: [[{ label: sv.buttons.unitReports, data: unitButton }]],
            },
          ]
        : []),
    ];
  }

  async function exportsButton(turn: Turn, payload: string): Promise<Outbound[]> {
    if (payload.startsWith('u:')) {
      const roundId = payload.slice(2);
      const files = await deps.exports.exportSubmittedUnitReports(roundId, turn.now.toJSDate());
      if (files.length === 0) return [{ text: sv.noUnitReports }];
      return files.map((file) => ({ text: '', document: file }));
    }
    return withRound(
      turn,
      payload,
      (id) => `${B.exports}:${id}`,
      (round) => sendExports(turn, round),
    );
  }

  async function unitWord(turn: Turn, payload: string): Promise<Outbound[]> {
    const ref = parseRef(payload);
    if (!ref) return [{ text: sv.cancelled }];
    const file = await deps.exports.exportUnitReport(ref.roundId, ref.unitCode, turn.now.toJSDate());
    return file ? [{ text: '', document: file }] : [{ text: sv.unknownUnit(ref.unitCode) }];
  }

  // ── reminders ───────────────────────────────────────────────────────────────
  async function remind(turn: Turn, round: RoundDoc): Promise<Outbound[]> {
    if (!deps.remindNow) return [{ text: sv.remindUnavailable }];
    const result = await deps.remindNow(round._id, turn.now, turn.contact._id, turn.inbound.platform);
    if (result.quietHours)
      return [
        { text: 'Đang trong giờ yên lặng nên chưa gửi nhắc nhở; đồng chí thử lại vào giờ hành chính.' },
      ];
    return [{ text: sv.reminded(result.sent.length, round.title) }];
  }

  // ── /yeucau ─────────────────────────────────────────────────────────────────
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

  async function wizardInput(turn: Turn, value: string): Promise<Outbound[]> {
    const draft = turn.session.pending as AdHocDraft | null;
    if (draft?.type !== 'adhoc-request') return [{ text: sv.cancelled }];
    const result = wizardStep(draft, value, await wizardContext(turn));
    if (result.type === 'continue') {
      turn.session.pending = result.draft;
      return result.replies;
    }
    turn.session.pending = null;
    if (result.type === 'cancelled') return result.replies;
    const created = await requests.create(result.input, turn.contact, turn.now);
    return [
      {
        text:
          `📤 Đã gửi yêu cầu "${created.round.title}" (mã ${created.round._id}) tới ${created.targets.length} đơn vị; ` +
          `${created.reached} người liên hệ đã nhận tin.\nTheo dõi tiến độ: /tinhhinh ${created.round._id}`,
      },
    ];
  }

  // ── units and invitations ───────────────────────────────────────────────────
  async function deactivateConfirm(turn: Turn, payload: string): Promise<Outbound[]> {
    const separator = payload.indexOf(':');
    const choice = payload.slice(0, separator);
    const contactId = payload.slice(separator + 1);
    if (separator < 0 || choice !== 'y') return [{ text: sv.cancelled }];
    return [await units.deactivate(contactId, turn.contact, turn.now)];
  }

  return {
    commands: {
      tinhhinh: guard((turn) =>
        withRound(
          turn,
          args(turn)[0],
          (id) => `${B.board}:${id}`,
          (round) => showBoard(turn, round),
        ),
      ),
      xembc: guard(xembc),
      yeucau: guard(async (turn) => {
        const { draft, replies } = startWizard(await wizardContext(turn));
        turn.session.pending = draft;
        return replies;
      }),
      nhac: guard((turn) =>
        withRound(
          turn,
          args(turn)[0],
          (id) => `${B.remind}:${id}`,
          (round) => remind(turn, round),
        ),
      ),
      xuat: guard(async (turn) => {
        const [roundArg, unitCode] = args(turn);
        if (roundArg && unitCode) return unitWord(turn, `${roundArg}:${unitCode}`);
        return withRound(
          turn,
          roundArg,
          (id) => `${B.exports}:${id}`,
          (round) => sendExports(turn, round),
        );
      }),
      donvi: guard(async (turn) => {
        const [unitCode] = args(turn);
        return unitCode ? [await units.detail(unitCode)] : units.list(turn.maxTextLength);
      }),
      moi: guard(async (turn) => [await units.invite(null, turn.contact, turn.now)]),
    },
    secretariatCommands: COMMANDS,
    buttons: {
      [B.board]: guard((turn, roundId: string) =>
        withRound(
          turn,
          roundId,
          (id) => `${B.board}:${id}`,
          (round) => showBoard(turn, round),
        ),
      ),
      [B.view]: guard(async (turn, payload: string) => {
        const ref = parseRef(payload);
        return ref ? viewReport(turn, ref.roundId, ref.unitCode, ref.version) : [{ text: sv.cancelled }];
      }),
      [B.returnAsk]: guard(askReturn),
      [B.returnConfirm]: guard((turn, choice: string) => confirmReturn(turn, choice === 'y')),
      [B.accept]: guard(accept),
      [B.word]: guard(unitWord),
      [B.exports]: guard(exportsButton),
      [B.remind]: guard((turn, roundId: string) =>
        withRound(
          turn,
          roundId,
          (id) => `${B.remind}:${id}`,
          (round) => remind(turn, round),
        ),
      ),
      [WIZARD_BUTTON]: guard(wizardInput),
      [UNIT_BUTTONS.open]: guard(async (_turn, unitCode: string) => [await units.detail(unitCode)]),
      [UNIT_BUTTONS.invite]: guard(async (turn, unitCode: string) => [
        await units.invite(unitCode, turn.contact, turn.now),
      ]),
      [UNIT_BUTTONS.deactivate]: guard(async (turn, contactId: string) => [
        await units.askDeactivate(contactId, turn.contact),
      ]),
      [UNIT_BUTTONS.confirm]: guard(deactivateConfirm),
    },
    pending: {
      'adhoc-request': guard(async (turn, content: InboundContent) =>
        content.type === 'text'
          ? wizardInput(turn, content.text)
          : [{ text: 'Vui lòng trả lời bằng tin nhắn chữ, hoặc gõ "hủy".' }],
      ),
      'sec-return-reason': guard(returnReason),
      'sec-return-confirm': guard(async (turn, content: InboundContent) => {
        const choice = content.type === 'text' ? content.text.trim().toLocaleLowerCase('vi') : '';
        if (['1', 'có', 'co', 'xác nhận', 'xac nhan'].includes(choice)) return confirmReturn(turn, true);
        if (['2', 'không', 'khong', 'hủy', 'huỷ', 'huy'].includes(choice)) return confirmReturn(turn, false);
        return [{ text: sv.confirmAgain }];
      }),
    },
  };
}

function isSecretariatPending(pending: unknown): boolean {
  const type = (pending as { type?: unknown } | null)?.type;
  return type === 'adhoc-request' || type === 'sec-return-reason' || type === 'sec-return-confirm';
}
