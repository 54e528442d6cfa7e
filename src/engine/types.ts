/**
 * Shared types of the flow engine. Everything here is plain data so that the
 * store can persist it and every channel (Telegram, Zalo, web) can render it.
 */

/**
 * Kind of reporting unit. Section III of the outline branches on it, because
 * Law 10/2022/QH15 gives each kind of "cơ sở" its own chapter and the letter
 * 109-CV/ĐU (§1–§6) gives each recipient its own duties.
 *
 * - `chinh-quyen`: Thường trực HĐND, UBND phường (Law chapter II; letter §1, §2)
 * - `co-quan-tham-muu`: Ban Xây dựng Đảng, Ủy ban kiểm tra, Văn phòng Đảng ủy (letter §3, §4)
 * - `co-quan`: state agency or public unit, e.g. a school or health station (Law chapter III)
 * - `doanh-nghiep`: enterprise or organisation employing workers (Law chapter IV)
 * - `to-chuc-dang`: chi bộ, đảng bộ bộ phận (letter §6)
 * - `mat-tran`: UB MTTQ and socio-political organisations (letter §5)
 */
export type UnitKind =
  | 'chinh-quyen'
  | 'co-quan-tham-muu'
  | 'co-quan'
  | 'doanh-nghiep'
  | 'to-chuc-dang'
  | 'mat-tran';

/** All unit kinds, in the order the letter addresses them. */
export const UNIT_KINDS: readonly UnitKind[] = [
  'chinh-quyen',
  'co-quan-tham-muu',
  'co-quan',
  'doanh-nghiep',
  'to-chuc-dang',
  'mat-tran',
];

/** Vietnamese labels of the unit kinds, for menus and exports. */
export const UNIT_KIND_LABELS: Record<UnitKind, string> = {
  'chinh-quyen': 'Chính quyền phường (Thường trực HĐND, UBND phường)',
  'co-quan-tham-muu': 'Cơ quan tham mưu, giúp việc Đảng ủy',
  'co-quan': 'Cơ quan nhà nước, đơn vị sự nghiệp công lập',
  'doanh-nghiep': 'Doanh nghiệp, tổ chức có sử dụng lao động',
  'to-chuc-dang': 'Tổ chức đảng trực thuộc Đảng ủy',
  'mat-tran': 'Ủy ban MTTQ Việt Nam và các tổ chức chính trị - xã hội phường',
};

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
  /** Ad-hoc rounds may use only some sections (numbers like 'I', 'II.1', 'IV'; 'IV' covers IV.1–IV.3); undefined = all. */
  sections?: readonly string[];
  /** Shown at the start of a round (title/instructions of the request), may be undefined. */
  request?: { title: string; instructions?: string };
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
