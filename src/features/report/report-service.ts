import {
  type AnswerValue,
  type EngineContext,
  type EngineInput,
  type EngineState,
  migrateState,
  parseEngineState,
  renderReview,
  startState,
} from '../../engine';
import type { Logger } from '../../logger';
import type { ContactDoc, RoundDoc, SubmissionDoc, UnitDoc } from '../../store/models';
import { submissionId } from '../../store/repositories';
import { ensureEmptySubmission } from '../rounds/empty-submission';
import { isRoundOpen, roundTargetsUnit } from '../rounds/rounds-for-unit';
import { AnswerMaps, questionIdsFor } from './answer-maps';
import { PreviousAnswers } from './previous-answers';
import { contextFor, type ReportCore, type ReportCursor, type ReportServiceDeps } from './report-context';
import { applyPresets } from './report-presets';
import { runReportStep } from './report-step';
import { missingLines, submitReport } from './report-submit';

export type { ReportCursor, ReportServiceDeps } from './report-context';
export type { SubmitOutcome } from './report-submit';

export interface OpenRound {
  round: RoundDoc;
  submission: SubmissionDoc | null;
}

/**
 * Use cases of a unit's report, whatever the channel: open rounds, start or resume, one step of
 * the flow (persisting every answer before anything is replied, report-step.ts), review and
 * submit (report-submit.ts).
 */
export function createReportService(deps: ReportServiceDeps) {
  const { repos, flows, logger, now } = deps;
  const core: ReportCore = { ...deps, answerMaps: new AnswerMaps(repos.answers) };
  const previousAnswers = new PreviousAnswers(repos);

  async function openRounds(unit: UnitDoc): Promise<OpenRound[]> {
    const at = now().toJSDate();
    const rounds = (await repos.rounds.list()).filter(
      (round) => isRoundOpen(round, at) && roundTargetsUnit(round, unit),
    );
    rounds.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
    return Promise.all(
      rounds.map(async (round) => ({
        round,
        submission: await repos.submissions.get(submissionId(round._id, unit._id)),
      })),
    );
  }

  /** Loads (creating if needed) the unit's submission for a round, and refuses rounds not meant for the unit. */
  async function cursor(roundId: string, unitCode: string): Promise<ReportCursor | null> {
    const [round, unit] = await Promise.all([repos.rounds.get(roundId), repos.units.get(unitCode)]);
    if (!round || !unit || !roundTargetsUnit(round, unit) || !isRoundOpen(round, now().toJSDate()))
      return null;
    const flow = flows.get(round.flowId);
    if (!flow) {
      logger.error({ flowId: round.flowId, roundId }, 'round refers to a flow that is not loaded');
      return null;
    }
    let submission = await repos.submissions.get(submissionId(roundId, unitCode));
    submission ??= await ensureEmptySubmission(repos, flow, round, unit);
    let answers = await core.answerMaps.get(submission, questionIdsFor(flow, unit.kind));
    if (submission.status === 'not_started') {
      ({ submission, answers } = await applyPresets(core, round, unit, flow, submission, answers));
    }
    const previous = await previousAnswers.get(round, unitCode);
    return { round, unit, submission, flow, context: { ...contextFor(round, unit, answers), previous } };
  }

  /** The engine state to continue from: the stored one if it is for this flow version, else migrated or fresh. */
  function resumeState(current: ReportCursor, stored: unknown): EngineState {
    const state = parseEngineState(stored);
    if (!state || state.flowId !== current.flow.id) return startState(current.flow, current.context);
    if (state.flowVersion !== current.flow.version) return migrateState(current.flow, state, current.context);
    return state;
  }

  /** Full answers (not the compact copy): for review, export and the frozen version. */
  async function fullContext(current: ReportCursor): Promise<EngineContext> {
    const answers = await repos.answers.getMany(
      current.submission._id,
      questionIdsFor(current.flow, current.unit.kind),
    );
    return {
      ...current.context,
      answers: new Map(answers.map((answer) => [answer.questionId, answer.value as AnswerValue])),
    };
  }

  async function review(current: ReportCursor, maxChars: number) {
    return renderReview(current.flow, await fullContext(current), maxChars);
  }

  return {
    openRounds,
    cursor,
    resumeState,
    step: (
      current: ReportCursor,
      state: EngineState,
      input: EngineInput,
      actor: ContactDoc,
      updateKey?: string,
      log?: Logger,
    ) => runReportStep(core, current, state, input, actor, updateKey, log),
    review,
    fullContext,
    missing: missingLines,
    submit: (current: ReportCursor, actor: ContactDoc) => submitReport(core, current, actor),
  };
}

export type ReportService = ReturnType<typeof createReportService>;
