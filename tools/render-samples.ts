/**
 * Writes the README's sample documents from the example ward (three units' answers, see
 * test/exports/example-ward.ts): the consolidated report and the People's Committee's own report,
 * as .docx, and — when LibreOffice and pdftoppm are installed — an image of each first page.
 *
 *   node --import tsx tools/render-samples.ts [docs/samples]
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_GROUNDS, DEFAULT_RECIPIENTS } from '../src/config/organisation';
import { buildConsolidatedDocx, buildUnitReportDocx } from '../src/documents';
import { unitDocumentHeader } from '../src/features/units/unit-document';
import { exampleRound, exampleWard } from '../test/exports/example-ward';

const ORG = {
  place: 'Hồng An',
  superiorBody: 'ĐẢNG BỘ THÀNH PHỐ',
  issuingBody: 'ĐẢNG ỦY PHƯỜNG HỒNG AN',
  unitSuperiorBody: 'ĐẢNG BỘ PHƯỜNG HỒNG AN',
  signerOnBehalf: 'T/M BAN THƯỜNG VỤ',
  signerTitle: 'PHÓ BÍ THƯ',
  signerName: 'Lưu Văn Mịch',
};

async function main(outDir: string): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  const { outline, reports } = await exampleWard();
  const date = new Date('2026-12-05T02:00:00Z');
  const subject = 'kết quả thực hiện dân chủ ở cơ sở năm 2026';
  const consolidated = await buildConsolidatedDocx({
    header: {
      superiorBody: ORG.superiorBody,
      issuingBody: ORG.issuingBody,
      documentNumber: 'Số       -BC/ĐU',
      place: ORG.place,
      date,
      subject,
      signerOnBehalf: ORG.signerOnBehalf,
      signerTitle: ORG.signerTitle,
      signerName: ORG.signerName,
      recipients: DEFAULT_RECIPIENTS,
    },
    outline,
    round: exampleRound,
    reports,
    grounds: DEFAULT_GROUNDS,
    // as if last year's figures had been imported with `npm run cli -- import-round`
    previous: { label: 'năm 2025', totals: { ii1_so_van_ban: 7, cq_hoi_nghi_cong_dong: 20, mt_giam_sat: 5 } },
  });
  const ubnd = reports[0]!;
  const unit = await buildUnitReportDocx({
    header: unitDocumentHeader(
      { code: 'ubnd', name: ubnd.unitName, kind: 'chinh-quyen', presetAnswers: { cq_don_vi: 'ubnd' } },
      ORG,
      undefined,
      { place: ORG.place, date, subject },
    ),
    outline,
    round: exampleRound,
    report: { ...ubnd, answers: ubnd.answers.filter((a) => a.questionId !== 'cq_don_vi') },
  });
  const files = { 'bao-cao-tong-hop': consolidated, 'bao-cao-ubnd': unit };
  for (const [name, bytes] of Object.entries(files)) {
    const docx = path.join(outDir, `${name}.docx`);
    writeFileSync(docx, bytes);
    try {
      execFileSync('soffice', ['--headless', '--convert-to', 'pdf', '--outdir', outDir, docx], {
        stdio: 'ignore',
      });
      const pdf = path.join(outDir, `${name}.pdf`);
      execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', pdf, path.join(outDir, name)]);
      rmSync(pdf);
    } catch {
      process.stdout.write(`(no image for ${name}: LibreOffice or pdftoppm missing)\n`);
    }
    process.stdout.write(`${docx}\n`);
  }
}

main(process.argv[2] ?? 'docs/samples').catch((error) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exit(1);
});
