import { DateTime } from 'luxon';
import type { Outbound } from '../../conversation/messages';
import { splitText } from '../../conversation/split-text';
import { STATUS_WORDS } from '../../domain/submission-status';
import type { FlowCatalog } from '../../engine';
import { formatDateTimeVi } from '../../scheduler/format-date';
import type { AttachmentStore } from '../../store/attachment-store';
import type { ContactDoc, SubmissionDoc } from '../../store/models';
import type { Repositories } from '../../store/repositories';
import { exportAnswers, outlineFromFlow } from '../exports/export-service';
import { PreviousAnswers } from '../report/previous-answers';
import type { UnitNotifier } from './chat/secretariat-notify';
import { sv } from './chat/secretariat-texts';

export interface SecretariatReportsDeps {
  repos: Repositories;
  flows: FlowCatalog;
  attachments: AttachmentStore;
  notifier: UnitNotifier;
  timeZone: string;
}

export type ReviewOutcome =
  | { type: 'done'; submission: SubmissionDoc; reached: number }
  | { type: 'already'; submission: SubmissionDoc }
  | { type: 'wrong-status'; submission: SubmissionDoc }
  /** The unit submitted again since the secretariat looked: nothing was changed. */
  | { type: 'stale'; submission: SubmissionDoc }
  | { type: 'not-found' };

interface StoredFile {
  name: string;
  storageKey?: string;
}

function storedFiles(value: unknown): StoredFile[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (v): v is StoredFile => typeof v === 'object' && v !== null && typeof (v as StoredFile).name === 'string',
  );
}

/** Reading, returning and accepting submitted reports: what the secretariat does with them. */
export function createSecretariatReports(deps: SecretariatReportsDeps) {
  const { repos } = deps;
  const local = (date: Date) => DateTime.fromJSDate(date, { zone: deps.timeZone });
  const previousAnswers = new PreviousAnswers(repos);

  /**
   * A submitted version in full (the latest unless `version` is given), as messages of at most
   * `maxChars`, followed by its attachments as documents. Null when there is nothing submitted.
   */
  async function view(
    submission: SubmissionDoc,
    maxChars: number,
    version = submission.version,
  ): Promise<{ messages: string[]; files: Outbound[]; older: number[] } | null> {
    if (version < 1 || version > submission.version) return null;
    const [frozen, round, unit] = await Promise.all([
      repos.answers.getVersion(submission._id, version),
      repos.rounds.get(submission.roundId),
      repos.units.get(submission.unitCode),
    ]);
    if (!frozen || !round) return null;
    const flow = deps.flows.require(frozen.flowId);
    const unitName = unit?.name ?? submission.unitCode;
    const answers = new Map(exportAnswers(flow, frozen.answers).map((a) => [a.questionId, a]));
    // Answers identical to the unit's previous report: the secretariat sees what was kept unchanged.
    const previous = await previousAnswers.get(round, submission.unitCode);
    const kept = new Set(
      frozen.answers
        // Answers filled in from the units file were never the unit's choice to keep.
        .filter((a) => !(a.questionId in (unit?.presetAnswers ?? {})))
        .filter((a) => previous?.has(a.questionId) && same(previous.get(a.questionId), a.value))
        .map((a) => a.questionId),
    );
    const lines: string[] = [
      sv.reportHead(
        unitName,
        round.title,
        frozen.version,
        formatDateTimeVi(local(frozen.submittedAt)),
        frozen.receiptNo,
      ),
      sv.reportStatus(STATUS_WORDS[submission.status]),
      ...(kept.size > 0 ? [sv.keptCount(kept.size)] : []),
    ];
    let number = 0;
    for (const section of outlineFromFlow(flow, round.sections).sections) {
      const answered = section.questions.filter((q) => answers.has(q.id));
      if (answered.length === 0 && section.questions.length === 0) {
        lines.push('', `${section.number}. ${section.heading}`);
        continue;
      }
      lines.push('', `${section.number}. ${section.heading}`);
      if (answered.length === 0) lines.push(sv.noAnswerSection);
      for (const question of answered) {
        number++;
        const label = question.shortLabel ?? question.prompt;
        const mark = kept.has(question.id) ? ` ${sv.keptMark}` : '';
        lines.push(`${number}. ${label}: ${answers.get(question.id)!.display}${mark}`);
      }
    }
    const files: Outbound[] = [];
    for (const answer of frozen.answers) {
      for (const file of storedFiles(answer.value)) {
        if (!file.storageKey) continue;
        try {
          const bytes = await deps.attachments.read(file.storageKey);
          files.push({
            text: '',
            document: { fileName: file.name, bytes, caption: sv.attachmentCaption(unitName, file.name) },
          });
        } catch {
          files.push({ text: sv.attachmentMissing(file.name) });
        }
      }
    }
    const older = Array.from({ length: submission.version }, (_, i) => i + 1).filter((v) => v !== version);
    return { messages: splitText(lines.join('\n'), Math.max(200, maxChars)), files, older };
  }

  /** Reopens a submitted report for editing: every answer stays; the next submission is a new version. */
  async function returnReport(
    id: string,
    reason: string,
    actor: ContactDoc,
    at: Date,
    /** The version the secretariat saw; another one is not returned unseen. */
    seenVersion?: number,
  ): Promise<ReviewOutcome> {
    const outcome = await repos.submissions.update(id, (current) =>
      (current.status === 'submitted' || current.status === 'accepted') && isSeen(current, seenVersion)
        ? { status: 'returned', returnedAt: at, returnReason: reason, acceptedAt: null }
        : null,
    );
    if (!outcome) return { type: 'not-found' };
    if (!isSeen(outcome.before, seenVersion)) return { type: 'stale', submission: outcome.after };
    if (outcome.after.status !== 'returned' || outcome.before.status === 'returned')
      return { type: 'wrong-status', submission: outcome.after };
    await repos.audit.record({
      at,
      actor: actor._id,
      channel: actor.platform,
      action: 'submission.returned',
      roundId: outcome.after.roundId,
      unitCode: outcome.after.unitCode,
      details: { reason, version: outcome.after.version, previousStatus: outcome.before.status },
    });
    const round = await repos.rounds.get(outcome.after.roundId);
    const reached = await deps.notifier.notifyUnits(
      [outcome.after.unitCode],
      { text: sv.returnNotice(round?.title ?? outcome.after.roundId, reason) },
      at,
    );
    return { type: 'done', submission: outcome.after, reached };
  }

  /** Marks a submitted report as the final one. */
  async function acceptReport(
    id: string,
    actor: ContactDoc,
    at: Date,
    /** The version the secretariat saw; another one is not accepted unseen. */
    seenVersion?: number,
  ): Promise<ReviewOutcome> {
    const outcome = await repos.submissions.update(id, (current) =>
      current.status === 'submitted' && isSeen(current, seenVersion)
        ? { status: 'accepted', acceptedAt: at }
        : null,
    );
    if (!outcome) return { type: 'not-found' };
    if (!isSeen(outcome.before, seenVersion)) return { type: 'stale', submission: outcome.after };
    if (outcome.before.status === 'accepted') return { type: 'already', submission: outcome.after };
    if (outcome.after.status !== 'accepted') return { type: 'wrong-status', submission: outcome.after };
    await repos.audit.record({
      at,
      actor: actor._id,
      channel: actor.platform,
      action: 'submission.accepted',
      roundId: outcome.after.roundId,
      unitCode: outcome.after.unitCode,
      details: { version: outcome.after.version, receiptNo: outcome.after.receiptNo },
    });
    const round = await repos.rounds.get(outcome.after.roundId);
    const reached = await deps.notifier.notifyUnits(
      [outcome.after.unitCode],
      { text: sv.acceptNotice(round?.title ?? outcome.after.roundId) },
      at,
    );
    return { type: 'done', submission: outcome.after, reached };
  }

  return { view, returnReport, acceptReport };
}

/** True when the action was decided on this very version (or names none, as the dashboard's forms). */
function isSeen(submission: SubmissionDoc, seenVersion: number | undefined): boolean {
  return seenVersion === undefined || submission.version === seenVersion;
}

export type SecretariatReports = ReturnType<typeof createSecretariatReports>;

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
