import { appendixBlocks } from './appendix';
import { blocksOfSectionIII, type DraftContext, wardSectionParagraphs } from './consolidated-prose';
import { type DocBlock, emptySectionNote, groupSections, sectionHeading, topHeading } from './docx-body';
import { closingBlock, headerBlock, packDocument, spacer, titleBlock } from './docx-header';
import { bodyParagraph, run } from './docx-styles';
import { isCounted } from './format';
import { LABELS } from './labels';
import { periodText } from './prose';
import type { ConsolidatedDocxInput, ExportSection, ExportUnitReport } from './types';

/**
 * The round's consolidated report as one report of the ward Party Committee (a draft the Standing
 * Committee signs after light edits): the grounds and the period with its data window; under each
 * heading of the outline, the figures in sentences (ward totals, the split by block of units, the
 * comparison with the same period a year earlier) and what the units wrote, attributed to them;
 * section III block by block; "Nơi nhận" and the signer; then one appendix table of every unit's
 * figures and attachments. Only submitted and accepted reports are used. Who has not submitted is
 * progress tracking: it is on the board and in the .xlsx, not in this document.
 */
export async function buildConsolidatedDocx(input: ConsolidatedDocxInput): Promise<Buffer> {
  const { header, outline, round, reports } = input;
  const counted = reports.filter((r) => isCounted(r.status));
  const ctx: DraftContext = { previous: input.previous ?? null, all: counted };
  const para = (text: string): DocBlock => bodyParagraph([run(text)]);
  const reporter = input.reporter ?? LABELS.defaultReporter;

  const body: DocBlock[] = [
    headerBlock(header),
    ...titleBlock(header),
    para(
      LABELS.consolidatedOpening(
        input.grounds ?? [],
        reporter,
        header.subject,
        periodText(round.dataFrom, round.dataTo),
      ),
    ),
  ];

  const sectionContent = (section: ExportSection): DocBlock[] =>
    section.number === 'III'
      ? sectionIII(section, counted, ctx)
      : wardSectionParagraphs(section, counted, ctx).map(para);

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

  body.push(spacer(), closingBlock(header));
  if (counted.length > 0) {
    body.push(
      ...appendixBlocks(outline, counted, LABELS.appendix.attachedTo(header.documentNumber, reporter)),
    );
  }
  return packDocument(`${round.title} – tổng hợp`, body, header.subject);
}

/** Section III: one numbered block per kind of unit (chính quyền, cơ quan tham mưu, Mặt trận…). */
function sectionIII(section: ExportSection, reports: ExportUnitReport[], ctx: DraftContext): DocBlock[] {
  const blocks = blocksOfSectionIII(section, reports, ctx);
  if (blocks.length === 0) return [];
  const out: DocBlock[] = [];
  blocks.forEach((b, i) => {
    out.push(sectionHeading(`III.${i + 1}`, b.group));
    for (const p of b.paragraphs) out.push(bodyParagraph([run(p)]));
  });
  return out;
}
