import type { BoardStatus } from '../../domain/submission-status';
import { type AnswerValue, type FlowCatalog, formatAnswer, shortLabel } from '../../engine';
import { flowNumbering } from '../../engine/numbering';
import { applicableEntries } from '../../engine/progress';
import type { RoundDoc } from '../../store/models';
import type { Repositories } from '../../store/repositories';
import { submissionId } from '../../store/repositories';
import { statusBoard } from '../rounds/status-board';

/** One unit's report of a round in full, as the dashboard shows it. */
export interface UnitReportView {
  unitName: string;
  unitCode: string;
  status: BoardStatus;
  receiptNo: string | null;
  submittedAt: Date | null;
  sections: {
    title: string;
    /** "7", "7a", or null for an answer filled in from the units file. */
    items: { number: string | null; label: string; value: string | null; required: boolean }[];
  }[];
}

/**
 * Every answer in full (not the submission's compact copy), grouped by section and numbered as
 * in chat. Null when the unit or the round's flow is unknown.
 */
export async function unitReportView(
  deps: { repos: Repositories; flows: FlowCatalog },
  round: RoundDoc,
  unitCode: string,
  at: Date,
): Promise<UnitReportView | null> {
  const { repos } = deps;
  const unit = await repos.units.get(unitCode);
  const flow = deps.flows.get(round.flowId);
  if (!unit || !flow) return null;
  const id = submissionId(round._id, unit._id);
  const [submission, answers, board] = await Promise.all([
    repos.submissions.get(id),
    repos.answers.listBySubmission(id),
    statusBoard(repos, round._id, at),
  ]);
  const values = new Map(answers.map((answer) => [answer.questionId, answer.value as AnswerValue]));
  const context = {
    unitKind: unit.kind,
    answers: values,
    sections: round.sections.length > 0 ? round.sections : undefined,
    request: round.request ?? undefined,
    // The same numbering as the chat: answers filled in from the units file carry no number.
    preset: new Set(Object.keys(unit.presetAnswers ?? {}).filter((id) => values.has(id))),
  };
  const numbering = flowNumbering(flow, context);
  const sections: UnitReportView['sections'] = [];
  applicableEntries(flow, context).forEach((entry) => {
    const title = `Mục ${entry.section.number}. ${entry.section.heading}`;
    let section = sections[sections.length - 1];
    if (!section || section.title !== title) {
      section = { title, items: [] };
      sections.push(section);
    }
    const value = values.get(entry.question.id);
    section.items.push({
      number: numbering.labelOf(entry.question.id) ?? null,
      label: shortLabel(entry.question),
      value: value === undefined || value === null ? null : formatAnswer(entry.question, value),
      required: entry.question.required,
    });
  });
  const row = board?.rows.find((candidate) => candidate.unitCode === unit._id);
  return {
    unitName: unit.name,
    unitCode: unit._id,
    status: row?.status ?? (round.exemptUnitCodes.includes(unit._id) ? 'exempt' : 'not_started'),
    receiptNo: submission?.receiptNo ?? null,
    submittedAt: submission?.submittedAt ?? null,
    sections: answers.length > 0 ? sections : [],
  };
}
