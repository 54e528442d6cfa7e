/**
 * Exports of a round with 200 units read from the real (embedded) store: the consolidated .docx and
 * the .xlsx as /xuat and `cli export` make them, then every unit's .docx. 180 units have submitted a
 * full report of the main flow (every question that applies to their kind), 20 are still writing.
 * Run: npx tsx bench/exports-store.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pino from 'pino';
import { applicableQuestions, loadFlows, type Question, UNIT_KINDS } from '../src/engine';
import { createExportService } from '../src/features/exports/export-service';
import { openStore } from '../src/store/connect';

export interface ExportStoreBenchResult {
  units: number;
  submitted: number;
  round: { ms: number; docxBytes: number; xlsxBytes: number };
  unitReports: { ms: number; count: number; bytes: number };
}

const ROOT = path.join(__dirname, '..');
const ROUND = 'annual-2026';

function valueFor(question: Question, n: number): unknown {
  switch (question.type) {
    case 'text':
      return (
        `Đơn vị ${n} đã quán triệt, triển khai đầy đủ các văn bản về thực hiện dân chủ ở cơ sở; ` +
        'tổ chức hội nghị, đối thoại đúng quy định, công khai kịp thời các nội dung theo Luật. '
      ).repeat(3);
    case 'number':
      return (n * 7 + question.id.length) % 60;
    case 'yesno':
      return n % 3 !== 0;
    case 'choice':
      return question.options?.[0]?.id ?? 'khac';
    case 'multi':
      return (question.options ?? []).slice(0, 2).map((o) => o.id);
    case 'date':
      return '2026-10-15';
    case 'attachment':
      return [
        {
          platform: 'telegram',
          fileId: `f${n}`,
          name: `bien-ban-${n}.pdf`,
          size: 120_000,
          mimeType: 'application/pdf',
        },
      ];
  }
}

export async function run(units = 200): Promise<ExportStoreBenchResult> {
  const logger = pino({ level: 'warn' });
  const dataDir = mkdtempSync(path.join(tmpdir(), 'bench-exports-store-'));
  const store = await openStore({ dbName: 'bench-exports-store', dataDir, logger });
  try {
    const flows = await loadFlows(path.join(ROOT, 'flows'));
    const flow = flows.require('bao-cao-dan-chu-co-so');
    const { models } = store;
    const at = new Date('2026-12-05T02:00:00Z');

    // Seeding is not measured: bulk inserts straight into the collections.
    const codes = Array.from({ length: units }, (_, i) => `dv-${String(i + 1).padStart(3, '0')}`);
    const kinds = codes.map((_, i) => UNIT_KINDS[i % UNIT_KINDS.length]!);
    await models.Unit.insertMany(
      codes.map((code, i) => ({
        _id: code,
        name: `Chi bộ khu phố ${i + 1}`,
        kind: kinds[i],
        group: '',
        active: true,
        order: i,
      })),
    );
    await models.Round.create({
      _id: ROUND,
      kind: 'annual',
      year: 2026,
      title: 'Báo cáo năm 2026',
      flowId: flow.id,
      sections: [],
      opensAt: new Date('2026-11-14T17:00:00Z'),
      dueAt: new Date('2026-12-09T16:59:59.999Z'),
      dueLabel: 'trước ngày 10/12/2026',
      targetKinds: [...UNIT_KINDS],
    });
    const submitted = Math.round(units * 0.9);
    const submissions = [];
    const versions = [];
    for (let i = 0; i < units; i++) {
      const questions = applicableQuestions(flow, { unitKind: kinds[i]!, answers: new Map() });
      const answers = questions.map((q) => ({
        questionId: q.id,
        value: valueFor(q, i + 1),
        by: 'bench',
        at,
      }));
      const done = i < submitted;
      const id = `${ROUND}:${codes[i]}`;
      submissions.push({
        _id: id,
        roundId: ROUND,
        unitCode: codes[i],
        status: done ? 'submitted' : 'in_progress',
        flowId: flow.id,
        flowVersion: flow.version,
        brief: {},
        answeredCount: done ? questions.length : 3,
        totalCount: questions.length,
        version: done ? 1 : 0,
        receiptNo: done ? `${id}-1`.toUpperCase() : null,
        submittedAt: done ? at : null,
      });
      if (done)
        versions.push({
          _id: `${id}:v1`,
          submissionId: id,
          roundId: ROUND,
          unitCode: codes[i],
          version: 1,
          flowId: flow.id,
          flowVersion: flow.version,
          answers,
          receiptNo: `${id}-1`.toUpperCase(),
          submittedBy: 'bench',
          channel: 'telegram',
          submittedAt: at,
        });
    }
    await models.Submission.insertMany(submissions);
    await models.SubmissionVersion.insertMany(versions);

    const exports = createExportService({
      repos: store.repos,
      flows,
      organisation: {
        place: 'Hồng An',
        superiorBody: 'ĐẢNG BỘ THÀNH PHỐ MẪU',
        issuingBody: 'ĐẢNG ỦY PHƯỜNG HỒNG AN',
        unitSuperiorBody: 'ĐẢNG BỘ PHƯỜNG HỒNG AN',
        signerOnBehalf: 'T/M BAN THƯỜNG VỤ',
        signerTitle: 'PHÓ BÍ THƯ',
        signerName: '',
      },
    });
    const t0 = performance.now();
    const round = await exports.exportRound(ROUND, at);
    const t1 = performance.now();
    const perUnit = await exports.exportSubmittedUnitReports(ROUND, at);
    const t2 = performance.now();
    const result: ExportStoreBenchResult = {
      units,
      submitted,
      round: {
        ms: Math.round(t1 - t0),
        docxBytes: round!.files[0]!.bytes.length,
        xlsxBytes: round!.files[1]!.bytes.length,
      },
      unitReports: {
        ms: Math.round(t2 - t1),
        count: perUnit.length,
        bytes: perUnit.reduce((sum, f) => sum + f.bytes.length, 0),
      },
    };
    const kb = (b: number) => `${(b / 1024).toFixed(1)} KiB`;
    console.log(`exports from the store: ${units} units, ${submitted} submitted reports of the main flow`);
    console.log(
      `  /xuat (read store + consolidated .docx + .xlsx)  ${result.round.ms} ms  docx ${kb(result.round.docxBytes)}, xlsx ${kb(result.round.xlsxBytes)}`,
    );
    console.log(
      `  ${result.unitReports.count} unit .docx (read store + build)        ${result.unitReports.ms} ms  ${kb(result.unitReports.bytes)} in all`,
    );
    return result;
  } finally {
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  run().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
