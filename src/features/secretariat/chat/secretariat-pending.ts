import { z } from 'zod';
import { definePending } from '../../../conversation/pending';

/** Returning a report, between its steps (see `conversation/pending.ts`). */
const returning = {
  submissionId: z.string().min(1),
  unitName: z.string(),
  /** The version the member saw: a newer submission is not returned unseen (absent in states of older versions; the store may keep it as null). */
  seenVersion: z
    .number()
    .int()
    .min(1)
    .nullish()
    .transform((version) => version ?? undefined),
};

/** Asked for the reason to return a report. */
export const returnReasonPending = definePending(
  'sec-return-reason',
  z.object({ type: z.literal('sec-return-reason'), ...returning }),
);

/** Asked to confirm returning it with this reason. */
export const returnConfirmPending = definePending(
  'sec-return-confirm',
  z.object({ type: z.literal('sec-return-confirm'), ...returning, reason: z.string().min(1) }),
);
