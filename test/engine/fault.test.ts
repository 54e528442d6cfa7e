import { advance, startState } from '../../src/engine';
import { ctxFor, loadShippedFlow } from './helpers';

/** A fault inside a step is not swallowed: the contact gets a notice, the caller gets the error to log. */
it('hands the error of a failing step back with a notice and a valid state', () => {
  const flow = loadShippedFlow('bao-cao-dan-chu-co-so.yaml');
  const ctx = ctxFor('chinh-quyen');
  const state = startState(flow, ctx);
  // An answer map that throws stands for any bug the step might meet.
  const broken = {
    ...ctx,
    answers: {
      get() {
        throw new Error('broken answers');
      },
    } as unknown as typeof ctx.answers,
  };
  const result = advance(flow, broken, state, { type: 'text', text: '3' });
  expect(result.fault).toBeInstanceOf(Error);
  expect((result.fault as Error).message).toBe('broken answers');
  expect(result.effects).toEqual([]);
  expect(result.replies).toHaveLength(1);
  expect(result.state).toMatchObject({ flowId: flow.id });
});
