/**
 * Shared types of the flow engine. Everything here is plain data so that the
 * store can persist it and every channel (Telegram, Zalo, web) can render it.
 */

import type { UnitKind } from '../domain/unit-kinds';

export { UNIT_KIND_LABELS, UNIT_KINDS, type UnitKind } from '../domain/unit-kinds';

/** A file received from a platform. `storageKey` is set once the service has stored a copy. */
export interface AttachmentRef {
  platform: string;
  fileId: string;
  name: string;
  size: number;
  mimeType: string;
  sha256?: string;
  storageKey?: string;
}

/**
 * Value of one answer:
 * - `string`: text, single choice (option id), date as ISO `yyyy-mm-dd`
 * - `number`: whole number ≥ 0
 * - `boolean`: yes/no
 * - `string[]`: multiple choice (option ids, in the flow's order)
 * - `AttachmentRef[]`: attachments
 */
export type AnswerValue = string | number | boolean | string[] | AttachmentRef[];

/** Read-only view of answers; a `ReadonlyMap` satisfies it. */
export interface AnswerLookup {
  get(questionId: string): AnswerValue | undefined;
}

/** What the engine knows about the unit and the round besides its own state. */
export interface EngineContext {
  unitKind: UnitKind;
  /**
   * Answers given so far, by question id. For `text` questions the value MAY be
   * abbreviated (the store passes the first ~200 chars on the per-message path):
   * only test presence/emptiness of text answers in conditions/progress, never
   * their full content. Review rendering receives full values.
   */
  answers: ReadonlyMap<string, AnswerValue>;
  /**
   * The unit's answers in its latest submitted report of an earlier round of this flow: each is
   * offered with its question ("Giữ như kỳ trước"), never copied without the person choosing it.
   */
  previous?: ReadonlyMap<string, AnswerValue>;
  /** Questions answered from the units file before anyone started: not numbered, not asked (see numbering.ts). */
  preset?: ReadonlySet<string>;
  /** Ad-hoc rounds may use only some sections (numbers like 'I', 'II.1', 'IV'; 'IV' covers IV.1–IV.3); undefined = all. */
  sections?: readonly string[];
  /** Shown at the start of a round (title/instructions of the request), may be undefined. */
  request?: { title: string; instructions?: string };
  /**
   * The platform shows buttons (default). `false` (Zalo): sentences that say "bấm nút" are worded
   * for typing instead (engine/texts.ts `textsFor`).
   */
  buttons?: boolean;
  /** Size limit for replies the engine renders itself (typed "Xem lại"); defaults to 2000 (Zalo). */
  maxReplyChars?: number;
}

/** A button. `token` is short ASCII (≤ 40 chars) and is validated by the engine against its state. */
export interface ReplyButton {
  label: string;
  token: string;
}

/** One message to send. The text alone is always enough (Zalo has no buttons). */
export interface Reply {
  text: string;
  buttons?: ReplyButton[][];
  /** It asks an attachment question: a platform that cannot carry documents says so. */
  asksForFile?: boolean;
}

/** What the service must persist as a consequence of a step. */
export type Effect =
  | { type: 'saveAnswer'; questionId: string; value: AnswerValue; append?: boolean }
  | { type: 'clearAnswer'; questionId: string };

/** One input from the user, already normalised by the channel. */
export type EngineInput =
  | { type: 'text'; text: string }
  | { type: 'button'; token: string }
  | { type: 'attachment'; file: AttachmentRef }
  | { type: 'unsupported'; what: 'sticker' | 'voice' | 'photo' | 'video' | 'location' | 'contact' | 'other' }
  | { type: 'start' }
  | { type: 'skip' }
  | { type: 'back' }
  | { type: 'done' }
  | { type: 'jump'; section: string }
  | { type: 'edit'; questionId: string }
  /** Show the review (chunks of `ctx.maxReplyChars`); state unchanged. */
  | { type: 'review' }
  /** Show the completeness check; state unchanged. */
  | { type: 'check' };
