import { Schema } from 'mongoose';

/** `done` is not stored any more (a handled entry is deleted); kept for entries of an earlier run. */
export const INBOX_STATUSES = ['pending', 'done', 'failed'] as const;
export type InboxStatus = (typeof INBOX_STATUSES)[number];

/**
 * An update a webhook received, stored before the platform is answered: a process killed after
 * the answer still finds it here at its next start. `_id` is `<platform>:<update id>`, so a
 * redelivery of the same update is one unique-key clash, not a second entry.
 */
export interface InboxEntryDoc {
  _id: string;
  platform: string;
  /** `<platform>:<chat id>`: a chat's entries are handled one at a time, in `seq` order. */
  chatKey: string;
  /** Order within the chat: Telegram's update_id, or the time of arrival (Zalo). */
  seq: number;
  /** The update as received, as JSON text (its keys need not suit a document). */
  payload: string;
  status: InboxStatus;
  receivedAt: Date;
  handledAt: Date | null;
}

export const inboxEntrySchema = new Schema<InboxEntryDoc>(
  {
    _id: { type: String, required: true },
    platform: { type: String, required: true },
    chatKey: { type: String, required: true },
    seq: { type: Number, required: true },
    payload: { type: String, required: true },
    status: { type: String, required: true, enum: INBOX_STATUSES },
    receivedAt: { type: Date, required: true },
    handledAt: { type: Date, default: null },
  },
  // No TTL index (FerretDB cannot create one): a handled entry is deleted at once, one given up
  // (`failed`) by the housekeeping after a week.
  { collection: 'webhook_inbox', versionKey: false },
);
inboxEntrySchema.index({ chatKey: 1, status: 1, seq: 1 });
inboxEntrySchema.index({ status: 1, handledAt: 1 });

/**
 * Who is handling a chat's inbox entries right now. Taken by a unique insert (`_id` = the chat
 * key), which is atomic on both stores, so across processes one handler per chat at a time.
 */
export interface InboxLeaseDoc {
  _id: string;
  platform: string;
  /** The process (a random id per start) holding it. */
  holder: string;
  /** Taken or last renewed; a lease not renewed for long is broken (its holder died). */
  at: Date;
}

export const inboxLeaseSchema = new Schema<InboxLeaseDoc>(
  {
    _id: { type: String, required: true },
    platform: { type: String, required: true },
    holder: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { collection: 'webhook_inbox_leases', versionKey: false },
);
