import { hasAnswer } from './conditions';
import type { Flow } from './flow-schema';
import { formatAnswer, shortLabel } from './format';
import { flowNumbering } from './numbering';
import { applicableEntries } from './progress';
import { T, textsFor } from './texts';
import { tokens } from './tokens';
import type { EngineContext, Reply, ReplyButton } from './types';

interface Block {
  section: string;
  lines: string[];
}

/**
 * Everything answered, section by section, split into messages of at most
 * `maxChars` (Telegram 4096, Zalo 2000). Each section starts with its number and
 * heading; the message where a section starts carries a button to edit it.
 */
export function renderReview(flow: Flow, ctx: EngineContext, maxChars: number): Reply[] {
  const limit = Math.max(200, Math.floor(Number.isFinite(maxChars) ? maxChars : 2000));
  const entries = applicableEntries(flow, ctx);
  if (entries.length === 0) return [{ text: T.reviewEmpty }];

  const blocks: Block[] = [];
  const numbering = flowNumbering(flow, ctx);
  entries.forEach((e) => {
    let block = blocks[blocks.length - 1];
    if (!block || block.section !== e.section.number) {
      // "II. CÔNG TÁC LÃNH ĐẠO…" above the first of its subsections, as when the questions are asked.
      const parentNumber = e.section.number.split('.')[0]!;
      const previousParent = block?.section.split('.')[0];
      const parent =
        e.section.parentHeading && parentNumber !== e.section.number && parentNumber !== previousParent
          ? [T.sectionTitle(parentNumber, e.section.parentHeading)]
          : [];
      block = {
        section: e.section.number,
        lines: [[...parent, T.sectionTitle(e.section.number, e.section.heading)].join('\n')],
      };
      blocks.push(block);
    }
    const q = e.question;
    const v = ctx.answers.get(q.id);
    const shown = hasAnswer(v) ? formatAnswer(q, v!) : q.required ? T.reviewNoneRequired : T.reviewNone;
    const label = numbering.labelOf(q.id);
    // A pre-filled answer has no number (nobody was asked it) and says where it came from.
    block.lines.push(
      label === undefined
        ? T.reviewPreset(shortLabel(q), shown)
        : T.reviewQuestion(label, shortLabel(q), shown),
    );
  });

  const chunks: { text: string; sections: string[] }[] = [];
  let cur = { text: T.reviewHead(flow.title), sections: [] as string[] };
  const push = (piece: string, startsSection?: string) => {
    const sep = cur.text === '' ? '' : startsSection ? '\n\n' : '\n';
    if (cur.text !== '' && cur.text.length + sep.length + piece.length > limit) {
      chunks.push(cur);
      cur = { text: '', sections: [] };
      return push(piece, startsSection);
    }
    cur.text += (cur.text === '' ? '' : sep) + piece;
    if (startsSection) cur.sections.push(startsSection);
  };
  for (const block of blocks) {
    block.lines.forEach((line, li) => {
      const start = li === 0 ? block.section : undefined;
      // A long text answer may exceed one message by itself: cut it into message-sized slices.
      splitLine(line, limit).forEach((piece, i) => {
        push(piece, i === 0 ? start : undefined);
      });
    });
  }
  const editHint = textsFor(ctx).reviewEditHint;
  cur.text += `\n\n${editHint}`;
  if (cur.text.length > limit) {
    const hintText = cur.text.slice(cur.text.length - editHint.length);
    cur.text = cur.text.slice(0, cur.text.length - editHint.length - 2);
    chunks.push(cur);
    cur = { text: hintText, sections: [] };
  }
  chunks.push(cur);

  return chunks.map((c) => {
    const buttons: ReplyButton[][] = [];
    const sections = [...new Set(c.sections)];
    for (let i = 0; i < sections.length; i += 3) {
      buttons.push(
        sections.slice(i, i + 3).map((s) => ({ label: T.buttonEditSection(s), token: tokens.jump(s) })),
      );
    }
    return buttons.length > 0 ? { text: c.text, buttons } : { text: c.text };
  });
}

/** Cuts a line into pieces of at most `limit` characters, preferring to cut at a space. */
function splitLine(line: string, limit: number): string[] {
  const pieces: string[] = [];
  let rest = line;
  while (rest.length > limit) {
    const space = rest.lastIndexOf(' ', limit);
    const cut = space > limit / 2 ? space : limit;
    pieces.push(rest.slice(0, cut));
    rest = rest.slice(cut).replace(/^ /, '');
  }
  pieces.push(rest);
  return pieces;
}
