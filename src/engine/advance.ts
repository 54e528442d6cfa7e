import { onAttachment } from './attachment-input';
import { onButton } from './button-input';
import { indexFlow, isApplicable } from './conditions';
import { DEFAULT_MAX_FILES, DEFAULT_MAX_SIZE_MB, type Flow } from './flow-schema';
import { onMove } from './moves';
import { resumePoint } from './navigation';
import { reask } from './replies';
import { type EngineState, parseEngineState, RETURN_TO_DONE } from './state';
import {
  type Ctx,
  currentEntry,
  doneState,
  firstUnanswered,
  nextApplicable,
  type StepResult,
} from './step-context';
import { onText } from './text-input';
import { T } from './texts';
import type { EngineContext, EngineInput } from './types';

// The engine's entry points. Each input kind is handled in its own module
// (text-input, button-input, attachment-input, navigation, editing, overview);
// this one recovers the state and hands the input over.

export type { StepResult } from './step-context';

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
 * a fault yields a notice and a valid state, and the error itself for the caller to log.
 */
export function advance(flow: Flow, ctx: EngineContext, state: EngineState, input: EngineInput): StepResult {
  try {
    return step(flow, ctx, state, input);
  } catch (fault) {
    return { state: safeState(flow, ctx, state), replies: [{ text: T.internalError }], effects: [], fault };
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
      return reask(resumePoint(s), notices, { withSection: true, withRequest: true });
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
    case 'back':
    case 'done':
    case 'review':
    case 'check':
      return onMove(s, { kind: input.type }, notices);
    case 'jump':
      return onMove(
        s,
        { kind: 'jump', section: typeof input.section === 'string' ? input.section : '' },
        notices,
      );
    case 'edit':
      return onMove(
        s,
        { kind: 'edit', questionId: typeof input.questionId === 'string' ? input.questionId : '' },
        notices,
      );
    default:
      return reask(s, [...notices, T.unsupported.other]);
  }
}

/** A valid state to keep after a fault: the given one if valid, else a fresh start, else an end state. */
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
