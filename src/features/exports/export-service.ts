import type { Config } from '../../config/config';
import { DEFAULT_GROUNDS, DEFAULT_RECIPIENTS, DEFAULT_REPORTER } from '../../config/organisation';
import type { ExportHeader, ExportRound, ExportUnitReport, PreviousRoundFigures } from '../../documents';
import { totalsById } from '../../documents/figures';
import { consolidatedFileName, roundXlsxFileName, unitReportFileName } from '../../documents/file-names';
import { isCounted, ZONE } from '../../documents/format';
import { type Flow, type FlowCatalog, UNIT_KIND_LABELS, type UnitKind } from '../../engine';
import type { RoundDoc, SubmissionDoc, UnitDoc } from '../../store/models';
import type { Repositories } from '../../store/repositories';
import { submissionId } from '../../store/repositories';
import { exportAnswers, outlineFromFlow, reportSubject } from './export-model';
import { readImportedRound } from './imported-rounds';

export { exportAnswers, outlineFromFlow, reportSubject } from './export-model';

import { roundTargetsUnit } from '../rounds/rounds-for-unit';
import { buildStatusBoard, rowStatusText } from '../rounds/status-board';
import { unitDocumentHeader } from '../units/unit-document';
import type { UnitDocumentSettings } from '../units/units-file';

/**
 * The document builders bring docx and exceljs, most of a second of start-up: they are loaded at
 * the first export, not when the bot starts. A plain require, not import(): the same in the
 * compiled dist/, under tsx's CommonJS hook (scripts/run.js) and in jest.
 */
let builders: typeof import('../../documents') | undefined;
const documentBuilders = async () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  builders ??= require('../../documents') as typeof import('../../documents');
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
  /** Where imported rounds (last year's figures) are kept; without it only rounds in the store count. */
  dataDir?: string;
  /** Time zone of the status words (as on the board); default Asia/Ho_Chi_Minh. */
  timeZone?: string;
  /** The units file's "document" settings (headers, signers), read at export time. */
  unitDocuments?: () => Promise<Map<string, UnitDocumentSettings>>;
}

/** From the store to the exports model, and the files themselves. */
export function createExportService({
  repos,
  flows,
  organisation,
  dataDir,
  timeZone,
  unitDocuments,
}: ExportServiceDeps) {
  function exportRoundOf(round: RoundDoc): ExportRound {
    return {
      id: round._id,
      title: round.title,
      dueLabel: round.dueLabel,
      dataFrom: round.dataFrom,
      dataTo: round.dataTo,
    };
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
      group: unit.group || undefined,
      status,
      answeredCount: submission?.answeredCount ?? 0,
      totalCount: submission?.totalCount ?? 0,
      answers: [],
    };
    if (!submission || exempt) return report;
    // what the unit is (UBND, not HĐND) comes from the units file and is said by the header already
    const preset = new Set(Object.keys(unit.presetAnswers ?? {}));
    const own = (answers: { questionId: string; value: unknown }[]) =>
      exportAnswers(
        flow,
        answers.filter((a) => !preset.has(a.questionId)),
      );
    if (submission.version > 0 && isCounted(status)) {
      const frozen = await repos.answers.getVersion(submission._id, submission.version);
      if (frozen) {
        report.answers = own(frozen.answers);
        report.submittedAt = frozen.submittedAt;
        report.version = frozen.version;
        report.receiptNo = frozen.receiptNo;
        return report;
      }
    }
    if (status !== 'not_started') {
      report.answers = own(await repos.answers.listBySubmission(submission._id));
    }
    return report;
  }

  /** The round's reports; with `at`, each also carries its status in the board's words at that time. */
  async function roundModel(roundId: string, at?: Date) {
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
    if (at) {
      const board = buildStatusBoard({ round, units, submissions, contactsByUnit: new Map(), now: at });
      const words = new Map(board.rows.map((row) => [row.unitCode, rowStatusText(row, timeZone ?? ZONE)]));
      for (const report of reports) report.statusText = words.get(report.unitCode);
    }
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
      recipients: organisation.recipients ?? DEFAULT_RECIPIENTS,
    };
  }

  /**
   * The same kind of round a year earlier: from the store when the bot ran it (its submitted and
   * accepted reports), else from an imported .xlsx (`import-round`); null for ad-hoc rounds or none.
   */
  async function previousFigures(round: RoundDoc): Promise<PreviousRoundFigures | null> {
    if (round.kind !== 'annual' && round.kind !== 'semiannual') return null;
    const id = `${round.kind}-${round.year - 1}`;
    const label = `năm ${round.year - 1}`;
    const model = (await repos.rounds.get(id)) ? await roundModel(id) : null;
    const counted = model?.reports.filter((r) => isCounted(r.status)) ?? [];
    if (model && counted.length > 0) {
      const questions = model.outline.sections.flatMap((s) => s.questions);
      return { label, totals: totalsById(questions, counted) };
    }
    const imported = dataDir ? await readImportedRound(dataDir, id) : null;
    return imported ? { label, totals: imported.totals } : null;
  }

  /** A unit's own report is headed and signed in the form its kind of body uses (unit-document.ts). */
  async function unitHeader(round: RoundDoc, unit: UnitDoc, date: Date): Promise<ExportHeader> {
    const settings = unitDocuments ? (await unitDocuments()).get(unit._id) : undefined;
    return unitDocumentHeader(
      { code: unit._id, name: unit.name, kind: unit.kind, presetAnswers: unit.presetAnswers },
      organisation,
      settings,
      { place: organisation.place, date, subject: reportSubject(round) },
    );
  }

  /** Consolidated .docx and the .xlsx of a round; null when the round does not exist. */
  async function exportRound(roundId: string, at: Date): Promise<{ files: ExportFile[] } | null> {
    const model = await roundModel(roundId, at);
    if (!model) return null;
    const round = exportRoundOf(model.round);
    const { buildConsolidatedDocx, buildRoundXlsx } = await documentBuilders();
    const consolidated = await buildConsolidatedDocx({
      header: wardHeader(model.round, at),
      outline: model.outline,
      round,
      reports: model.reports,
      reporter: organisation.reporter ?? DEFAULT_REPORTER,
      grounds: organisation.grounds ?? DEFAULT_GROUNDS,
      previous: await previousFigures(model.round),
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
      header: await unitHeader(round, unit, at),
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
    const units = new Map((await repos.units.list()).map((u) => [u._id, u]));
    const { buildUnitReportDocx } = await documentBuilders();
    for (const report of model.reports) {
      const unit = units.get(report.unitCode);
      if (!isCounted(report.status) || !unit) continue;
      const bytes = await buildUnitReportDocx({
        header: await unitHeader(model.round, unit, at),
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
