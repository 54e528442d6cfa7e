import type { KeyedLock } from '../keyed-lock';
import type { Models } from '../models';
import { ReferenceCache } from '../reference-cache';
import { createAnswerRepository } from './answers';
import { createContactRepository } from './contacts';
import { createInviteRepository } from './invites';
import { createAuditLog, createChatSessions, createProcessedUpdates, createReminderLedger } from './ledgers';
import { createRoundRepository } from './rounds';
import { createSubmissionRepository } from './submissions';
import { createUnitRepository } from './units';
import { createWebLoginRepository } from './web-logins';
import { createWebhookInboxRepository } from './webhook-inbox';
import { createZaloButtonsRepository } from './zalo-buttons';

/** Narrow, named operations over the collections: the only way the rest of the program touches data. */
/**
 * `soleWriter`: this process is the only one that changes chat sessions and submissions (the bot
 * owning the embedded store), so it may keep them in memory as it writes them.
 */
export function createRepositories(models: Models, lock: KeyedLock, options: { soleWriter?: boolean } = {}) {
  const soleWriter = { soleWriter: options.soleWriter ?? false };
  const cache = new ReferenceCache(models.StoreMeta);
  return {
    units: createUnitRepository(models, cache),
    contacts: createContactRepository(models, lock, cache),
    invites: createInviteRepository(models, lock),
    rounds: createRoundRepository(models, lock, cache),
    submissions: createSubmissionRepository(models, lock, soleWriter),
    answers: createAnswerRepository(models, lock),
    reminders: createReminderLedger(models),
    processedUpdates: createProcessedUpdates(models),
    audit: createAuditLog(models),
    sessions: createChatSessions(models, soleWriter),
    zaloButtons: createZaloButtonsRepository(models),
    webLogins: createWebLoginRepository(models),
    webhookInbox: createWebhookInboxRepository(models),
  };
}

export type Repositories = ReturnType<typeof createRepositories>;
export { answerId } from './answers';
export { contactId } from './contacts';
export { isDuplicateKeyError } from './duplicate-key';
export { hashInviteCode } from './invites';
export { reminderKey } from './ledgers';
export { submissionId } from './submissions';
export { hashWebSecret } from './web-logins';
export type { WebhookInboxRepository } from './webhook-inbox';
