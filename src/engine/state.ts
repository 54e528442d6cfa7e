import { z } from 'zod';
import { QUESTION_ID_MAX } from './flow-schema';

/** `returnTo` value meaning "back to the end summary" (not a valid question id, so no clash). */
export const RETURN_TO_DONE = '#done';

/**
 * Zod schema of the stored engine state. The state is a small cursor (< 1 KB):
 * answers live in the store, so a step never replays history.
 */
export const engineStateSchema = z
  .strictObject({
    v: z.literal(1),
    flowId: z.string().min(1).max(100),
    flowVersion: z.number().int().min(1),
    /** `answering`: a current question is asked; `done`: every applicable question was walked. */
    mode: z.enum(['answering', 'done']),
    /** Current question (mode `answering`). */
    questionId: z.string().min(1).max(QUESTION_ID_MAX).optional(),
    /** Where to go after editing an earlier answer: a question id or `#done`. */
    returnTo: z.string().min(1).max(QUESTION_ID_MAX).optional(),
    /** A long text answer being sent in several messages; `chars` lets the engine enforce maxLength without the full text. */
    collectingText: z
      .strictObject({
        questionId: z.string().min(1).max(QUESTION_ID_MAX),
        pieces: z.number().int().min(1),
        chars: z.number().int().min(0),
      })
      .optional(),
  })
  .refine((s) => s.mode !== 'answering' || s.questionId !== undefined, {
    message: 'an answering state needs questionId',
    path: ['questionId'],
  });

/** Serialisable engine state, versioned (`v: 1`). */
export type EngineState = z.output<typeof engineStateSchema>;

/** Validates a state read from storage; undefined when it is not a valid v1 state. */
export function parseEngineState(raw: unknown): EngineState | undefined {
  const r = engineStateSchema.safeParse(raw);
  return r.success ? r.data : undefined;
}
