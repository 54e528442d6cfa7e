import type { Connection, Model } from 'mongoose';
import {
  type AnswerDoc,
  type AnswerRevisionDoc,
  answerRevisionSchema,
  answerSchema,
  type SubmissionVersionDoc,
  submissionVersionSchema,
} from './answer';
import { type ContactDoc, contactSchema } from './contact';
import { type InviteDoc, inviteSchema } from './invite';
import {
  type AuditEventDoc,
  auditEventSchema,
  type ChatSessionDoc,
  chatSessionSchema,
  type ProcessedUpdateDoc,
  processedUpdateSchema,
  type ReminderLedgerDoc,
  reminderLedgerSchema,
} from './ledgers';
import { type RoundDoc, roundSchema } from './round';
import { type StoreLeaseDoc, storeLeaseSchema } from './store-lease';
import { type StoreMetaDoc, storeMetaSchema } from './store-meta';
import {
  type SubmissionChangeDoc,
  type SubmissionDoc,
  submissionChangeSchema,
  submissionSchema,
} from './submission';
import { type UnitDoc, unitSchema } from './unit';
import { type WebLoginDoc, webLoginSchema } from './web-login';
import { type InboxEntryDoc, type InboxLeaseDoc, inboxEntrySchema, inboxLeaseSchema } from './webhook-inbox';
import { type ZaloButtonsDoc, zaloButtonsSchema } from './zalo-buttons';

export interface Models {
  Unit: Model<UnitDoc>;
  Contact: Model<ContactDoc>;
  Invite: Model<InviteDoc>;
  Round: Model<RoundDoc>;
  Submission: Model<SubmissionDoc>;
  Answer: Model<AnswerDoc>;
  AnswerRevision: Model<AnswerRevisionDoc>;
  SubmissionVersion: Model<SubmissionVersionDoc>;
  ReminderLedger: Model<ReminderLedgerDoc>;
  ProcessedUpdate: Model<ProcessedUpdateDoc>;
  AuditEvent: Model<AuditEventDoc>;
  ChatSession: Model<ChatSessionDoc>;
  ZaloButtons: Model<ZaloButtonsDoc>;
  WebLogin: Model<WebLoginDoc>;
  StoreMeta: Model<StoreMetaDoc>;
  InboxEntry: Model<InboxEntryDoc>;
  InboxLease: Model<InboxLeaseDoc>;
  StoreLease: Model<StoreLeaseDoc>;
  SubmissionChange: Model<SubmissionChangeDoc>;
}

/** Binds every schema to one connection (no global mongoose models: tests open several databases). */
export function createModels(connection: Connection): Models {
  return {
    Unit: connection.model<UnitDoc>('Unit', unitSchema),
    Contact: connection.model<ContactDoc>('Contact', contactSchema),
    Invite: connection.model<InviteDoc>('Invite', inviteSchema),
    Round: connection.model<RoundDoc>('Round', roundSchema),
    Submission: connection.model<SubmissionDoc>('Submission', submissionSchema),
    Answer: connection.model<AnswerDoc>('Answer', answerSchema),
    AnswerRevision: connection.model<AnswerRevisionDoc>('AnswerRevision', answerRevisionSchema),
    SubmissionVersion: connection.model<SubmissionVersionDoc>('SubmissionVersion', submissionVersionSchema),
    ReminderLedger: connection.model<ReminderLedgerDoc>('ReminderLedger', reminderLedgerSchema),
    ProcessedUpdate: connection.model<ProcessedUpdateDoc>('ProcessedUpdate', processedUpdateSchema),
    AuditEvent: connection.model<AuditEventDoc>('AuditEvent', auditEventSchema),
    ChatSession: connection.model<ChatSessionDoc>('ChatSession', chatSessionSchema),
    ZaloButtons: connection.model<ZaloButtonsDoc>('ZaloButtons', zaloButtonsSchema),
    WebLogin: connection.model<WebLoginDoc>('WebLogin', webLoginSchema),
    StoreMeta: connection.model<StoreMetaDoc>('StoreMeta', storeMetaSchema),
    InboxEntry: connection.model<InboxEntryDoc>('InboxEntry', inboxEntrySchema),
    InboxLease: connection.model<InboxLeaseDoc>('InboxLease', inboxLeaseSchema),
    StoreLease: connection.model<StoreLeaseDoc>('StoreLease', storeLeaseSchema),
    SubmissionChange: connection.model<SubmissionChangeDoc>('SubmissionChange', submissionChangeSchema),
  };
}

export * from './contact';
export * from './ledgers';
export * from './round';
export * from './store-lease';
export * from './store-meta';
export * from './submission';
export * from './unit';
export * from './web-login';
export * from './webhook-inbox';
export type {
  AnswerDoc,
  AnswerRevisionDoc,
  AuditEventDoc,
  ChatSessionDoc,
  ContactDoc,
  InviteDoc,
  ProcessedUpdateDoc,
  ReminderLedgerDoc,
  RoundDoc,
  SubmissionDoc,
  SubmissionVersionDoc,
  UnitDoc,
  WebLoginDoc,
  ZaloButtonsDoc,
};
