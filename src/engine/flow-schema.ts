import { z } from 'zod';
import { UNIT_KINDS } from './types';

/** Question types, in the order they are listed in error messages. */
export const QUESTION_TYPES = ['text', 'number', 'choice', 'multi', 'yesno', 'date', 'attachment'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

/** Default limit of a text answer (all pieces together). */
export const DEFAULT_TEXT_MAX_LENGTH = 20000;
/** Largest accepted number when a question sets no `max`. */
export const DEFAULT_NUMBER_MAX = 999_999_999_999;
export const DEFAULT_MAX_FILES = 5;
export const DEFAULT_MAX_SIZE_MB = 20;
/** Question ids end up inside button tokens (`a:<id>:<n>`, ≤ 40 chars), hence the short limit. */
export const QUESTION_ID_MAX = 32;

const unitKindSchema = z.enum(UNIT_KINDS);
// Ids become database keys and token parts: no dots, no `$`, ASCII only.
const idSchema = z
  .string()
  .regex(/^[a-z0-9_-]+$/, 'must match ^[a-z0-9_-]+$ (lower-case ASCII letters, digits, _ and -)');
const text = z.string().trim().min(1, 'must not be empty');

const scalarValue = z.union([z.string(), z.number(), z.boolean()]);

const conditionSchema = z.strictObject({
  /** The unit's kind must be one of these. */
  unitKinds: z.array(unitKindSchema).min(1).optional(),
  /** An earlier answer must satisfy exactly one test. */
  answer: z
    .strictObject({
      question: idSchema,
      equals: scalarValue.optional(),
      in: z.array(scalarValue).min(1).optional(),
      notEmpty: z.boolean().optional(),
      /** For number answers: e.g. ask "lượt người" only when meetings were held (> 0). */
      greaterThan: z.number().int().min(0).optional(),
    })
    .optional(),
});

const optionSchema = z.strictObject({ id: idSchema, label: text });

/** One question of a flow. Cross-field rules (options only for choices, …) are checked in `check-flow.ts`. */
export const questionSchema = z.strictObject({
  id: idSchema.max(QUESTION_ID_MAX, `must be at most ${QUESTION_ID_MAX} characters`),
  type: z.enum(QUESTION_TYPES),
  prompt: text,
  /** Short label for review, missing list and export column titles. */
  short: text.max(80).optional(),
  help: text.optional(),
  example: text.optional(),
  required: z.boolean().default(true),
  /** How the consolidated report says a number's ward total, "{n}" for the figure: "tổ chức {n} hội nghị". */
  phrase: text.max(200).optional(),
  /** Unit label of a number, e.g. "cuộc", "lượt người". */
  unit: text.max(30).optional(),
  min: z.number().int().min(0).optional(),
  max: z.number().int().min(0).optional(),
  minLength: z.number().int().min(1).optional(),
  maxLength: z.number().int().min(1).max(100000).optional(),
  options: z.array(optionSchema).optional(),
  maxFiles: z.number().int().min(1).max(20).optional(),
  maxSizeMb: z.number().positive().max(50).optional(),
  when: conditionSchema.optional(),
});

/** One section of the outline ("I", "II.1", …). A number may repeat when each block is for other unit kinds (section III). */
export const sectionSchema = z.strictObject({
  number: z.string().regex(/^[A-Z0-9]{1,6}(\.[0-9]{1,2})?$/, 'must look like I, II.1 or 3'),
  heading: text,
  /** Heading of the parent section (II, IV) that the exports print before its first subsection. */
  parentHeading: text.optional(),
  intro: text.optional(),
  appliesTo: z.array(unitKindSchema).min(1).optional(),
  questions: z.array(questionSchema),
});

/** A flow file (`flows/*.yaml`). */
export const flowSchema = z.strictObject({
  id: idSchema,
  version: z.number().int().min(1),
  title: text,
  kind: z.enum(['main', 'adhoc']).default('main'),
  description: text.optional(),
  sections: z.array(sectionSchema).min(1, 'must have at least one section'),
});

/** A validated flow. */
export type Flow = z.output<typeof flowSchema>;
/** A flow as written (defaults not yet applied), e.g. in tests. */
export type FlowInput = z.input<typeof flowSchema>;
export type Section = Flow['sections'][number];
export type Question = Section['questions'][number];
export type QuestionCondition = NonNullable<Question['when']>;
export type QuestionOption = NonNullable<Question['options']>[number];
