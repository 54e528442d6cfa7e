import { applicableQuestions, type Flow, progress, type Question } from '../../engine';
import type { RoundDoc, SubmissionDoc, UnitDoc } from '../../store/models';
import { type AnswerMap, compactAnswer } from './answer-maps';
import { contextFor, type ReportCore } from './report-context';

/**
 * Fills in the answers the units file already knows (e.g. that this unit is the UBND, not the
 * HĐND), before anyone starts: nobody is asked what the bot knows, and the question count does
 * not jump once that first choice unlocks the unit's own questions. Only answers that fit an
 * applicable question are used; a contact can still change them with /sua.
 */
export async function applyPresets(
  { repos, logger, now, answerMaps }: ReportCore,
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
  const counts = progress(flow, contextFor(round, unit, answers));
  const after = await repos.submissions.recordAnswers(submission._id, {
    answeredCount: counts.answered,
    totalCount: counts.total,
  });
  if (after) answerMaps.written(submission._id, submission.answersRev ?? 0, after.answersRev, answers);
  return { submission: after ?? submission, answers };
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
