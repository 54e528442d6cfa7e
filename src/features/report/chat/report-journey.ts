import { DateTime } from 'luxon';
import { CALLBACKS } from '../../../conversation/callbacks';
import { vi } from '../../../conversation/common-texts';
import type { Outbound, OutboundButton } from '../../../conversation/messages';
import type { Turn } from '../../../conversation/turn';
import type { EngineInput, EngineState } from '../../../engine';
import { startState } from '../../../engine';
import { formatDeadline } from '../../../scheduler/format-date';
import type { SubmissionDoc, UnitDoc } from '../../../store/models';
import type { Repositories } from '../../../store/repositories';
import type { ReportCursor, ReportService } from '../report-service';
import { chooseRoundPending } from './report-pending';
import { alreadySubmitted, isDone, renderEngineReplies, statusLabel } from './report-replies';

export interface ReportJourneyDeps {
  repos: Repositories;
  reports: ReportService;
  timeZone: string;
}

/**
 * Where a chat is in its unit's report: which report it works on (re-checked on every message),
 * choosing and entering a round, and one engine step with its state kept in the session.
 */
export function createReportJourney({ repos, reports, timeZone }: ReportJourneyDeps) {
  const local = (date: Date) => DateTime.fromJSDate(date, { zone: timeZone });
  const submitted = (submission: SubmissionDoc) => alreadySubmitted(submission, timeZone);

  async function unitOf(turn: Turn): Promise<UnitDoc | null> {
    return turn.contact.unitCode ? repos.units.get(turn.contact.unitCode) : null;
  }

  /**
   * A unit's report in a round as this chat sees it: the engine words its texts for the chat's
   * platform (with or without buttons).
   */
  async function cursorFor(turn: Turn, roundId: string, unitCode: string): Promise<ReportCursor | null> {
    const current = await reports.cursor(roundId, unitCode);
    if (current) current.context = { ...current.context, buttons: turn.buttons };
    return current;
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
    return cursorFor(turn, roundId, unitCode);
  }

  function stateFor(turn: Turn, current: ReportCursor): EngineState {
    if (turn.session.submissionId !== current.submission._id)
      return startState(current.flow, current.context);
    return reports.resumeState(current, turn.session.engine);
  }

  async function runStep(turn: Turn, current: ReportCursor, input: EngineInput): Promise<Outbound[]> {
    const state = stateFor(turn, current);
    const { platform, updateId } = turn.inbound;
    const result = await reports.step(
      current,
      state,
      input,
      turn.contact,
      `${platform}:${updateId}`,
      turn.log,
    );
    turn.session.submissionId = current.submission._id;
    turn.session.engine = result.state;
    return renderEngineReplies(result.replies);
  }

  /** Opens a round's report for the contact's unit, at its first unanswered question. */
  async function enter(turn: Turn, roundId: string): Promise<Outbound[]> {
    const unit = await unitOf(turn);
    if (!unit) return [{ text: vi.noUnit }];
    const current = await cursorFor(turn, roundId, unit._id);
    if (!current) return [{ text: vi.roundGone }];
    turn.session.pending = null;
    const header: Outbound = {
      text: vi.entering(current.round.title, formatDeadline(local(current.round.dueAt), { weekday: true })),
    };
    if (isDone(current.submission)) {
      turn.session.submissionId = current.submission._id;
      return [header, submitted(current.submission)];
    }
    const replies = await runStep(turn, current, { type: 'start' });
    const returned =
      current.submission.status === 'returned' && current.submission.returnReason
        ? [{ text: vi.returnedReminder(current.submission.returnReason) }]
        : [];
    return [header, ...returned, ...replies];
  }

  /** `/baocao`: the only open round's report, or the list of open rounds to choose from. */
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
    chooseRoundPending.set(turn.session, { roundIds: open.map(({ round }) => round._id) });
    const buttons = open.flatMap(({ round }, index): OutboundButton[][] => {
      const data = CALLBACKS.chooseRound.tryEncode({ roundId: round._id });
      return data ? [[{ label: `${index + 1}. ${round.title}`, data }]] : [];
    });
    const text = `${vi.chooseRound(turn.buttons)}\n\n${lines.join('\n')}`;
    // Each line starts with the number and title its button shows ("1. <title>"), unless a round's
    // id did not fit in a button and the buttons no longer follow the lines.
    return [buttons.length === open.length ? { text, buttons, choices: 'listed' } : { text, buttons }];
  }

  /** Runs `work` on the chat's report; with a single open round, commands like /xem work without choosing it first. */
  async function withCursor(
    turn: Turn,
    work: (current: ReportCursor) => Promise<Outbound[]>,
  ): Promise<Outbound[]> {
    let current = await currentCursor(turn);
    if (!current) {
      const unit = await unitOf(turn);
      const open = unit ? await reports.openRounds(unit) : [];
      if (open.length !== 1 || !unit) return baocao(turn);
      current = await cursorFor(turn, open[0]!.round._id, unit._id);
      if (!current) return [{ text: vi.roundGone }];
      if (turn.session.submissionId !== current.submission._id) {
        turn.session.submissionId = current.submission._id;
        turn.session.engine = startState(current.flow, current.context);
      }
    }
    return work(current);
  }

  return { local, submitted, currentCursor, stateFor, runStep, enter, baocao, withCursor };
}

export type ReportJourney = ReturnType<typeof createReportJourney>;
