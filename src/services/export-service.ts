import type { Config } from '../config';
import {
  type AnswerValue,
  type Flow,
  type FlowCatalog,
  formatAnswer,
  type Question,
  UNIT_KIND_LABELS,
  type UnitKind,
} from '../engine';
import type {
  ExportAnswer,
  ExportHeader,
  ExportOutline,
  ExportQuestion,
  ExportRawValue,
  ExportRound,
  ExportSection,
  ExportUnitReport,
} from '../exports';
import { consolidatedFileName, roundXlsxFileName, unitReportFileName } from '../exports/file-names';
import { isCounted } from '../exports/format';
import type { RoundDoc, SubmissionDoc, UnitDoc } from '../store/models';
import type { Repositories } from '../store/repositories';
import { submissionId } from '../store/repositories';
import { roundTargetsUnit } from './rounds-for-unit';

/**
 * The document builders bring docx and exceljs, most of a second of start-up: they are loaded at
 * the first export, not when the bot starts. A plain require, not import(): the same in the
 * compiled dist/, under tsx's CommonJS hook (scripts/run.js) and in jest.
 */
let builders: typeof import('../exports') | undefined;
const documentBuilders = async () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  builders ??= require('../exports') as typeof import('../exports');
  return builders;
};

export interface ExportFile {
  fileName: string;
  bytes: Buffer;
}

export interface ExportServiceDeps {
  repos: Repositories;
  flows: FlowCatalog;
  organisation: Config['organisation'];
}

/** Same rule as the engine: 'IV' selects IV.1–IV.3; no selection = every section. */
function sectionSelected(number: string, selected: readonly string[]): boolean {
  return selected.length === 0 || selected.some((s) => s === number || number.startsWith(`${s}.`));
}

function unitKindsOf(section: Flow['sections'][number], question: Question): string[] | undefined {
  const bySection = section.appliesTo;
  const byQuestion = question.when?.unitKinds;
  if (bySection && byQuestion) return bySection.filter((kind) => byQuestion.includes(kind));
  return bySection ?? byQuestion;
}

/**
 * The exports' outline from a flow. Section III repeats once per unit kind in the flow; the
 * official report has one section III, so the blocks are merged, each question keeping the unit
 * kinds it is asked of. A sub-section's parent heading (II, IV) becomes an empty parent section.
 */
export function outlineFromFlow(flow: Flow, sections: readonly string[] = []): ExportOutline {
  const out: ExportSection[] = [];
  const byNumber = new Map<string, ExportSection>();
  for (const section of flow.sections) {
    if (!sectionSelected(section.number, sections)) continue;
    const [top] = section.number.split('.');
    if (top && top !== section.number && section.parentHeading && !byNumber.has(top)) {
      const parent: ExportSection = { number: top, heading: section.parentHeading, questions: [] };
      byNumber.set(top, parent);
      out.push(parent);
    }
    let target = byNumber.get(section.number);
    if (!target) {
      target = { number: section.number, heading: section.heading, questions: [] };
      byNumber.set(section.number, target);
      out.push(target);
    }
    for (const question of section.questions) {
      const exported: ExportQuestion = { id: question.id, prompt: question.prompt, type: question.type };
      if (question.unit) exported.unit = question.unit;
      if (question.short) exported.shortLabel = question.short;
      const kinds = unitKindsOf(section, question);
      if (kinds) exported.unitKinds = kinds;
      target.questions.push(exported);
    }
  }
  return { flowId: flow.id, title: flow.title, sections: out };
}

/** Attachments keep only what the documents print (names and sizes). */
function rawOf(value: unknown): ExportRawValue {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) {
    if (value.every((v) => typeof v === 'string')) return value as string[];
    return value
      .filter((v): v is { name: string; size?: number } => typeof v === 'object' && v !== null && 'name' in v)
      .map((v) => ({ name: String(v.name), size: Number(v.size ?? 0) }));
  }
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return String(value);
}

export function exportAnswers(flow: Flow, answers: { questionId: string; value: unknown }[]): ExportAnswer[] {
  const questions = new Map(flow.sections.flatMap((s) => s.questions).map((q) => [q.id, q]));
  const out: ExportAnswer[] = [];
  for (const answer of answers) {
    if (answer.value === null || answer.value === undefined) continue;
    const question = questions.get(answer.questionId);
    const display = question
      ? formatAnswer(question, answer.value as AnswerValue)
      : String(answer.value as string);
    out.push({ questionId: answer.questionId, display, raw: rawOf(answer.value) });
  }
  return out;
}

/** "năm 2026" / "6 tháng đầu năm 2026" / the request's own title for ad-hoc rounds. */
export function reportSubject(round: RoundDoc): string {
  if (round.kind === 'annual') return `kết quả thực hiện dân chủ ở cơ sở năm ${round.year}`;
  if (round.kind === 'semiannual') return `kết quả thực hiện dân chủ ở cơ sở 6 tháng đầu năm ${round.year}`;
  const title = round.request?.title ?? round.title;
  return title.charAt(0).toLocaleLowerCase('vi') + title.slice(1);
}

/** From the store to the exports model, and the files themselves. */
export function createExportService({ repos, flows, organisation }: ExportServiceDeps) {
  function exportRoundOf(round: RoundDoc): ExportRound {
    return { id: round._id, title: round.title, dueLabel: round.dueLabel };
  }

  function flowOf(round: RoundDoc): Flow {
    return flows.require(round.flowId);
  }

  /** What the unit last submitted (the frozen version), else what it has written so far. */
  async function unitReport(
    round: RoundDoc,
    unit: UnitDoc,
    submission: SubmissionDoc | null,
    flow: Flow,
  ): Promise<ExportUnitReport> {
    const exempt = round.exemptUnitCodes.includes(unit._id);
    const status: ExportUnitReport['status'] = exempt ? 'exempt' : (submission?.status ?? 'not_started');
    const report: ExportUnitReport = {
      unitCode: unit._id,
      unitName: unit.name,
      unitKind: unit.kind,
      unitKindLabel: UNIT_KIND_LABELS[unit.kind as UnitKind] ?? unit.kind,
      status,
      answeredCount: submission?.answeredCount ?? 0,
      totalCount: submission?.totalCount ?? 0,
      answers: [],
    };
    if (!submission || exempt) return report;
    if (submission.version > 0 && isCounted(status)) {
      const frozen = await repos.answers.getVersion(submission._id, submission.version);
      if (frozen) {
        report.answers = exportAnswers(flow, frozen.answers);
        report.submittedAt = frozen.submittedAt;
        report.version = frozen.version;
        report.receiptNo = frozen.receiptNo;
        return report;
      }
    }
    if (status !== 'not_started') {
      report.answers = exportAnswers(flow, await repos.answers.listBySubmission(submission._id));
    }
    return report;
  }

  async function roundModel(roundId: string) {
    const round = await repos.rounds.get(roundId);
    if (!round) return null;
    const flow = flowOf(round);
    const [units, submissions] = await Promise.all([
      repos.units.list(),
      repos.submissions.listByRound(roundId),
    ]);
    const byUnit = new Map(submissions.map((s) => [s.unitCode, s]));
    const targets = units.filter((unit) => roundTargetsUnit({ ...round, exemptUnitCodes: [] }, unit));
    const reports = await Promise.all(
      targets.map((unit) => unitReport(round, unit, byUnit.get(unit._id) ?? null, flow)),
    );
    return { round, flow, outline: outlineFromFlow(flow, round.sections), reports };
  }

  function wardHeader(round: RoundDoc, date: Date): ExportHeader {
    return {
      superiorBody: organisation.superiorBody,
      issuingBody: organisation.issuingBody,
      documentNumber: 'Số       -BC/ĐU',
      place: organisation.place,
      date,
      subject: reportSubject(round),
      signerOnBehalf: organisation.signerOnBehalf,
      signerTitle: organisation.signerTitle,
      signerName: organisation.signerName,
      recipients: ['Ban Thường vụ Đảng ủy (để báo cáo),', 'Lưu Văn phòng Đảng ủy.'],
    };
  }

  /** A unit under the ward's Party organisation: "ĐẢNG BỘ PHƯỜNG …" above the unit's own name (HD 36). */
  function unitHeader(round: RoundDoc, unitName: string, date: Date): ExportHeader {
    return {
      superiorBody: organisation.unitSuperiorBody,
      issuingBody: unitName.toLocaleUpperCase('vi'),
      documentNumber: 'Số       -BC',
      place: organisation.place,
      date,
      subject: reportSubject(round),
      recipients: ['Ban Thường vụ Đảng ủy (qua Ban Xây dựng Đảng),', 'Lưu.'],
    };
  }

  /** Consolidated .docx and the .xlsx of a round; null when the round does not exist. */
  async function exportRound(roundId: string, at: Date): Promise<{ files: ExportFile[] } | null> {
    const model = await roundModel(roundId);
    if (!model) return null;
    const round = exportRoundOf(model.round);
    const { buildConsolidatedDocx, buildRoundXlsx } = await documentBuilders();
    const consolidated = await buildConsolidatedDocx({
      header: wardHeader(model.round, at),
      outline: model.outline,
      round,
      reports: model.reports,
    });
    const xlsx = await buildRoundXlsx({ outline: model.outline, round, reports: model.reports });
    return {
      files: [
        { fileName: consolidatedFileName(round), bytes: consolidated },
        { fileName: roundXlsxFileName(round), bytes: xlsx },
      ],
    };
  }

  /** One unit's report as .docx (a draft if not submitted); null when the round or unit is unknown. */
  async function exportUnitReport(roundId: string, unitCode: string, at: Date): Promise<ExportFile | null> {
    const [round, unit] = await Promise.all([repos.rounds.get(roundId), repos.units.get(unitCode)]);
    if (!round || !unit) return null;
    const flow = flowOf(round);
    const submission = await repos.submissions.get(submissionId(roundId, unitCode));
    const report = await unitReport(round, unit, submission, flow);
    const exportRound = exportRoundOf(round);
    const { buildUnitReportDocx } = await documentBuilders();
    const bytes = await buildUnitReportDocx({
      header: unitHeader(round, unit.name, at),
      outline: outlineFromFlow(flow, round.sections),
      round: exportRound,
      report,
    });
    return { fileName: unitReportFileName(exportRound, report), bytes };
  }

  /** The .docx of every report submitted (or accepted) in a round. */
  async function exportSubmittedUnitReports(roundId: string, at: Date): Promise<ExportFile[]> {
    const model = await roundModel(roundId);
    if (!model) return [];
    const round = exportRoundOf(model.round);
    const files: ExportFile[] = [];
    const { buildUnitReportDocx } = await documentBuilders();
    for (const report of model.reports) {
      if (!isCounted(report.status)) continue;
      const bytes = await buildUnitReportDocx({
        header: unitHeader(model.round, report.unitName, at),
        outline: model.outline,
        round,
        report,
      });
      files.push({ fileName: unitReportFileName(round, report), bytes });
    }
    return files;
  }

  return { exportRound, exportUnitReport, exportSubmittedUnitReports, roundModel };
}

export type ExportService = ReturnType<typeof createExportService>;
