import { Schema } from 'mongoose';

export const LEDGER_STATUSES = ['pending', 'sent', 'failed', 'skipped', 'unreachable'] as const;
export type LedgerStatus = (typeof LEDGER_STATUSES)[number];

export interface ReminderLedgerDoc {
  /** `<roundId>:<stage>:<recipientId>`: inserted before sending, so each reminder goes out at most once. */
  _id: string;
  roundId: string;
  stage: string;
  recipientId: string;
  unitCode: string | null;
  kind: string;
  status: LedgerStatus;
  attempts: number;
  error: string | null;
  createdAt: Date;
  sentAt: Date | null;
}

export const reminderLedgerSchema = new Schema<ReminderLedgerDoc>(
  {
    _id: { type: String, required: true },
    roundId: { type: String, required: true },
    stage: { type: String, required: true },
    recipientId: { type: String, required: true },
    unitCode: { type: String, default: null },
    kind: { type: String, required: true },
    status: { type: String, required: true, enum: LEDGER_STATUSES },
    attempts: { type: Number, default: 0 },
    error: { type: String, default: null },
    createdAt: { type: Date, required: true },
    sentAt: { type: Date, default: null },
  },
  { collection: 'reminder_ledger', versionKey: false },
);
reminderLedgerSchema.index({ roundId: 1, stage: 1, recipientId: 1 }, { unique: true });
reminderLedgerSchema.index({ roundId: 1 });

export interface ProcessedUpdateDoc {
  /** `<platform>:<update id>`: a redelivered update hits the unique `_id` and is ignored. */
  _id: string;
  at: Date;
  /** `processing` until the replies are handed to the channel; a redelivery of a `processing`
   *  update means the process died while handling it. */
  status: 'processing' | 'done';
}

export const processedUpdateSchema = new Schema<ProcessedUpdateDoc>(
  {
    _id: { type: String, required: true },
    at: { type: Date, required: true },
    status: { type: String, enum: ['processing', 'done'], default: 'done' },
  },
  // No TTL index: FerretDB cannot create one. Old entries are removed by a scheduled delete.
  { collection: 'processed_updates', versionKey: false },
);
processedUpdateSchema.index({ at: 1 });

export interface AuditEventDoc {
  at: Date;
  /** Contact id, `cli`, or `system`. */
  actor: string;
  channel: string;
  action: string;
  roundId: string | null;
  unitCode: string | null;
  details: Record<string, unknown>;
}

export const auditEventSchema = new Schema<AuditEventDoc>(
  {
    at: { type: Date, required: true },
    actor: { type: String, required: true },
    channel: { type: String, required: true },
    action: { type: String, required: true },
    roundId: { type: String, default: null },
    unitCode: { type: String, default: null },
    details: { type: Schema.Types.Mixed, default: () => ({}) },
  },
  { collection: 'audit_events', versionKey: false, minimize: false },
);
auditEventSchema.index({ roundId: 1, at: 1 });
auditEventSchema.index({ unitCode: 1, at: 1 });

export interface ChatSessionDoc {
  /** `<platform>:<chatId>`: read and written by `_id` on every message, kept small. */
  _id: string;
  contactId: string;
  /** The last update applied to this chat: a redelivery of it after a crash is not applied twice. */
  lastUpdateId?: string | null;
  submissionId: string | null;
  /** The flow engine's serialisable state (small, versioned). */
  engine: unknown;
  /** State of a multi-step command outside a report (confirmations, secretariat wizards). */
  pending: unknown;
  updatedAt: Date;
}

export const chatSessionSchema = new Schema<ChatSessionDoc>(
  {
    _id: { type: String, required: true },
    contactId: { type: String, required: true },
    lastUpdateId: { type: String, default: null },
    submissionId: { type: String, default: null },
    engine: { type: Schema.Types.Mixed, default: null },
    pending: { type: Schema.Types.Mixed, default: null },
    updatedAt: { type: Date, required: true },
  },
  { collection: 'chat_sessions', versionKey: false, minimize: false },
);
