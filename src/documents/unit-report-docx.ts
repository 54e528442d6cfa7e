import {
  answerBlocks,
  type DocBlock,
  emptySectionNote,
  groupSections,
  renderBlocks,
  sectionHeading,
  topHeading,
} from './docx-body';
import { closingBlock, headerBlock, packDocument, spacer, titleBlock } from './docx-header';
import { bodyParagraph, run, SIZE } from './docx-styles';
import { answerMap, appliesTo, formatDateTime, isCounted } from './format';
import { LABELS } from './labels';
import { periodText } from './prose';
import type { ExportSection, UnitReportDocxInput } from './types';

/**
 * One unit's report as an official .docx: header block with the unit's names, "BÁO CÁO" and subject,
 * the outline's sections in order with what the unit answered, then "Nơi nhận" and the signer.
 * A report that is not submitted yet is marked as a draft under the title.
 */
export async function buildUnitReportDocx(input: UnitReportDocxInput): Promise<Buffer> {
  const { header, outline, round, report } = input;
  const answers = answerMap(report);
  const body: DocBlock[] = [
    headerBlock(header),
    ...titleBlock(header, isCounted(report.status) ? [] : [LABELS.draftMarker]),
    bodyParagraph([
      run(
        LABELS.unitOpening(
          round.title,
          round.dueLabel,
          report.unitName,
          header.subject,
          periodText(round.dataFrom, round.dataTo),
        ),
      ),
    ]),
  ];

  const applies = (s: ExportSection): boolean =>
    s.questions.some((q) => appliesTo(q, report.unitKind) || answers.has(q.id));

  for (const group of groupSections(outline)) {
    body.push(topHeading(group));
    let any = false;
    if (group.own) {
      const own = renderBlocks(answerBlocks(group.own, answers, report.unitKind, { numbers: true }));
      if (own.length > 0) any = true;
      body.push(...own);
    }
    for (const sub of group.subs) {
      if (!applies(sub)) continue;
      const content = renderBlocks(answerBlocks(sub, answers, report.unitKind, { numbers: true }));
      if (content.length === 0) continue;
      any = true;
      body.push(sectionHeading(sub.number, sub.heading), ...content);
    }
    if (!any) body.push(emptySectionNote(LABELS.noContentUnit));
  }

  if (isCounted(report.status) && report.submittedAt) {
    body.push(
      bodyParagraph([
        run(LABELS.submissionNote(formatDateTime(report.submittedAt), report.version, report.receiptNo), {
          italics: true,
          size: SIZE.small,
        }),
      ]),
    );
  }
  body.push(spacer(), closingBlock(header));
  return packDocument(`${round.title} – ${report.unitName}`, body, header.subject);
}
