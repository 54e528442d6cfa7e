import type { DateTime } from 'luxon';
import { vi } from '../../conversation/common-texts';
import {
  type AnswerValue,
  advance,
  applicableQuestions,
  type EngineContext,
  type EngineInput,
  type EngineState,
  type Flow,
  type FlowCatalog,
  flowNumbering,
  migrateState,
  missingRequired,
  parseEngineState,
  progress,
  type Question,
  renderReview,
  type StepResult,
  shortLabel,
  startState,
} from '../../engine';
import { T } from '../../engine/texts';
import type { Logger } from '../../logger';
import type { ContactDoc, RoundDoc, SubmissionDoc, UnitDoc } from '../../store/models';
import type { Repositories } from '../../store/repositories';
import { submissionId } from '../../store/repositories';
import { isRoundOpen, roundTargetsUnit } from '../rounds/rounds-for-unit';
import { type AnswerMap, AnswerMaps, compactAnswer, questionIdsFor } from './answer-maps';
import { PreviousAnswers } from './previous-answers';
import { receiptNumber } from './receipt-number';

export interface ReportServiceDeps {
  repos: Repositories;
  flows: FlowCatalog;
  logger: Logger;
  now: () => DateTime;
}

export interface OpenRound {
  round: RoundDoc;
  submission: SubmissionDoc | null;
}

function allQuestionIds(flow: Flow): string[] {
  return flow.sections.flatMap((section) => section.questions.map((question) => question.id));
}

/** A preset answer is used only if it is a valid answer to its question. */
function presetFits(question: Question, value: unknown): boolean {
  const optionIds = new Set((question.options ?? []).map((option) => option.id));
  switch (question.type) {
    case 'choice':
      return typeof value === 'string' && optionIds.has(value);
    case 'multi':
      return Array.isArray(value) && value.length > 0 && value.every((id) => optionIds.has(String(id)));
    case 'yesno':
      return typeof value === 'boolean';
    case 'number':
      return typeof value === 'number' && Number.isInteger(value) && value >= 0;
    case 'text':
      return typeof value === 'string' && value.trim().length > 0;
    case 'date':
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value);
    case 'attachment':
      return false;
  }
}

/** Everything a step needs: the submission read by `_id`, the rest from memory. */
export interface ReportCursor {
  round: RoundDoc;
  unit: UnitDoc;
  submission: SubmissionDoc;
  flow: Flow;
  context: EngineContext;
}

export type SubmitOutcome =
  | { type: 'submitted'; submission: SubmissionDoc }
  | { type: 'already'; submission: SubmissionDoc }
  | { type: 'missing'; missing: string[] }
  | { type: 'not-found' };

/**
 * Use cases of a unit's report, whatever the channel: open rounds, start or resume, one step of
 * the flow (persisting every answer before anything is replied), review and submit.
 */
export function createReportService({ repos, flows, logger, now }: ReportServiceDeps) {
  const answerMaps = new AnswerMaps(repos.answers);
  const previousAnswers = new PreviousAnswers(repos);

  function contextFor(round: RoundDoc, unit: UnitDoc, answers: Map<string, AnswerValue>): EngineContext {
    return {
      unitKind: unit.kind,
      answers,
      // Only presets actually filled in (one that did not fit was never saved and is asked normally).
      preset: new Set(Object.keys(unit.presetAnswers ?? {}).filter((id) => answers.has(id))),
      sections: round.sections.length > 0 ? round.sections : undefined,
      request: round.request
        ? { title: round.request.title, instructions: round.request.instructions }
        : undefined,
    };
  }

  /** Raises the submission's answer revision once this process's answers are written, and keeps its copy. */
  async function answersChanged(
    submission: SubmissionDoc,
    answers: AnswerMap,
    counts: { answered: number; total: number },
  ): Promise<SubmissionDoc> {
    if (submission.status === 'not_started')
      await repos.submissions.markStarted(submission._id, now().toJSDate());
    const after = await repos.submissions.recordAnswers(submission._id, {
      answeredCount: counts.answered,
      totalCount: counts.total,
    });
    if (!after) {
      answerMaps.forget(submission._id);
      return submission;
    }
    answerMaps.written(submission._id, submission.answersRev ?? 0, after.answersRev, answers);
    return after;
  }

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
    if (!submission) {
      const empty = contextFor(round, unit, new Map());
      submission = await repos.submissions.ensure({
        roundId,
        unitCode,
        flowId: flow.id,
        flowVersion: flow.version,
        totalCount: progress(flow, empty).total,
      });
    }
    let answers = await answerMaps.get(submission, questionIdsFor(flow, unit.kind));
    if (submission.status === 'not_started') {
      ({ submission, answers } = await applyPresets(round, unit, flow, submission, answers));
    }
    const previous = await previousAnswers.get(round, unitCode);
    return { round, unit, submission, flow, context: { ...contextFor(round, unit, answers), previous } };
  }

  /**
   * Fills in the answers the units file already knows (e.g. that this unit is the UBND, not the
   * HĐND), before anyone starts: nobody is asked what the bot knows, and the question count does
   * not jump once that first choice unlocks the unit's own questions. Only answers that fit an
   * applicable question are used; a contact can still change them with /sua.
   */
  async function applyPresets(
    round: RoundDoc,
    unit: UnitDoc,
    flow: Flow,
    submission: SubmissionDoc,
    answers: AnswerMap,
  ): Promise<{ submission: SubmissionDoc; answers: AnswerMap }> {
    const presets = Object.entries(unit.presetAnswers ?? {}).filter(([id]) => !answers.has(id));
    if (presets.length === 0) return { submission, answers };
    const at = now().toJSDate();
    let applied = 0;
    for (const [questionId, value] of presets) {
      const question = applicableQuestions(flow, contextFor(round, unit, answers)).find(
        (q) => q.id === questionId,
      );
      if (!question || !presetFits(question, value)) {
        logger.warn(
          { unit: unit._id, questionId },
          'preset answer ignored: no such applicable question or value',
        );
        continue;
      }
      await repos.answers.save({
        submissionId: submission._id,
        questionId,
        value,
        firstAnswer: true,
        by: 'system',
        channel: 'system',
        at,
      });
      await repos.audit.record({
        at,
        actor: 'system',
        channel: 'system',
        action: 'answer.preset',
        roundId: round._id,
        unitCode: unit._id,
        details: { questionId, new: value },
      });
      answers.set(questionId, compactAnswer(value));
      applied += 1;
    }
    if (applied === 0) return { submission, answers };
    // Presets don't start the report: the status stays "not started" until a contact answers.
    const after = await repos.submissions.recordAnswers(submission._id, countsOf(flow, round, unit, answers));
    if (after) answerMaps.written(submission._id, submission.answersRev ?? 0, after.answersRev, answers);
    return { submission: after ?? submission, answers };
  }

  function countsOf(flow: Flow, round: RoundDoc, unit: UnitDoc, answers: AnswerMap) {
    const counts = progress(flow, contextFor(round, unit, answers));
    return { answeredCount: counts.answered, totalCount: counts.total };
  }

  /** The engine state to continue from: the stored one if it is for this flow version, else migrated or fresh. */
  function resumeState(current: ReportCursor, stored: unknown): EngineState {
    const state = parseEngineState(stored);
    if (!state || state.flowId !== current.flow.id) return startState(current.flow, current.context);
    if (state.flowVersion !== current.flow.version) return migrateState(current.flow, state, current.context);
    return state;
  }

  /**
   * Runs one engine step and persists its effects before returning, so an answer is stored the
   * moment it arrives; the caller saves the returned state and then replies.
   */
  async function step(
    current: ReportCursor,
    state: EngineState,
    input: EngineInput,
    actor: ContactDoc,
    /** `<platform>:<update id>` of the message: its effects are applied once, even if it is handled again. */
    updateKey?: string,
    /** The logger of the update (its records name the update, platform and chat); default the service's. */
    log: Logger = logger,
  ): Promise<StepResult> {
    const result = advance(current.flow, current.context, state, input);
    if (result.fault) {
      log.error(
        {
          err: result.fault,
          update: updateKey,
          submission: current.submission._id,
          questionId: state.questionId,
        },
        'report step failed; the contact was told and kept at a valid question',
      );
    }
    if (result.effects.length === 0) return result;
    const at = now().toJSDate();
    const answers = new Map(current.context.answers);
    const audit = {
      at,
      actor: actor._id,
      channel: actor.platform,
      roundId: current.round._id,
      unitCode: current.unit._id,
    };
    for (const effect of result.effects) {
      if (effect.type === 'saveAnswer') {
        const { answer, previous, alreadyApplied } = await repos.answers.save({
          submissionId: current.submission._id,
          questionId: effect.questionId,
          value: effect.value,
          append: effect.append,
          firstAnswer: !answers.has(effect.questionId),
          updateKey,
          by: actor._id,
          channel: actor.platform,
          at,
        });
        answers.set(effect.questionId, compactAnswer(answer.value));
        // Keyed by the update: if this update is handled again after a crash that came between the
        // answer and its audit, the event is written then, and never twice.
        await repos.audit.record({
          ...audit,
          action: 'answer.saved',
          details: {
            questionId: effect.questionId,
            old: alreadyApplied ? null : (previous?.value ?? null),
            new: answer.value,
          },
          ...(updateKey ? { key: `${updateKey}:${effect.questionId}:answer.saved` } : {}),
        });
      } else {
        await repos.answers.clear({
          submissionId: current.submission._id,
          questionId: effect.questionId,
          by: actor._id,
          channel: actor.platform,
          at,
        });
        answers.delete(effect.questionId);
        await repos.audit.record({
          ...audit,
          action: 'answer.cleared',
          details: { questionId: effect.questionId },
        });
      }
    }
    const counts = progress(current.flow, { ...current.context, answers });
    const wasOpen = !isDone(current.submission);
    current.submission = await answersChanged(current.submission, answers, counts);
    current.context = { ...current.context, answers };
    if (wasOpen && isDone(current.submission)) {
      // A colleague submitted while this answer was being saved: say so unless it made it in.
      const saved = result.effects.flatMap((effect) =>
        effect.type === 'saveAnswer' ? [effect.questionId] : [],
      );
      if (!(await inSubmittedVersion(current.submission, saved))) {
        return { ...result, replies: [{ text: vi.answerAfterSubmit(current.submission.receiptNo ?? '') }] };
      }
    }
    return result;
  }

  /** Whether the submitted version holds these questions' current answers. */
  async function inSubmittedVersion(submission: SubmissionDoc, questionIds: string[]): Promise<boolean> {
    const frozen = await repos.answers.getVersion(submission._id, submission.version);
    if (!frozen) return false;
    const current = await repos.answers.getMany(submission._id, questionIds);
    return current.every((answer) =>
      frozen.answers.some(
        (kept) =>
          kept.questionId === answer.questionId &&
          JSON.stringify(kept.value) === JSON.stringify(answer.value),
      ),
    );
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

  /** Required questions still unanswered, numbered as the user sees them ("Câu 5"). */
  /** The required questions still unanswered, in the engine's own "• Câu 7 (Mục II.1): …" lines. */
  function missing(current: ReportCursor): string[] {
    const numbering = flowNumbering(current.flow, current.context);
    return missingRequired(current.flow, current.context).map((question) => {
      const entry = numbering.list.find((n) => n.entry.question.id === question.id);
      return T.missingLine(entry?.label ?? '?', entry?.entry.section.number ?? '?', shortLabel(question));
    });
  }

  /** Submits once: the frozen version is a unique insert, so concurrent confirmations submit one version. */
  async function submit(current: ReportCursor, actor: ContactDoc): Promise<SubmitOutcome> {
    const fresh = await repos.submissions.get(current.submission._id);
    if (!fresh) return { type: 'not-found' };
    if (fresh.status === 'submitted' || fresh.status === 'accepted')
      return { type: 'already', submission: fresh };
    current.submission = fresh;
    current.context = {
      ...current.context,
      answers: await answerMaps.get(fresh, questionIdsFor(current.flow, current.unit.kind)),
    };
    const stillMissing = missing(current);
    if (stillMissing.length > 0) return { type: 'missing', missing: stillMissing };

    const at = now();
    const version = fresh.version + 1;
    const receiptNo = receiptNumber(current.round, current.unit._id, version);
    const answers = await repos.answers.getMany(fresh._id, allQuestionIds(current.flow));
    const frozen = await repos.answers.freezeVersion({
      submissionId: fresh._id,
      roundId: current.round._id,
      unitCode: current.unit._id,
      version,
      flowId: current.flow.id,
      flowVersion: current.flow.version,
      answers: answers.map((answer) => ({
        questionId: answer.questionId,
        value: answer.value,
        by: answer.by,
        at: answer.at,
      })),
      receiptNo,
      submittedBy: actor._id,
      channel: actor.platform,
      submittedAt: at.toJSDate(),
    });
    // 'exists': this version was frozen already, by a colleague's confirmation or by this very
    // update before a crash cut it off. The submission is then completed from the frozen version
    // (found by the chaos suite: a kill between the freeze and the status write left the report
    // unsubmitted for good, while the user was told it had been submitted).
    const record =
      frozen === 'created'
        ? { receiptNo, submittedAt: at.toJSDate(), submittedBy: actor._id }
        : await repos.answers.getVersion(fresh._id, version);
    if (!record) return { type: 'already', submission: (await repos.submissions.get(fresh._id)) ?? fresh };
    const updated = await repos.submissions.update(fresh._id, (before) =>
      before.version >= version && isDone(before)
        ? null
        : {
            status: 'submitted',
            version,
            receiptNo: record.receiptNo,
            submittedAt: record.submittedAt,
            submittedBy: record.submittedBy,
          },
    );
    // Whoever wrote the status records the event: a colleague completing it finds nothing to do.
    if (updated && updated.before !== updated.after) {
      await repos.audit.record({
        at: at.toJSDate(),
        actor: record.submittedBy,
        channel: actor.platform,
        action: 'submission.submitted',
        roundId: current.round._id,
        unitCode: current.unit._id,
        details: { version, receiptNo: record.receiptNo },
      });
    }
    if (frozen === 'exists') return { type: 'already', submission: updated?.after ?? fresh };
    return { type: 'submitted', submission: updated?.after ?? fresh };
  }

  return { openRounds, cursor, resumeState, step, review, fullContext, missing, submit };
}

export type ReportService = ReturnType<typeof createReportService>;

function isDone(submission: SubmissionDoc): boolean {
  return submission.status === 'submitted' || submission.status === 'accepted';
}
