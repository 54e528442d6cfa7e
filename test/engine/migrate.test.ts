import {
  advance,
  applicableQuestions,
  type FlowInput,
  migrateState,
  missingRequired,
  progress,
} from '../../src/engine';
import { defineFlow, Session } from './helpers';

const v1Input: FlowInput = {
  id: 'bc',
  version: 1,
  title: 'Báo cáo',
  kind: 'adhoc',
  sections: [
    {
      number: 'I',
      heading: 'Chung',
      questions: [
        { id: 'a', type: 'text', prompt: 'A?' },
        { id: 'b', type: 'number', prompt: 'B?' },
        { id: 'c', type: 'yesno', prompt: 'C?' },
      ],
    },
    { number: 'II', heading: 'Tiếp', questions: [{ id: 'd', type: 'number', prompt: 'D?' }] },
  ],
};

/** v2: "b" removed, "c" reworded, a new required "n" after "c", "d" unchanged. */
const v2 = defineFlow({
  ...v1Input,
  version: 2,
  sections: [
    {
      number: 'I',
      heading: 'Chung',
      questions: [
        { id: 'a', type: 'text', prompt: 'A (mới)?' },
        { id: 'c', type: 'yesno', prompt: 'C đã sửa?' },
        { id: 'n', type: 'number', prompt: 'N mới?' },
      ],
    },
    { number: 'II', heading: 'Tiếp', questions: [{ id: 'd', type: 'number', prompt: 'D?' }] },
  ],
});
const v1 = defineFlow(v1Input);

function startedOnV1(stopAt: string): Session {
  const s = new Session(v1, { unitKind: 'co-quan' });
  s.send({ type: 'start' });
  const steps: Record<string, string[]> = { a: ['Nội dung', 'xong'], b: ['7'], c: ['có'], d: ['2'] };
  while (s.current && s.current !== stopAt) for (const t of steps[s.current]!) s.type(t);
  return s;
}

describe('flow version changes', () => {
  test('answers whose question still exists are kept; the position is kept when the question exists', () => {
    const s = startedOnV1('d');
    expect([...s.answers.keys()]).toEqual(['a', 'b', 'c']);
    const ctx = s.ctx;
    const migrated = migrateState(v2, s.state, ctx);
    expect(migrated).toEqual({ v: 1, flowId: 'bc', flowVersion: 2, mode: 'answering', questionId: 'd' });
    // "b" is ignored, "a" and "c" count; the new "n" is missing.
    expect(progress(v2, ctx)).toEqual({ answered: 2, total: 4 });
    expect(missingRequired(v2, ctx).map((q) => q.id)).toEqual(['n', 'd']);
  });

  test('when the current question was removed, the report continues at the first unanswered question', () => {
    const s = startedOnV1('b');
    expect(migrateState(v2, s.state, s.ctx)).toMatchObject({
      flowVersion: 2,
      mode: 'answering',
      questionId: 'c',
    });
  });

  test('advance migrates an old state by itself and keeps working', () => {
    const s = startedOnV1('b');
    const r = advance(v2, s.ctx, s.state, { type: 'start' });
    expect(r.state.flowVersion).toBe(2);
    expect(r.state.questionId).toBe('c');
    expect(r.replies[0]!.text).toContain('C đã sửa?');
    expect(r.replies[0]!.text).toContain('Câu 2/4');
  });

  test('a finished report stays finished, and the end summary lists the new required question', () => {
    const s = startedOnV1('none');
    expect(s.state.mode).toBe('done');
    const r = advance(v2, s.ctx, s.state, { type: 'start' });
    expect(r.state).toEqual({ v: 1, flowId: 'bc', flowVersion: 2, mode: 'done' });
    expect(r.replies[0]!.text).toMatch(/Câu 3 \(Mục I\): N mới\?/);
    expect(applicableQuestions(v2, s.ctx).map((q) => q.id)).toEqual(['a', 'c', 'n', 'd']);
  });

  test('a long text being collected survives when its question survives', () => {
    const s = startedOnV1('a');
    s.type('Phần 1');
    const m = migrateState(v2, s.state, s.ctx);
    expect(m.collectingText).toEqual({ questionId: 'a', pieces: 1, chars: 6 });
    const r = advance(v2, s.ctx, m, { type: 'text', text: 'Phần 2' });
    expect(r.effects).toEqual([{ type: 'saveAnswer', questionId: 'a', value: 'Phần 2', append: true }]);
  });
});
