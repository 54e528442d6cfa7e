import { z } from 'zod';
import { definePending } from '../../../conversation/pending';

/** The report journey's states between two messages, kept in the chat session (see `conversation/pending.ts`). */

/** Several rounds are open: the list shown, in its order, so a typed number picks one. */
export const chooseRoundPending = definePending(
  'choose-round',
  z.object({ type: z.literal('choose-round'), roundIds: z.array(z.string().min(1)).min(1).max(50) }),
);

/** "Submit the report?" asked for this submission. */
export const confirmSubmitPending = definePending(
  'confirm-submit',
  z.object({ type: z.literal('confirm-submit'), submissionId: z.string().min(1) }),
);

/** /tamdung: the next message resumes the report where it was. */
export const pausedPending = definePending('paused', z.object({ type: z.literal('paused') }));
