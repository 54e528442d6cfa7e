import { parseText, parseTypedAnswer } from './answers';
import { type Entry, type FlowIndex, hasAnswer, indexFlow, isApplicable, overlay } from './conditions';
import { DEFAULT_MAX_FILES, DEFAULT_MAX_SIZE_MB, type Flow } from './flow-schema';
import { formatAnswer, shortLabel } from './format';
import { fold } from './normalize';
import { renderQuestion } from './prompt';
import { renderReview } from './review';
import { type EngineState, parseEngineState, RETURN_TO_DONE } from './state';
import { T } from './texts';
import { parseToken, REVIEW_TOKEN, tokens } from './tokens';
import type {
  AnswerLookup,
  AnswerValue,
  AttachmentRef,
  Effect,
  EngineContext,
  EngineInput,
  Reply,
} from './types';

/** What one step produces: the new state, the messages to send, and what to persist. */
export interface StepResult {
  state: EngineState;
  replies: Reply[];
  effects: Effect[];
}

/** Internal step context. `answers` may overlay the answer saved in this very step. */
interface Ctx {
  idx: FlowIndex;
  ctx: EngineContext;
  state: EngineState;
}

const MAX_MISSING_LISTED = 10;

// ——— public entry points ———

/** The state of a report that has not started: the first applicable question still unanswered. */
export function startState(flow: Flow, ctx: EngineContext): EngineState {
  const idx = indexFlow(flow);
  const base = { v: 1 as const, flowId: flow.id, flowVersion: flow.version };
  const target = firstUnanswered(idx, ctx, ctx.answers);
  return target ? { ...base, mode: 'answering', questionId: target.question.id } : { ...base, mode: 'done' };
}

/**
 * Moves a report on by one input. Pure: no I/O, no clock, no randomness; cost
 * proportional to the number of questions, never to the history. Never throws:
 * a fault yields a notice and a valid state.
 */
export function advance(flow: Flow, ctx: EngineContext, state: EngineState, input: EngineInput): StepResult {
  try {
    return step(flow, ctx, state, input);
  } catch {
    return { state: safeState(flow, ctx, state), replies: [{ text: T.internalError }], effects: [] };
  }
}

/**
 * Carries a state over to another version of its flow: the position is kept if
 * that question still applies, otherwise the first applicable question still
 * unanswered. Answers of removed questions are simply never looked at again.
 */
export function migrateState(flow: Flow, state: EngineState, ctx: EngineContext): EngineState {
  const valid = parseEngineState(state);
  if (!valid || valid.flowId !== flow.id) return startState(flow, ctx);
  const idx = indexFlow(flow);
  const next: EngineState = { v: 1, flowId: flow.id, flowVersion: flow.version, mode: valid.mode };
  const applies = (id: string | undefined) => {
    const e = id === undefined ? undefined : idx.byId.get(id);
    return e && isApplicable(idx, e, ctx, ctx.answers) ? e : undefined;
  };
  if (valid.returnTo === RETURN_TO_DONE || applies(valid.returnTo)) next.returnTo = valid.returnTo;
  if (valid.mode === 'done') return next;
  const here = applies(valid.questionId);
  if (here) {
    next.questionId = here.question.id;
    if (valid.collectingText?.questionId === here.question.id) next.collectingText = valid.collectingText;
    return next;
  }
  const target = firstUnanswered(idx, ctx, ctx.answers);
  if (!target) return { ...next, mode: 'done', returnTo: undefined };
  next.questionId = target.question.id;
  return next;
}

// ——— the step ———

function step(flow: Flow, ctx: EngineContext, rawState: EngineState, input: EngineInput): StepResult {
  const idx = indexFlow(flow);
  const notices: string[] = [];
  let state = parseEngineState(rawState);
  if (!state || state.flowId !== flow.id) {
    state = startState(flow, ctx);
    notices.push(T.recovered);
  } else if (state.flowVersion !== flow.version) {
    state = migrateState(flow, state, ctx);
  }
  const s: Ctx = { idx, ctx, state };
  const cur = currentEntry(s);
  if (state.mode === 'answering' && !cur) {
    // The current question stopped applying (e.g. a section subset changed): continue from the next one.
    const e = state.questionId ? idx.byId.get(state.questionId) : undefined;
    const target = e ? nextApplicable(s, ctx.answers, e.index - 1) : firstUnanswered(idx, ctx, ctx.answers);
    s.state = target
      ? { ...state, questionId: target.question.id, collectingText: undefined }
      : doneState(state);
  }
  return dispatch(s, input, notices);
}

function dispatch(s: Ctx, input: EngineInput, notices: string[]): StepResult {
  switch (input.type) {
    case 'start':
      return reask(s, notices, { withSection: true, withRequest: true });
    case 'text':
      return onText(s, typeof input.text === 'string' ? input.text : '', notices);
    case 'button':
      return onButton(s, input.token, notices);
    case 'attachment':
      return onAttachment(s, input.file, notices);
    case 'unsupported': {
      const q = currentEntry(s)?.question;
      const msg = T.unsupported[input.what] ?? T.unsupported.other;
      return reask(s, [
        ...notices,
        msg,
        q?.type === 'attachment'
          ? T.hintAttachment(q.maxFiles ?? DEFAULT_MAX_FILES, q.maxSizeMb ?? DEFAULT_MAX_SIZE_MB)
          : T.pleaseType,
      ]);
    }
    case 'skip':
      return onSkip(s, notices);
    case 'back':
      return onBack(s, notices);
    case 'done':
      return onDone(s, notices);
    case 'jump':
      return onJump(s, typeof input.section === 'string' ? input.section : '', notices);
    case 'edit':
      return onEdit(s, typeof input.questionId === 'string' ? input.questionId : '', notices);
    case 'review':
      return onReview(s);
    case 'check':
      return onCheck(s, notices);
    default:
      return reask(s, [...notices, T.unsupported.other]);
  }
}

// ——— inputs ———

type Command =
  | { kind: 'skip' | 'back' | 'done' | 'review' | 'check' | 'start' }
  | { kind: 'jump'; section: string }
  | { kind: 'editNumber'; n: number };

const WORDS: Record<string, Command['kind']> = {
  'bo qua': 'skip',
  bo: 'skip',
  skip: 'skip',
  'giu nguyen': 'skip',
  'quay lai': 'back',
  'quay lai cau truoc': 'back',
  'tro lai': 'back',
  lui: 'back',
  back: 'back',
  'cau truoc': 'back',
  xong: 'done',
  'xong roi': 'done',
  'da xong': 'done',
  done: 'done',
  het: 'done',
  'hoan thanh': 'done',
  'xem lai': 'review',
  'xem lai bao cao': 'review',
  review: 'review',
  'kiem tra': 'check',
  'con thieu': 'check',
  'con thieu gi': 'check',
  'tiep tuc': 'start',
  'bat dau': 'start',
};

/** Typed control words work like buttons, so Zalo users can navigate too. Only short messages can be commands. */
function parseCommand(text: string): Command | undefined {
  if (text.length > 60) return undefined;
  const s = fold(text);
  const word = WORDS[s];
  if (word === 'jump' || word === 'editNumber') return undefined;
  if (word) return { kind: word } as Command;
  const jump = /^(?:sua |den |toi |chuyen den |chuyen sang |sang )?muc ([ivx]+(?:\.\d{1,2})?|\d{1,2})$/.exec(
    s,
  );
  if (jump) return { kind: 'jump', section: jump[1]!.toUpperCase() };
  const edit = /^sua cau (?:so )?(\d{1,3})$/.exec(s);
  if (edit) return { kind: 'editNumber', n: Number(edit[1]) };
  return undefined;
}

function onText(s: Ctx, text: string, notices: string[]): StepResult {
  const cmd = parseCommand(text);
  if (cmd) {
    switch (cmd.kind) {
      case 'skip':
        return onSkip(s, notices);
      case 'back':
        return onBack(s, notices);
      case 'done':
        return onDone(s, notices);
      case 'review':
        return onReview(s);
      case 'check':
        return onCheck(s, notices);
      case 'start':
        return reask(s, notices, { withSection: true });
      case 'jump':
        return onJump(s, cmd.section, notices);
      case 'editNumber': {
        const e = applicable(s, s.ctx.answers)[cmd.n - 1];
        return e ? onEdit(s, e.question.id, notices) : reask(s, [...notices, T.noSuchQuestion]);
      }
    }
  }
  const cur = currentEntry(s);
  if (!cur) return doneResult(s, s.ctx.answers, notices, []);
  const q = cur.question;
  if (q.type === 'text') {
    const collecting = s.state.collectingText?.questionId === q.id ? s.state.collectingText : undefined;
    const parsed = parseText(q, text, collecting?.chars ?? 0);
    if (!parsed.ok) return reask(s, [...notices, parsed.reason], { collecting: !!collecting });
    const value = parsed.value as string;
    const effect: Effect = collecting
      ? { type: 'saveAnswer', questionId: q.id, value, append: true }
      : { type: 'saveAnswer', questionId: q.id, value };
    const pieces = (collecting?.pieces ?? 0) + 1;
    const chars = (collecting?.chars ?? 0) + value.length + (collecting ? 1 : 0);
    const state: EngineState = { ...s.state, collectingText: { questionId: q.id, pieces, chars } };
    return {
      state,
      replies: [
        {
          text: [...notices, T.textPieceSaved(pieces, chars)].join('\n'),
          buttons: [[{ label: T.buttonDone, token: tokens.done(q.id) }]],
        },
      ],
      effects: [effect],
    };
  }
  if (q.type === 'attachment') {
    return reask(s, [...notices, T.needFile]);
  }
  const parsed = parseTypedAnswer(q, text);
  if (!parsed.ok) return reask(s, [...notices, parsed.reason]);
  return saveAndMoveOn(s, cur, parsed.value, notices);
}

function onButton(s: Ctx, token: string, notices: string[]): StepResult {
  const t = parseToken(token);
  if (!t) return reask(s, [...notices, T.badButton]);
  switch (t.kind) {
    case 'review':
      return onReview(s);
    case 'check':
      return onCheck(s, notices);
    case 'jump':
      return onJump(s, t.section, notices);
    case 'edit':
      return onEdit(s, t.questionId, notices);
  }
  const cur = currentEntry(s);
  // A button of an earlier message: say so and change nothing.
  if (!cur || cur.question.id !== t.questionId) return reask(s, [...notices, T.staleButton]);
  const q = cur.question;
  switch (t.kind) {
    case 'skip':
      return onSkip(s, notices);
    case 'back':
      return onBack(s, notices);
    case 'done':
      return onDone(s, notices);
    case 'answer': {
      if (q.type === 'yesno' && (t.arg === 'y' || t.arg === 'n'))
        return saveAndMoveOn(s, cur, t.arg === 'y', notices);
      const opt = q.type === 'choice' ? q.options?.[Number(t.arg) - 1] : undefined;
      if (opt) return saveAndMoveOn(s, cur, opt.id, notices);
      return reask(s, [...notices, T.badButton]);
    }
    case 'toggle': {
      const opt = q.type === 'multi' ? q.options?.[Number(t.arg) - 1] : undefined;
      if (!opt) return reask(s, [...notices, T.badButton]);
      const before = s.ctx.answers.get(q.id);
      const set = new Set(
        Array.isArray(before) ? before.filter((x): x is string => typeof x === 'string') : [],
      );
      if (set.has(opt.id)) set.delete(opt.id);
      else set.add(opt.id);
      const value = (q.options ?? []).map((o) => o.id).filter((id) => set.has(id));
      const answers = overlay(s.ctx.answers, q.id, value.length > 0 ? value : undefined);
      const effect: Effect =
        value.length > 0
          ? { type: 'saveAnswer', questionId: q.id, value }
          : { type: 'clearAnswer', questionId: q.id };
      const picked = value.length > 0 ? formatAnswer(q, value) : T.multiNone;
      return {
        state: s.state,
        replies: [ask(s, cur, answers, { lead: [...notices, T.multiPicked(picked)] })],
        effects: [effect],
      };
    }
  }
}

function onAttachment(s: Ctx, file: AttachmentRef, notices: string[]): StepResult {
  const cur = currentEntry(s);
  if (cur?.question.type !== 'attachment') return reask(s, [...notices, T.fileNotHere]);
  const q = cur.question;
  const maxFiles = q.maxFiles ?? DEFAULT_MAX_FILES;
  const maxMb = q.maxSizeMb ?? DEFAULT_MAX_SIZE_MB;
  const name = typeof file?.name === 'string' && file.name !== '' ? file.name.slice(0, 200) : 'tệp';
  if (!file || typeof file.fileId !== 'string' || typeof file.size !== 'number')
    return reask(s, [...notices, T.badButton]);
  if (file.size > maxMb * 1024 * 1024) return reask(s, [...notices, T.fileTooBig(name, maxMb)]);
  const before = s.ctx.answers.get(q.id);
  const list = Array.isArray(before)
    ? (before.filter((f) => typeof f === 'object' && f !== null) as AttachmentRef[])
    : [];
  if (list.some((f) => f.fileId === file.fileId || (file.sha256 !== undefined && f.sha256 === file.sha256))) {
    return reask(s, [...notices, T.fileDuplicate(name)]);
  }
  if (list.length >= maxFiles) return reask(s, [...notices, T.fileLimitReached(maxFiles)]);
  const value = [...list, file];
  const effects: Effect[] = [{ type: 'saveAnswer', questionId: q.id, value }];
  const answers = overlay(s.ctx.answers, q.id, value);
  const lead = [...notices, T.fileSaved(name, value.length, maxFiles)];
  if (value.length >= maxFiles)
    return moveOn(s, cur, answers, [...lead, T.fileLimitReached(maxFiles)], effects);
  return {
    state: s.state,
    replies: [{ text: lead.join('\n'), buttons: [[{ label: T.buttonDone, token: tokens.done(q.id) }]] }],
    effects,
  };
}

function onSkip(s: Ctx, notices: string[]): StepResult {
  const cur = currentEntry(s);
  if (!cur) return doneResult(s, s.ctx.answers, notices, []);
  const collecting = s.state.collectingText?.questionId === cur.question.id;
  if (cur.question.required && !collecting && !hasAnswer(s.ctx.answers.get(cur.question.id))) {
    return reask(s, [...notices, T.required]);
  }
  return moveOn(s, cur, s.ctx.answers, notices, []);
}

function onDone(s: Ctx, notices: string[]): StepResult {
  // "Xong" finishes a long text, a set of files or a multiple choice; elsewhere it behaves like skip.
  return onSkip(s, notices);
}

function onBack(s: Ctx, notices: string[]): StepResult {
  const cur = currentEntry(s);
  const list = applicable(s, s.ctx.answers);
  const pos = cur ? list.findIndex((e) => e.question.id === cur.question.id) : list.length;
  const prev = pos > 0 ? list[pos - 1] : undefined;
  if (!prev) return reask(s, [...notices, T.firstQuestion]);
  return goTo(s, prev, s.ctx.answers, notices, cur);
}

function onJump(s: Ctx, section: string, notices: string[]): StepResult {
  const wanted = section.trim().toUpperCase();
  const target = wanted
    ? applicable(s, s.ctx.answers).find(
        (e) => e.section.number === wanted || e.section.number.startsWith(`${wanted}.`),
      )
    : undefined;
  if (!target) return reask(s, [...notices, T.noSuchSection(section.slice(0, 20))]);
  const state: EngineState = { ...s.state, returnTo: undefined };
  return goTo({ ...s, state }, target, s.ctx.answers, notices, undefined, true);
}

function onEdit(s: Ctx, questionId: string, notices: string[]): StepResult {
  const e = s.idx.byId.get(questionId);
  if (!e || !isApplicable(s.idx, e, s.ctx, s.ctx.answers)) return reask(s, [...notices, T.noSuchQuestion]);
  const cur = currentEntry(s);
  if (cur && cur.question.id === questionId) return reask(s, notices);
  // Keep the first return point when edits are chained, so the user always comes back to where they were.
  const returnTo = s.state.returnTo ?? (cur ? cur.question.id : RETURN_TO_DONE);
  return goTo(
    { ...s, state: { ...s.state, returnTo } },
    e,
    s.ctx.answers,
    [...notices, T.editing],
    cur,
    true,
  );
}

function onReview(s: Ctx): StepResult {
  return {
    state: s.state,
    replies: renderReview(s.idx.flow, s.ctx, s.ctx.maxReplyChars ?? 2000),
    effects: [],
  };
}

function onCheck(s: Ctx, notices: string[]): StepResult {
  const summary = completeness(s, s.ctx.answers, notices);
  const cur = currentEntry(s);
  const replies = [summary];
  if (cur) replies.push(ask(s, cur, s.ctx.answers, {}));
  return { state: s.state, replies, effects: [] };
}

// ——— moving ———

function saveAndMoveOn(s: Ctx, cur: Entry, value: AnswerValue, notices: string[]): StepResult {
  const effects: Effect[] = [{ type: 'saveAnswer', questionId: cur.question.id, value }];
  const answers = overlay(s.ctx.answers, cur.question.id, value);
  return moveOn(s, cur, answers, [...notices, T.saved(formatAnswer(cur.question, value))], effects);
}

/** After the current question: back to where an edit started, else the next applicable question, else the end. */
function moveOn(s: Ctx, from: Entry, answers: AnswerLookup, lead: string[], effects: Effect[]): StepResult {
  const state: EngineState = { ...s.state, collectingText: undefined, returnTo: undefined };
  const ret = s.state.returnTo;
  let target: Entry | undefined;
  if (ret === RETURN_TO_DONE) target = undefined;
  else if (ret !== undefined) {
    const e = s.idx.byId.get(ret);
    target = e ? nextApplicable(s, answers, e.index - 1) : nextApplicable(s, answers, from.index);
  } else {
    target = nextApplicable(s, answers, from.index);
  }
  const next = { ...s, state };
  if (!target) return doneResult(next, answers, lead, effects);
  const r = goTo(next, target, answers, lead, from);
  return { ...r, effects };
}

function goTo(
  s: Ctx,
  target: Entry,
  answers: AnswerLookup,
  lead: string[],
  from?: Entry,
  forceSection = false,
): StepResult {
  const state: EngineState = {
    ...s.state,
    mode: 'answering',
    questionId: target.question.id,
    collectingText: undefined,
  };
  const withSection = forceSection || !from || from.section !== target.section;
  return { state, replies: [ask({ ...s, state }, target, answers, { lead, withSection })], effects: [] };
}

/** Re-asks the current question (or repeats the end summary) with notices; the state does not change. */
function reask(
  s: Ctx,
  lead: string[],
  opts: { withSection?: boolean; withRequest?: boolean; collecting?: boolean } = {},
): StepResult {
  const cur = currentEntry(s);
  if (!cur) return doneResult(s, s.ctx.answers, lead, [], opts.withRequest);
  const collecting = opts.collecting ?? s.state.collectingText?.questionId === cur.question.id;
  return {
    state: s.state,
    replies: [ask(s, cur, s.ctx.answers, { ...opts, lead, collecting })],
    effects: [],
  };
}

function ask(
  s: Ctx,
  entry: Entry,
  answers: AnswerLookup,
  opts: { lead?: string[]; withSection?: boolean; withRequest?: boolean; collecting?: boolean },
): Reply {
  const list = applicable(s, answers);
  const pos = list.indexOf(entry);
  return renderQuestion(entry, s.ctx, answers, {
    ...opts,
    position: { n: pos + 1, total: list.length },
    canGoBack: pos > 0,
  });
}

function doneResult(
  s: Ctx,
  answers: AnswerLookup,
  lead: string[],
  effects: Effect[],
  withRequest = false,
): StepResult {
  const state = doneState(s.state);
  const reply = completeness({ ...s, state }, answers, lead);
  if (withRequest && s.ctx.request) reply.text = `${T.requestTitle(s.ctx.request.title)}\n\n${reply.text}`;
  return { state, replies: [reply], effects };
}

/** The completeness check: answered count and the required questions still missing (with buttons). */
function completeness(s: Ctx, answers: AnswerLookup, lead: string[]): Reply {
  const list = applicable(s, answers);
  if (list.length === 0) return { text: [...lead, T.noQuestions].join('\n') };
  const answered = list.filter((e) => hasAnswer(answers.get(e.question.id))).length;
  const missing = list.flatMap((e, i) =>
    e.question.required && !hasAnswer(answers.get(e.question.id)) ? [{ e, n: i + 1 }] : [],
  );
  const lines = [...lead];
  if (s.state.mode === 'done') lines.push(T.allWalked(answered, list.length));
  if (missing.length === 0) {
    lines.push(T.complete);
    return { text: lines.join('\n'), buttons: [[{ label: T.buttonReview, token: REVIEW_TOKEN }]] };
  }
  lines.push(T.missingHead(missing.length));
  for (const { e, n } of missing.slice(0, MAX_MISSING_LISTED))
    lines.push(T.missingLine(n, e.section.number, shortLabel(e.question)));
  if (missing.length > MAX_MISSING_LISTED) lines.push(T.missingMore(missing.length - MAX_MISSING_LISTED));
  lines.push(T.missingHint);
  const buttons = missing
    .slice(0, 6)
    .map(({ e, n }) => [{ label: T.buttonAnswer(n), token: tokens.edit(e.question.id) }]);
  buttons.push([{ label: T.buttonReview, token: REVIEW_TOKEN }]);
  return { text: lines.join('\n'), buttons };
}

// ——— lookups ———

function currentEntry(s: Ctx): Entry | undefined {
  if (s.state.mode !== 'answering' || !s.state.questionId) return undefined;
  const e = s.idx.byId.get(s.state.questionId);
  return e && isApplicable(s.idx, e, s.ctx, s.ctx.answers) ? e : undefined;
}

function applicable(s: Ctx, answers: AnswerLookup): Entry[] {
  return s.idx.entries.filter((e) => isApplicable(s.idx, e, s.ctx, answers));
}

function nextApplicable(s: Ctx, answers: AnswerLookup, afterIndex: number): Entry | undefined {
  for (let i = afterIndex + 1; i < s.idx.entries.length; i++) {
    const e = s.idx.entries[i]!;
    if (isApplicable(s.idx, e, s.ctx, answers)) return e;
  }
  return undefined;
}

function firstUnanswered(idx: FlowIndex, ctx: EngineContext, answers: AnswerLookup): Entry | undefined {
  return idx.entries.find(
    (e) => isApplicable(idx, e, ctx, answers) && !hasAnswer(answers.get(e.question.id)),
  );
}

function doneState(state: EngineState): EngineState {
  return { v: 1, flowId: state.flowId, flowVersion: state.flowVersion, mode: 'done' };
}

function safeState(flow: Flow, ctx: EngineContext, state: EngineState): EngineState {
  const valid = parseEngineState(state);
  if (valid) return valid;
  try {
    return startState(flow, ctx);
  } catch {
    const version = Number.isInteger(flow?.version) && flow.version > 0 ? flow.version : 1;
    return {
      v: 1,
      flowId: typeof flow?.id === 'string' && flow.id ? flow.id.slice(0, 100) : 'unknown',
      flowVersion: version,
      mode: 'done',
    };
  }
}
