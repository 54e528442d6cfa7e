import { DateTime } from 'luxon';
import { vi } from '../../../conversation/common-texts';
import type { InboundContent, Outbound } from '../../../conversation/messages';
import type { ConversationFeature, Pending, Turn } from '../../../conversation/turn';
import type { EngineInput, EngineState, Reply } from '../../../engine';
import { flowNumbering, startState } from '../../../engine';
import { formatDateTimeVi, formatDeadline } from '../../../scheduler/format-date';
import type { AttachmentStore } from '../../../store/attachment-store';
import type { SubmissionDoc, UnitDoc } from '../../../store/models';
import type { Repositories } from '../../../store/repositories';
import type { ReportCursor, ReportService } from '../report-service';

export interface ReportFeatureDeps {
  repos: Repositories;
  reports: ReportService;
  attachments: AttachmentStore;
  maxAttachmentBytes: number;
  timeZone: string;
  /** Called once a report is submitted (the secretariat is told). */
  onSubmitted?: (current: ReportCursor, submission: SubmissionDoc) => Promise<void>;
}

/** Button data prefixes of this feature: f = a flow engine token, r = choose a round, n = confirm submission. */
const FLOW = 'f';
const ROUND = 'r';
const SUBMIT = 'n';

/** The unit contact's journey: /baocao, answering, /xem, /sua, /nop, /tamdung, /trogiup. */
export function createReportFeature(deps: ReportFeatureDeps): ConversationFeature {
  const { repos, reports } = deps;
  const local = (date: Date) => DateTime.fromJSDate(date, { zone: deps.timeZone });

  function render(replies: Reply[]): Outbound[] {
    // The engine's text numbers its choices and names its words, and it parses what is typed.
    return replies.map((reply) => ({
      text: reply.text,
      buttons: reply.buttons?.map((row) =>
        row.map((button) => ({ label: button.label, data: `${FLOW}:${button.token}` })),
      ),
      ...(reply.buttons ? { choices: 'typed' as const } : {}),
      ...(reply.asksForFile ? { asksForFile: true } : {}),
    }));
  }

  function statusLabel(submission: SubmissionDoc | null, overdue: boolean): string {
    if (!submission || submission.status === 'not_started')
      return overdue ? `${vi.status.not_started}, ${vi.status.overdue}` : vi.status.not_started;
    if (submission.status === 'in_progress') {
      const label = vi.status.in_progress(submission.answeredCount, submission.totalCount);
      return overdue ? `${label}, ${vi.status.overdue}` : label;
    }
    return vi.status[submission.status];
  }

  async function unitOf(turn: Turn): Promise<UnitDoc | null> {
    return turn.contact.unitCode ? repos.units.get(turn.contact.unitCode) : null;
  }

  /** The report the chat is working on, re-checked against the contact's unit on every message. */
  async function currentCursor(turn: Turn): Promise<ReportCursor | null> {
    const id = turn.session.submissionId;
    if (!id || !turn.contact.unitCode) return null;
    const separator = id.indexOf(':');
    const roundId = id.slice(0, separator);
    const unitCode = id.slice(separator + 1);
    // A contact moved to another unit must never reach the old unit's report.
    if (unitCode !== turn.contact.unitCode) return null;
    return reports.cursor(roundId, unitCode);
  }

  function stateFor(turn: Turn, current: ReportCursor): EngineState {
    if (turn.session.submissionId !== current.submission._id)
      return startState(current.flow, current.context);
    return reports.resumeState(current, turn.session.engine);
  }

  function alreadySubmitted(submission: SubmissionDoc): Outbound {
    const when = submission.submittedAt ? formatDateTimeVi(local(submission.submittedAt)) : '';
    return { text: vi.alreadySubmitted(when, submission.receiptNo ?? '') };
  }

  async function runStep(turn: Turn, current: ReportCursor, input: EngineInput): Promise<Outbound[]> {
    const state = stateFor(turn, current);
    const { platform, updateId } = turn.inbound;
    const result = await reports.step(current, state, input, turn.contact, `${platform}:${updateId}`);
    turn.session.submissionId = current.submission._id;
    turn.session.engine = result.state;
    return render(result.replies);
  }

  async function enter(turn: Turn, roundId: string): Promise<Outbound[]> {
    const unit = await unitOf(turn);
    if (!unit) return [{ text: vi.noUnit }];
    const current = await reports.cursor(roundId, unit._id);
    if (!current) return [{ text: vi.roundGone }];
    turn.session.pending = null;
    const header: Outbound = {
      text: vi.entering(current.round.title, formatDeadline(local(current.round.dueAt), { weekday: true })),
    };
    if (current.submission.status === 'submitted' || current.submission.status === 'accepted') {
      turn.session.submissionId = current.submission._id;
      return [header, alreadySubmitted(current.submission)];
    }
    const replies = await runStep(turn, current, { type: 'start' });
    const returned =
      current.submission.status === 'returned' && current.submission.returnReason
        ? [{ text: vi.returnedReminder(current.submission.returnReason) }]
        : [];
    return [header, ...returned, ...replies];
  }

  async function baocao(turn: Turn): Promise<Outbound[]> {
    const unit = await unitOf(turn);
    if (!unit) return [{ text: vi.noUnit }];
    const open = await reports.openRounds(unit);
    if (open.length === 0) return [{ text: vi.noOpenRounds }];
    if (open.length === 1) return enter(turn, open[0]!.round._id);
    const nowMs = turn.now.toMillis();
    const lines = open.map(({ round, submission }, index) =>
      vi.roundLine(
        index + 1,
        round.title,
        formatDeadline(local(round.dueAt)),
        statusLabel(submission, round.dueAt.getTime() < nowMs && !isDone(submission)),
      ),
    );
    turn.session.pending = {
      type: 'choose-round',
      roundIds: open.map(({ round }) => round._id),
    } satisfies Pending;
    return [
      {
        text: `${vi.chooseRound}\n\n${lines.join('\n')}`,
        buttons: open.map(({ round }, index) => [
          { label: `${index + 1}. ${round.title}`, data: `${ROUND}:${round._id}` },
        ]),
      },
    ];
  }

  async function withCursor(
    turn: Turn,
    work: (current: ReportCursor) => Promise<Outbound[]>,
  ): Promise<Outbound[]> {
    let current = await currentCursor(turn);
    if (!current) {
      // With a single open round, commands like /xem work without choosing it first.
      const unit = await unitOf(turn);
      const open = unit ? await reports.openRounds(unit) : [];
      if (open.length !== 1 || !unit) return baocao(turn);
      current = await reports.cursor(open[0]!.round._id, unit._id);
      if (!current) return [{ text: vi.roundGone }];
      if (turn.session.submissionId !== current.submission._id) {
        turn.session.submissionId = current.submission._id;
        turn.session.engine = startState(current.flow, current.context);
      }
    }
    return work(current);
  }

  async function xem(turn: Turn): Promise<Outbound[]> {
    return withCursor(turn, async (current) => {
      const replies = render(await reports.review(current, turn.maxTextLength));
      return replies.length > 0 ? replies : [{ text: vi.reviewEmpty }];
    });
  }

  async function sua(turn: Turn): Promise<Outbound[]> {
    return withCursor(turn, async (current) => {
      if (isDone(current.submission)) return [{ text: vi.readOnly }];
      const args = turn.inbound.content.type === 'command' ? turn.inbound.content.args.trim() : '';
      if (!args) {
        const review = render(await reports.review(current, turn.maxTextLength));
        return [{ text: vi.editChooseSection }, ...review];
      }
      // The numbers the questions are asked with ("Câu 7/29", "Câu 7a/29").
      const numbering = flowNumbering(current.flow, current.context);
      const question = numbering.find(args)?.question;
      if (!question) return [{ text: vi.editUnknownNumber(numbering.total) }];
      turn.session.pending = null;
      return runStep(turn, current, { type: 'edit', questionId: question.id });
    });
  }

  async function nop(turn: Turn): Promise<Outbound[]> {
    return withCursor(turn, async (current) => {
      if (isDone(current.submission)) return [alreadySubmitted(current.submission)];
      const missing = reports.missing(current);
      if (missing.length > 0) return [{ text: vi.missingBeforeSubmit(missing) }];
      turn.session.pending = {
        type: 'confirm-submit',
        submissionId: current.submission._id,
      } satisfies Pending;
      const fresh = current.submission;
      return [
        {
          text: vi.confirmSubmit(current.round.title, fresh.answeredCount, fresh.totalCount),
          buttons: [
            [
              { label: vi.confirmSubmitButtons.yes, data: `${SUBMIT}:y` },
              { label: vi.confirmSubmitButtons.no, data: `${SUBMIT}:n` },
            ],
          ],
        },
      ];
    });
  }

  async function confirmSubmit(turn: Turn, yes: boolean): Promise<Outbound[]> {
    const pending = turn.session.pending as Pending | null;
    const current = await currentCursor(turn);
    if (pending?.type !== 'confirm-submit' || !current || pending.submissionId !== current.submission._id) {
      return [{ text: vi.staleButton }];
    }
    turn.session.pending = null;
    if (!yes) return [{ text: vi.submitCancelled }];
    const outcome = await reports.submit(current, turn.contact);
    switch (outcome.type) {
      case 'submitted': {
        const when = formatDateTimeVi(local(outcome.submission.submittedAt ?? turn.now.toJSDate()));
        await deps.onSubmitted?.(current, outcome.submission);
        return [{ text: vi.submitted(outcome.submission.receiptNo ?? '', when) }];
      }
      case 'already':
        return [alreadySubmitted(outcome.submission)];
      case 'missing':
        return [{ text: vi.missingBeforeSubmit(outcome.missing) }];
      case 'not-found':
        return [{ text: vi.roundGone }];
    }
  }

  async function tamdung(turn: Turn): Promise<Outbound[]> {
    turn.session.pending = { type: 'paused' } satisfies Pending;
    return [{ text: vi.paused }];
  }

  async function trogiup(turn: Turn): Promise<Outbound[]> {
    return [{ text: vi.help(turn.contact.role === 'secretariat'), isHelp: true }];
  }

  /** Turns a message into an engine input; files are checked and stored first. */
  async function toEngineInput(
    turn: Turn,
    current: ReportCursor,
    content: InboundContent,
  ): Promise<EngineInput | Outbound[]> {
    switch (content.type) {
      case 'text':
        return { type: 'text', text: content.text };
      case 'file': {
        const state = stateFor(turn, current);
        const question = current.flow.sections
          .flatMap((section) => section.questions)
          .find((q) => q.id === state.questionId);
        if (question?.type !== 'attachment') {
          if (content.file.kind === 'photo') return { type: 'unsupported', what: 'photo' };
          return [{ text: vi.fileNotExpected }];
        }
        if (content.file.size > deps.maxAttachmentBytes) {
          return [{ text: vi.fileTooLarge(deps.maxAttachmentBytes) }];
        }
        const bytes = await content.file.download();
        if (bytes.length > deps.maxAttachmentBytes) {
          return [{ text: vi.fileTooLarge(deps.maxAttachmentBytes) }];
        }
        const stored = await deps.attachments.save(bytes);
        return {
          type: 'attachment',
          file: {
            platform: turn.inbound.platform,
            fileId: content.file.fileId,
            name: content.file.name,
            size: bytes.length,
            mimeType: content.file.mimeType,
            sha256: stored.sha256,
            storageKey: stored.storageKey,
          },
        };
      }
      case 'unsupported':
        return { type: 'unsupported', what: content.what };
      case 'button':
        return { type: 'button', token: content.data };
      case 'command':
        return { type: 'start' };
    }
  }

  /** Anything typed or sent while a report is open goes to the flow engine. */
  async function answer(turn: Turn, content: InboundContent): Promise<Outbound[]> {
    const current = await currentCursor(turn);
    if (!current) return [];
    if (isDone(current.submission)) {
      return [alreadySubmitted(current.submission)];
    }
    const input = await toEngineInput(turn, current, content);
    if (Array.isArray(input)) return input;
    return runStep(turn, current, input);
  }

  return {
    commands: { baocao, xem, sua, nop, tamdung, trogiup },
    buttons: {
      [FLOW]: async (turn, token) => {
        const current = await currentCursor(turn);
        // No report open in this chat (an old message, or a button not its own): say so and show
        // where the unit's report is, rather than a notice with nothing after it.
        if (!current) return [{ text: vi.staleButton }, ...(await baocao(turn))];
        if (isDone(current.submission)) return [alreadySubmitted(current.submission)];
        turn.session.pending = null;
        return runStep(turn, current, { type: 'button', token });
      },
      [ROUND]: async (turn, roundId) => enter(turn, roundId),
      [SUBMIT]: async (turn, choice) => confirmSubmit(turn, choice === 'y'),
    },
    pending: {
      'choose-round': async (turn, content) => {
        const pending = turn.session.pending as { type: 'choose-round'; roundIds: string[] };
        if (content.type !== 'text') return [{ text: vi.chooseRoundAgain(pending.roundIds.length) }];
        const index = Number.parseInt(content.text.trim(), 10);
        const roundId = pending.roundIds[index - 1];
        if (!roundId) return [{ text: vi.chooseRoundAgain(pending.roundIds.length) }];
        return enter(turn, roundId);
      },
      'confirm-submit': async (turn, content) => {
        if (content.type === 'text') {
          const choice = content.text.trim().toLowerCase();
          if (['1', 'nộp', 'nop', 'có', 'co', 'đồng ý', 'dong y'].includes(choice))
            return confirmSubmit(turn, true);
          if (['2', 'chưa', 'chua', 'không', 'khong', 'hủy', 'huy'].includes(choice))
            return confirmSubmit(turn, false);
        }
        return [{ text: vi.confirmSubmitAgain }];
      },
      paused: async (turn) => {
        turn.session.pending = null;
        const current = await currentCursor(turn);
        if (!current) return baocao(turn);
        if (isDone(current.submission)) return [alreadySubmitted(current.submission)];
        return runStep(turn, current, { type: 'start' });
      },
    },
    fallback: answer,
  };
}

function isDone(submission: SubmissionDoc | null): boolean {
  return submission?.status === 'submitted' || submission?.status === 'accepted';
}
