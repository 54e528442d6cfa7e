import fc from 'fast-check';
import {
  type AnswerValue,
  advance,
  type EngineInput,
  type EngineState,
  engineStateSchema,
  type Flow,
  startState,
  UNIT_KINDS,
  type UnitKind,
} from '../../src/engine';
import { loadShippedFlow } from './helpers';

const flows: Flow[] = [
  loadShippedFlow('bao-cao-dan-chu-co-so.yaml'),
  loadShippedFlow('bao-cao-dot-xuat.yaml'),
];
const ids = flows.flatMap((f) => f.sections.flatMap((s) => s.questions.map((q) => q.id)));

const words = fc.constantFrom(
  'có',
  'không',
  'xong',
  'Bỏ qua',
  'quay lại',
  'xem lại',
  'kiểm tra',
  'sửa câu 3',
  'mục IV',
  'mục II.2',
  '1',
  '2, 3',
  '1.200',
  '-5',
  '1,5',
  '31/02/2025',
  '15/06/2025',
  'tất cả',
  '',
);
const token = fc.oneof(
  fc.string({ maxLength: 45 }),
  fc
    .constantFrom(...ids)
    .chain((id) =>
      fc.constantFrom(
        `a:${id}:1`,
        `a:${id}:y`,
        `a:${id}:n`,
        `m:${id}:2`,
        `s:${id}`,
        `b:${id}`,
        `x:${id}`,
        `e:${id}`,
      ),
    ),
  fc.constantFrom('j:I', 'j:III', 'j:IV.2', 'j:ZZ', 'r', 'k'),
);
const input: fc.Arbitrary<EngineInput> = fc.oneof(
  { weight: 4, arbitrary: words.map((text) => ({ type: 'text' as const, text })) },
  { weight: 2, arbitrary: fc.string({ maxLength: 300 }).map((text) => ({ type: 'text' as const, text })) },
  { weight: 3, arbitrary: token.map((t) => ({ type: 'button' as const, token: t })) },
  {
    weight: 1,
    arbitrary: fc
      .record({
        name: fc.string({ maxLength: 20 }),
        size: fc.nat(30 * 1024 * 1024),
        fileId: fc.string({ maxLength: 8 }),
      })
      .map((f) => ({
        type: 'attachment' as const,
        file: { platform: 'zalo', mimeType: 'application/pdf', ...f },
      })),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom<EngineInput>(
      { type: 'start' },
      { type: 'skip' },
      { type: 'back' },
      { type: 'done' },
      { type: 'review' },
      { type: 'check' },
      { type: 'unsupported', what: 'sticker' },
    ),
  },
  {
    weight: 1,
    arbitrary: fc.string({ maxLength: 8 }).map((section) => ({ type: 'jump' as const, section })),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(...ids, 'x', '').map((questionId) => ({ type: 'edit' as const, questionId })),
  },
);

describe('property: random input sequences', () => {
  test('never throw, always leave a valid small state, always reply', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...flows),
        fc.constantFrom<UnitKind>(...UNIT_KINDS),
        fc.option(fc.subarray(['I', 'II', 'III', 'IV', 'V', 'VI', '1', '2'], { minLength: 1 }), {
          nil: undefined,
        }),
        fc.array(input, { maxLength: 40 }),
        (flow, unitKind, sections, inputs) => {
          const answers = new Map<string, AnswerValue>();
          const ctx = { unitKind, answers, sections, maxReplyChars: 2000 };
          let state: EngineState = startState(flow, ctx);
          for (const inp of inputs) {
            const r = advance(flow, ctx, state, inp);
            expect(engineStateSchema.safeParse(r.state).success).toBe(true);
            expect(JSON.stringify(r.state).length).toBeLessThan(2048);
            expect(r.replies.length).toBeGreaterThan(0);
            for (const reply of r.replies) {
              expect(reply.text.trim()).not.toBe('');
              for (const b of (reply.buttons ?? []).flat()) expect(b.token.length).toBeLessThanOrEqual(40);
            }
            for (const e of r.effects) {
              if (e.type === 'clearAnswer') answers.delete(e.questionId);
              else if (e.append)
                answers.set(e.questionId, `${answers.get(e.questionId) ?? ''}\n${e.value as string}`);
              else answers.set(e.questionId, e.value);
            }
            // The current question, if any, applies to this unit.
            if (r.state.mode === 'answering') expect(ids).toContain(r.state.questionId);
            state = r.state;
          }
        },
      ),
      { numRuns: 150, seed: 20250828 },
    );
  });

  test('garbage states and inputs are survived', () => {
    const flow = flows[0]!;
    fc.assert(
      fc.property(fc.anything(), fc.anything(), (state, inp) => {
        const r = advance(
          flow,
          { unitKind: 'co-quan', answers: new Map() },
          state as EngineState,
          inp as EngineInput,
        );
        expect(engineStateSchema.safeParse(r.state).success).toBe(true);
        expect(r.replies.length).toBeGreaterThan(0);
      }),
      { numRuns: 200, seed: 7 },
    );
  });
});
