import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  type AnswerValue,
  type AttachmentRef,
  advance,
  type EngineContext,
  type EngineInput,
  type EngineState,
  type Flow,
  type FlowInput,
  flowSchema,
  parseFlowText,
  type Question,
  type StepResult,
  startState,
  type UnitKind,
  validateFlow,
} from '../../src/engine';

export const FLOWS_DIR = path.join(__dirname, '..', '..', 'flows');

export function loadShippedFlow(file: string): Flow {
  const source = path.join(FLOWS_DIR, file);
  const { flow, problems } = parseFlowText(readFileSync(source, 'utf8'), source);
  if (!flow) throw new Error(problems.join('\n'));
  return flow;
}

/** Builds a validated flow in a test; throws with the problems if it is broken. */
export function defineFlow(input: FlowInput): Flow {
  const { flow, problems } = validateFlow(input, 'test');
  if (!flow) throw new Error(problems.join('\n'));
  return flow;
}

/** A question with defaults applied, for parser tables. */
export function question(q: Partial<Question> & Pick<Question, 'type'>): Question {
  return flowSchema.shape.sections.element.shape.questions.element.parse({
    id: 'q',
    prompt: 'Câu hỏi?',
    ...q,
  });
}

export function file(name: string, extra: Partial<AttachmentRef> = {}): AttachmentRef {
  return {
    platform: 'telegram',
    fileId: `id-${name}`,
    name,
    size: 1000,
    mimeType: 'application/pdf',
    ...extra,
  };
}

/** Drives the engine like the service does: applies effects to an answer map after each step. */
export class Session {
  readonly answers = new Map<string, AnswerValue>();
  state: EngineState;
  last!: StepResult;
  constructor(
    readonly flow: Flow,
    readonly base: Omit<EngineContext, 'answers'>,
  ) {
    this.state = startState(flow, this.ctx);
  }
  get ctx(): EngineContext {
    return { ...this.base, answers: this.answers };
  }
  get current(): string | undefined {
    return this.state.mode === 'answering' ? this.state.questionId : undefined;
  }
  get text(): string {
    return this.last.replies.map((r) => r.text).join('\n---\n');
  }
  send(input: EngineInput): StepResult {
    const r = advance(this.flow, this.ctx, this.state, input);
    for (const e of r.effects) {
      if (e.type === 'clearAnswer') this.answers.delete(e.questionId);
      else if (e.append)
        this.answers.set(e.questionId, `${this.answers.get(e.questionId) ?? ''}\n${e.value as string}`);
      else this.answers.set(e.questionId, e.value);
    }
    this.state = r.state;
    this.last = r;
    return r;
  }
  type(text: string): StepResult {
    return this.send({ type: 'text', text });
  }
  press(token: string): StepResult {
    return this.send({ type: 'button', token });
  }
  /** Every button token of the last replies. */
  tokens(): string[] {
    return this.last.replies.flatMap((r) => (r.buttons ?? []).flat().map((b) => b.token));
  }
}

export function ctxFor(unitKind: UnitKind, answers: Map<string, AnswerValue> = new Map()): EngineContext {
  return { unitKind, answers };
}
