import { onButton } from '../../../conversation/button-binding';
import { CALLBACKS } from '../../../conversation/callbacks';
import { vi } from '../../../conversation/common-texts';
import type { InboundContent, Outbound } from '../../../conversation/messages';
import { onPending } from '../../../conversation/pending';
import type { ConversationFeature, Turn } from '../../../conversation/turn';
import { flowNumbering } from '../../../engine';
import { formatDateTimeVi } from '../../../scheduler/format-date';
import type { AttachmentStore } from '../../../store/attachment-store';
import type { SubmissionDoc } from '../../../store/models';
import type { Repositories } from '../../../store/repositories';
import type { ReportCursor, ReportService } from '../report-service';
import { toEngineInput } from './engine-input';
import { createReportJourney } from './report-journey';
import { chooseRoundPending, confirmSubmitPending, pausedPending } from './report-pending';
import { isDone, renderEngineReplies } from './report-replies';

export interface ReportFeatureDeps {
  repos: Repositories;
  reports: ReportService;
  attachments: AttachmentStore;
  maxAttachmentBytes: number;
  timeZone: string;
  /** Called once a report is submitted (the secretariat is told). */
  onSubmitted?: (current: ReportCursor, submission: SubmissionDoc) => Promise<void>;
}

const YES = ['1', 'nộp', 'nop', 'có', 'co', 'đồng ý', 'dong y'];
const NO = ['2', 'chưa', 'chua', 'không', 'khong', 'hủy', 'huy'];

/** The unit contact's journey: /baocao, answering, /xem, /sua, /nop, /tamdung, /trogiup. */
export function createReportFeature(deps: ReportFeatureDeps): ConversationFeature {
  const { reports } = deps;
  const journey = createReportJourney(deps);
  const { currentCursor, runStep, withCursor, submitted, baocao, enter } = journey;

  async function xem(turn: Turn): Promise<Outbound[]> {
    return withCursor(turn, async (current) => {
      const replies = renderEngineReplies(await reports.review(current, turn.maxTextLength));
      return replies.length > 0 ? replies : [{ text: vi.reviewEmpty }];
    });
  }

  async function sua(turn: Turn): Promise<Outbound[]> {
    return withCursor(turn, async (current) => {
      if (isDone(current.submission)) return [{ text: vi.readOnly }];
      const args = turn.inbound.content.type === 'command' ? turn.inbound.content.args.trim() : '';
      if (!args) {
        const review = renderEngineReplies(await reports.review(current, turn.maxTextLength));
        return [{ text: vi.editChooseSection(turn.buttons) }, ...review];
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
      if (isDone(current.submission)) return [submitted(current.submission)];
      const missing = reports.missing(current);
      if (missing.length > 0) return [{ text: vi.missingBeforeSubmit(missing) }];
      confirmSubmitPending.set(turn.session, { submissionId: current.submission._id });
      const fresh = current.submission;
      return [
        {
          text: vi.confirmSubmit(current.round.title, fresh.answeredCount, fresh.totalCount),
          choices: 'listed',
          buttons: [
            [
              { label: vi.confirmSubmitButtons.yes, data: CALLBACKS.confirmSubmit.encode({ choice: 'y' }) },
              { label: vi.confirmSubmitButtons.no, data: CALLBACKS.confirmSubmit.encode({ choice: 'n' }) },
            ],
          ],
        },
      ];
    });
  }

  async function confirmSubmit(turn: Turn, yes: boolean): Promise<Outbound[]> {
    const pending = confirmSubmitPending.read(turn.session);
    const current = await currentCursor(turn);
    if (!pending || !current || pending.submissionId !== current.submission._id) {
      return [{ text: vi.staleButton }];
    }
    turn.session.pending = null;
    if (!yes) return [{ text: vi.submitCancelled }];
    const outcome = await reports.submit(current, turn.contact);
    switch (outcome.type) {
      case 'submitted': {
        const when = formatDateTimeVi(journey.local(outcome.submission.submittedAt ?? turn.now.toJSDate()));
        await deps.onSubmitted?.(current, outcome.submission);
        return [{ text: vi.submitted(outcome.submission.receiptNo ?? '', when) }];
      }
      case 'already':
        return [submitted(outcome.submission)];
      case 'missing':
        return [{ text: vi.missingBeforeSubmit(outcome.missing) }];
      case 'not-found':
        return [{ text: vi.roundGone }];
    }
  }

  async function tamdung(turn: Turn): Promise<Outbound[]> {
    pausedPending.set(turn.session, {});
    return [{ text: vi.paused }];
  }

  async function trogiup(turn: Turn): Promise<Outbound[]> {
    return [{ text: vi.help(turn.contact.role === 'secretariat', turn.buttons), isHelp: true }];
  }

  /** Anything typed or sent while a report is open goes to the flow engine. */
  async function answer(turn: Turn, content: InboundContent): Promise<Outbound[]> {
    const current = await currentCursor(turn);
    if (!current) {
      if (!turn.session.submissionId) return [];
      // The report this chat was in closed, or the unit was exempted meanwhile (by the CLI, the
      // dashboard): say so, not "no report open", and show what the unit has open now. The chat
      // keeps its place: if the exemption is lifted, the next answer continues the report.
      return [{ text: vi.reportNoLongerOpen }, ...(await baocao(turn))];
    }
    if (isDone(current.submission)) return [submitted(current.submission)];
    const input = await toEngineInput(deps, turn, current, journey.stateFor(turn, current), content);
    if (Array.isArray(input)) return input;
    return runStep(turn, current, input);
  }

  return {
    commands: { baocao, xem, sua, nop, tamdung, trogiup },
    buttons: [
      onButton(CALLBACKS.flow, async (turn, { token }) => {
        const current = await currentCursor(turn);
        // No report open in this chat (an old message, or a button not its own): say so and show
        // where the unit's report is, rather than a notice with nothing after it.
        if (!current) return [{ text: vi.staleButton }, ...(await baocao(turn))];
        if (isDone(current.submission)) return [submitted(current.submission)];
        turn.session.pending = null;
        return runStep(turn, current, { type: 'button', token });
      }),
      onButton(CALLBACKS.chooseRound, (turn, { roundId }) => enter(turn, roundId)),
      onButton(CALLBACKS.confirmSubmit, (turn, { choice }) => confirmSubmit(turn, choice === 'y')),
    ],
    pending: [
      onPending(chooseRoundPending, async (turn, { roundIds }, content) => {
        if (content.type !== 'text') return [{ text: vi.chooseRoundAgain(roundIds.length) }];
        const roundId = roundIds[Number.parseInt(content.text.trim(), 10) - 1];
        if (!roundId) return [{ text: vi.chooseRoundAgain(roundIds.length) }];
        return enter(turn, roundId);
      }),
      onPending(confirmSubmitPending, async (turn, _pending, content) => {
        if (content.type === 'text') {
          const choice = content.text.trim().toLowerCase();
          if (YES.includes(choice)) return confirmSubmit(turn, true);
          if (NO.includes(choice)) return confirmSubmit(turn, false);
        }
        return [{ text: vi.confirmSubmitAgain }];
      }),
      onPending(pausedPending, async (turn) => {
        turn.session.pending = null;
        const current = await currentCursor(turn);
        if (!current) return baocao(turn);
        if (isDone(current.submission)) return [submitted(current.submission)];
        return runStep(turn, current, { type: 'start' });
      }),
    ],
    fallback: answer,
  };
}
