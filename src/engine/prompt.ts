import { type Entry, hasAnswer } from './conditions';
import { DEFAULT_MAX_FILES, DEFAULT_MAX_SIZE_MB } from './flow-schema';
import { formatAnswer } from './format';
import { clip } from './normalize';
import { T, textsFor } from './texts';
import { tokens } from './tokens';
import type { AnswerLookup, AnswerValue, EngineContext, Reply, ReplyButton } from './types';

export interface AskOptions {
  /** Lines before the question (acknowledgement, error, notice). */
  lead?: string[];
  /** Show the section heading and intro (entering a section, start, jump). */
  withSection?: boolean;
  /** Show the request title/instructions (start of a round). */
  withRequest?: boolean;
  /** The question's number ("7", "7a") and the count of numbered questions (see numbering.ts). */
  position: { n: string | undefined; total: number };
  /** There is an earlier applicable question (offer "Quay lại"). */
  canGoBack: boolean;
  /** Long text pieces already received for this question in this visit. */
  collecting?: boolean;
}

/** The message asking one question; readable without buttons (choices numbered in the text). */
export function renderQuestion(
  entry: Entry,
  ctx: EngineContext,
  answers: AnswerLookup,
  opts: AskOptions,
): Reply {
  const { question: q, section } = entry;
  const blocks: string[] = [];
  if (opts.lead && opts.lead.length > 0) blocks.push(opts.lead.join('\n'));
  if (opts.withRequest && ctx.request) {
    const req = [T.requestTitle(ctx.request.title)];
    if (ctx.request.instructions) req.push(ctx.request.instructions);
    blocks.push(req.join('\n'));
  }
  if (opts.withSection) {
    // "II. CÔNG TÁC LÃNH ĐẠO…" above "II.1 …", so the user sees where the subsection belongs.
    const parentNumber = section.number.split('.')[0]!;
    const parent =
      section.parentHeading && parentNumber !== section.number
        ? T.sectionTitle(parentNumber, section.parentHeading)
        : undefined;
    blocks.push(
      [parent, T.sectionTitle(section.number, section.heading), section.intro].filter(Boolean).join('\n'),
    );
  }

  // A pre-filled question has no number; it is asked only when someone goes to it ("Sửa mục I").
  const where =
    opts.position.n === undefined
      ? T.progressPreset(section.number)
      : T.progress(opts.position.n, opts.position.total, section.number);
  const lines = [where, q.prompt];
  if (q.help) lines.push(q.help);
  if (q.example) lines.push(T.example(q.example));
  const options = q.type === 'yesno' ? [T.yes, T.no] : (q.options ?? []).map((o) => o.label);
  if (q.type === 'choice' || q.type === 'multi' || q.type === 'yesno') {
    const picked = q.type === 'multi' ? answers.get(q.id) : undefined;
    options.forEach((label, i) => {
      const mark = Array.isArray(picked) && picked.some((p) => p === q.options?.[i]?.id) ? ' ✓' : '';
      lines.push(`${i + 1}. ${label}${mark}`);
    });
  }
  lines.push(hint(entry, ctx));
  const current = answers.get(q.id);
  const answered = hasAnswer(current);
  const previous = offeredPrevious(entry, ctx, answered);
  if (previous !== undefined) {
    // Offered, never copied: the person keeps it with one word or types a new answer.
    lines.push(
      T.previousAnswer(clip(formatAnswer(q, previous), 200)),
      q.type === 'number' ? textsFor(ctx).keepPreviousFigure : textsFor(ctx).keepPrevious,
    );
  }
  if (answered && !opts.collecting) {
    lines.push(
      T.current(clip(formatAnswer(q, current!), 200)),
      q.type === 'multi' ? T.keepCurrentMulti : T.keepCurrent,
    );
  } else if (!q.required) {
    lines.push(T.optional);
  }
  if (opts.canGoBack) lines.push(T.navHint);
  blocks.push(lines.join('\n'));

  const buttons = buttonsFor(entry, answers, opts, answered);
  if (previous !== undefined) buttons.unshift([{ label: T.buttonKeepPrevious, token: tokens.keep(q.id) }]);
  const reply: Reply = { text: blocks.join('\n\n'), buttons };
  if (q.type === 'attachment') reply.asksForFile = true;
  return reply;
}

/** The previous round's answer to offer for an unanswered question (files are not carried over). */
export function offeredPrevious(
  entry: Entry,
  ctx: EngineContext,
  answered: boolean,
): AnswerValue | undefined {
  if (answered || entry.question.type === 'attachment') return undefined;
  const value = ctx.previous?.get(entry.question.id);
  return value !== undefined && hasAnswer(value) ? value : undefined;
}

function hint(entry: Entry, ctx: EngineContext): string {
  const q = entry.question;
  switch (q.type) {
    case 'text':
      return T.hintText;
    case 'number':
      return T.hintNumber(q.unit);
    case 'yesno':
      return T.hintYesNo;
    case 'choice':
      return T.hintChoice(q.options?.length ?? 0);
    case 'multi':
      return textsFor(ctx).hintMulti(q.options?.length ?? 0);
    case 'date':
      return T.hintDate;
    case 'attachment':
      return T.hintAttachment(q.maxFiles ?? DEFAULT_MAX_FILES, q.maxSizeMb ?? DEFAULT_MAX_SIZE_MB);
  }
}

const buttonLabel = (s: string) => clip(s, 60);

function buttonsFor(
  entry: Entry,
  answers: AnswerLookup,
  opts: AskOptions,
  answered: boolean,
): ReplyButton[][] {
  const q = entry.question;
  const rows: ReplyButton[][] = [];
  if (q.type === 'yesno') {
    rows.push([
      { label: T.yes, token: tokens.answer(q.id, 'y') },
      { label: T.no, token: tokens.answer(q.id, 'n') },
    ]);
  } else if (q.type === 'choice') {
    (q.options ?? []).forEach((o, i) => {
      rows.push([{ label: buttonLabel(`${i + 1}. ${o.label}`), token: tokens.answer(q.id, i + 1) }]);
    });
  } else if (q.type === 'multi') {
    const picked = answers.get(q.id);
    (q.options ?? []).forEach((o, i) => {
      const on = Array.isArray(picked) && picked.some((p) => p === o.id);
      rows.push([
        { label: buttonLabel(`${on ? '✓ ' : ''}${i + 1}. ${o.label}`), token: tokens.toggle(q.id, i + 1) },
      ]);
    });
  }
  const controls: ReplyButton[] = [];
  if (opts.canGoBack) controls.push({ label: T.buttonBack, token: tokens.back(q.id) });
  const finishable = q.type === 'text' || q.type === 'attachment' || q.type === 'multi';
  if (finishable && (opts.collecting || answered))
    controls.push({ label: T.buttonDone, token: tokens.done(q.id) });
  else if (!q.required || answered) controls.push({ label: T.buttonSkip, token: tokens.skip(q.id) });
  if (controls.length > 0) rows.push(controls);
  return rows;
}
