import { vi } from '../../conversation/common-texts';
import { isHandedIn } from '../../domain/submission-status';
import { advance, type EngineInput, type EngineState, progress, type StepResult } from '../../engine';
import type { Logger } from '../../logger';
import type { ContactDoc, SubmissionDoc } from '../../store/models';
import { type AnswerMap, compactAnswer } from './answer-maps';
import type { ReportCore, ReportCursor } from './report-context';

/**
 * Runs one engine step and persists its effects before returning, so an answer is stored the
 * moment it arrives; the caller saves the returned state and then replies.
 */
export async function runReportStep(
  core: ReportCore,
  current: ReportCursor,
  state: EngineState,
  input: EngineInput,
  actor: ContactDoc,
  /** `<platform>:<update id>` of the message: its effects are applied once, even if it is handled again. */
  updateKey?: string,
  /** The logger of the update (its records name the update, platform and chat); default the service's. */
  log: Logger = core.logger,
): Promise<StepResult> {
  const { repos, now } = core;
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
  const wasOpen = !isHandedIn(current.submission.status);
  current.submission = await answersChanged(core, current.submission, answers, counts);
  current.context = { ...current.context, answers };
  if (wasOpen && isHandedIn(current.submission.status)) {
    // A colleague submitted while this answer was being saved: say so unless it made it in.
    const saved = result.effects.flatMap((effect) =>
      effect.type === 'saveAnswer' ? [effect.questionId] : [],
    );
    if (!(await inSubmittedVersion(core, current.submission, saved))) {
      return { ...result, replies: [{ text: vi.answerAfterSubmit(current.submission.receiptNo ?? '') }] };
    }
  }
  return result;
}

/** Raises the submission's answer revision once this process's answers are written, and keeps its copy. */
async function answersChanged(
  { repos, now, answerMaps }: ReportCore,
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

/** Whether the submitted version holds these questions' current answers. */
async function inSubmittedVersion(
  { repos }: ReportCore,
  submission: SubmissionDoc,
  questionIds: string[],
): Promise<boolean> {
  const frozen = await repos.answers.getVersion(submission._id, submission.version);
  if (!frozen) return false;
  const current = await repos.answers.getMany(submission._id, questionIds);
  return current.every((answer) =>
    frozen.answers.some(
      (kept) =>
        kept.questionId === answer.questionId && JSON.stringify(kept.value) === JSON.stringify(answer.value),
    ),
  );
}
