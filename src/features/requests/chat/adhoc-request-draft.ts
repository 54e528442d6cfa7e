import { DateTime } from 'luxon';
import { z } from 'zod';
import { definePending } from '../../../conversation/pending';
import { UNIT_KINDS } from '../../../domain/unit-kinds';
import type { AdHocTargets } from '../adhoc-request-service';

export const TITLE_MAX = 200;
export const INSTRUCTIONS_MAX = 3000;

export type WizardStep =
  | 'title'
  | 'instructions'
  | 'flow'
  | 'sections'
  | 'targets'
  | 'kinds'
  | 'units'
  | 'due'
  | 'confirm';

/** The /yeucau wizard's state, kept in the chat session's `pending` (plain JSON). */
export interface AdHocDraft {
  type: 'adhoc-request';
  step: WizardStep;
  title?: string;
  instructions?: string;
  flowId?: string;
  sections?: string[];
  targets?: AdHocTargets;
  /** ISO instant. */
  dueAt?: string;
}

const targets: z.ZodType<AdHocTargets> = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('all') }),
  z.object({ mode: z.literal('kinds'), kinds: z.array(z.enum(UNIT_KINDS)).min(1) }),
  z.object({ mode: z.literal('units'), unitCodes: z.array(z.string().min(1)).min(1) }),
]);
const instant = z
  .string()
  .refine((iso) => DateTime.fromISO(iso).isValid, { error: 'expected an ISO instant' });

// Each step holds what the steps before it asked: a state read back with a gap (corrupted, or
// written by another version) is refused, never answered with a crash at the summary.
const base = { type: z.literal('adhoc-request') };
const titled = { ...base, title: z.string().min(1).max(TITLE_MAX) };
const instructed = { ...titled, instructions: z.string().max(INSTRUCTIONS_MAX) };
const formed = { ...instructed, flowId: z.string().min(1) };
const sectioned = { ...formed, sections: z.array(z.string().min(1)) };
const targeted = { ...sectioned, targets };

const draftSchema: z.ZodType<AdHocDraft> = z.discriminatedUnion('step', [
  z.object({ ...base, step: z.literal('title') }),
  z.object({ ...titled, step: z.literal('instructions') }),
  z.object({ ...instructed, step: z.literal('flow') }),
  z.object({ ...formed, step: z.literal('sections') }),
  z.object({ ...sectioned, step: z.literal('targets') }),
  z.object({ ...sectioned, step: z.literal('kinds') }),
  z.object({ ...sectioned, step: z.literal('units') }),
  // Back at the deadline when the one chosen passed while the summary waited: the old one is kept.
  z.object({ ...targeted, step: z.literal('due'), dueAt: instant.optional() }),
  z.object({ ...targeted, step: z.literal('confirm'), dueAt: instant }),
]);

export const adHocDraftPending = definePending<AdHocDraft>('adhoc-request', draftSchema);
