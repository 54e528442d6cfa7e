import { isHandedIn } from '../../domain/submission-status';
import { type Flow, flowNumbering, missingRequired, shortLabel } from '../../engine';
import { T } from '../../engine/texts';
import type { ContactDoc, SubmissionDoc } from '../../store/models';
import { questionIdsFor } from './answer-maps';
import { receiptNumber } from './receipt-number';
import type { ReportCore, ReportCursor } from './report-context';

export type SubmitOutcome =
  | { type: 'submitted'; submission: SubmissionDoc }
  | { type: 'already'; submission: SubmissionDoc }
  | { type: 'missing'; missing: string[] }
  | { type: 'not-found' };

/** The required questions still unanswered, in the engine's own "• Câu 7 (Mục II.1): …" lines. */
export function missingLines(current: ReportCursor): string[] {
  const numbering = flowNumbering(current.flow, current.context);
  return missingRequired(current.flow, current.context).map((question) => {
    const entry = numbering.list.find((n) => n.entry.question.id === question.id);
    return T.missingLine(entry?.label ?? '?', entry?.entry.section.number ?? '?', shortLabel(question));
  });
}

/** Submits once: the frozen version is a unique insert, so concurrent confirmations submit one version. */
export async function submitReport(
  { repos, now, answerMaps }: ReportCore,
  current: ReportCursor,
  actor: ContactDoc,
): Promise<SubmitOutcome> {
  const fresh = await repos.submissions.get(current.submission._id);
  if (!fresh) return { type: 'not-found' };
  if (isHandedIn(fresh.status)) return { type: 'already', submission: fresh };
  current.submission = fresh;
  current.context = {
    ...current.context,
    answers: await answerMaps.get(fresh, questionIdsFor(current.flow, current.unit.kind)),
  };
  const stillMissing = missingLines(current);
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
    before.version >= version && isHandedIn(before.status)
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

function allQuestionIds(flow: Flow): string[] {
  return flow.sections.flatMap((section) => section.questions.map((question) => question.id));
}
