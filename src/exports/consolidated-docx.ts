import {
  answerBlocks,
  type DocBlock,
  emptySectionNote,
  groupSections,
  renderBlocks,
  sectionHeading,
  topHeading,
  totalsTable,
} from './docx-body';
import { closingBlock, headerBlock, packDocument, spacer, titleBlock } from './docx-header';
import { bodyParagraph, run } from './docx-styles';
import { answerMap, formatDate, isCounted, statusLabel } from './format';
import { LABELS } from './labels';
import { numericTotals } from './numeric-totals';
import type { ConsolidatedDocxInput, ExportSection, ExportUnitReport, NumericTotal } from './types';

/**
 * The round's consolidated report as an official .docx (a draft for the secretariat): an opening sentence
 * with the counts; for every section, what each reporting unit wrote under its name, then one table per
 * numeric question (unit rows and a bold "Tổng cộng"); then the units that have not reported and the
 * exempt units; then "Nơi nhận" and the signer. Only submitted/accepted reports are used as content.
 */
export async function buildConsolidatedDocx(input: ConsolidatedDocxInput): Promise<Buffer> {
  const { header, outline, round, reports } = input;
  const counted = reports.filter((r) => isCounted(r.status));
  const exempt = reports.filter((r) => r.status === 'exempt');
  const missing = reports.filter((r) => !isCounted(r.status) && r.status !== 'exempt');
  const withAnswers = counted.map((r) => ({ report: r, answers: answerMap(r) }));
  const totalsBySection = new Map<ExportSection, NumericTotal[]>();
  for (const t of numericTotals(outline, reports)) {
    const list = totalsBySection.get(t.section) ?? [];
    list.push(t);
    totalsBySection.set(t.section, list);
  }

  const sectionContent = (section: ExportSection): DocBlock[] => {
    const out: DocBlock[] = [];
    for (const { report, answers } of withAnswers) {
      const blocks = answerBlocks(section, answers, report.unitKind, { numbers: false });
      if (blocks.length > 0) out.push(...renderBlocks(blocks, report.unitName));
    }
    for (const t of totalsBySection.get(section) ?? []) {
      if (t.rows.length > 0) out.push(...totalsTable(t.question, t.rows, t.total));
    }
    return out;
  };

  const body: DocBlock[] = [
    headerBlock(header),
    ...titleBlock(header),
    bodyParagraph([
      run(
        LABELS.consolidatedOpening(
          formatDate(header.date),
          counted.length,
          reports.length - exempt.length,
          round.title,
          exempt.length,
        ),
      ),
    ]),
  ];

  for (const group of groupSections(outline)) {
    body.push(topHeading(group));
    let any = false;
    if (group.own) {
      const own = sectionContent(group.own);
      if (own.length > 0) any = true;
      body.push(...own);
    }
    for (const sub of group.subs) {
      const content = sectionContent(sub);
      if (content.length === 0) continue;
      any = true;
      body.push(sectionHeading(sub.number, sub.heading), ...content);
    }
    if (!any) body.push(emptySectionNote(LABELS.noContentConsolidated));
  }

  body.push(...statusPart(missing, exempt), spacer(), closingBlock(header));
  return packDocument(`${round.title} – tổng hợp`, body, header.subject);
}

function notSubmittedText(r: ExportUnitReport): string {
  if (r.status === 'in_progress') {
    return `${LABELS.notSubmittedStatus.in_progress} ${r.answeredCount}/${r.totalCount}`;
  }
  if (r.status === 'not_started' || r.status === 'returned') return LABELS.notSubmittedStatus[r.status];
  return statusLabel(r).toLocaleLowerCase('vi');
}

function statusPart(missing: ExportUnitReport[], exempt: ExportUnitReport[]): DocBlock[] {
  const heading = (text: string): DocBlock => bodyParagraph([run(text, { bold: true })], { keepNext: true });
  const out: DocBlock[] = [heading(`${LABELS.notSubmittedHeading} (${missing.length})`)];
  if (missing.length === 0) out.push(bodyParagraph([run(LABELS.allSubmitted, { italics: true })]));
  // the last lines keep with the closing block, so the signer is never alone on a page
  missing.forEach((r, i) => {
    const last = i === missing.length - 1;
    out.push(
      bodyParagraph(
        [run(`- ${r.unitName}: `), run(notSubmittedText(r), { italics: true }), run(last ? '.' : ';')],
        {
          keepNext: last && exempt.length === 0,
        },
      ),
    );
  });
  if (exempt.length > 0) {
    out.push(heading(`${LABELS.exemptHeading} (${exempt.length})`));
    exempt.forEach((r, i) => {
      const last = i === exempt.length - 1;
      out.push(bodyParagraph([run(`- ${r.unitName}${last ? '.' : ';'}`)], { keepNext: last }));
    });
  }
  return out;
}
