import type { DateTime } from 'luxon';
import type { IdentityService } from '../features/contacts/identity';
import type { Logger } from '../logger';
import { cloneDocument } from '../store/clone-document';
import { KeyedLock } from '../store/keyed-lock';
import type { ChatSessionDoc } from '../store/models';
import type { Repositories } from '../store/repositories';
import { isTransientStoreError } from '../store/transient-error';
import type { ButtonBinding } from './button-binding';
import { prefixOf } from './callback-data';
import { declaredCommand } from './commands';
import { vi } from './common-texts';
import type { Inbound, Outbound, Platform } from './messages';
import { type PendingBinding, pendingType } from './pending';
import type { ConversationFeature, Turn } from './turn';

export interface ConversationDeps {
  repos: Repositories;
  identity: IdentityService;
  features: ConversationFeature[];
  logger: Logger;
  now: () => DateTime;
  /** Whether a platform shows buttons (its sender's `buttons`): the turn carries it to the features. */
  hasButtons: (platform: Platform) => boolean;
}

/** A message that met an unreachable store is tried again this many times in all, waiting longer each time. */
const STORE_RETRIES = 4;
const STORE_RETRY_DELAY_MS = 1_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The replies to an update could not be sent (after the API client's own retries). */
export class ReplyNotDeliveredError extends Error {
  constructor(
    readonly updateId: string,
    readonly cause: unknown,
  ) {
    super(`reply to update ${updateId} not delivered: ${(cause as Error)?.message ?? String(cause)}`);
    this.name = 'ReplyNotDeliveredError';
  }
}

/** Invitation codes are 16 base64url characters; on platforms without deep links users just send them. */
const INVITE_CODE = /^[A-Za-z0-9_-]{16}$/;

/**
 * The router every channel calls with a normalised message: de-duplicates redeliveries,
 * identifies the sender, dispatches to the features, and never lets an error go unanswered.
 */
export function createConversation({ repos, identity, features, logger, now, hasButtons }: ConversationDeps) {
  const chatLock = new KeyedLock();
  const commands = new Map<
    string,
    { handler: NonNullable<ConversationFeature['commands']>[string]; secretariat: boolean }
  >();
  const buttons = new Map<string, ButtonBinding>();
  const pendings = new Map<string, PendingBinding>();
  const fallbacks = features.flatMap((feature) => (feature.fallback ? [feature.fallback] : []));
  // Two features claiming the same command, button prefix or pending state would silently
  // replace one another: refuse to start instead.
  const register = <T>(map: Map<string, T>, what: string, key: string, value: T) => {
    if (map.has(key)) throw new Error(`two features register the ${what} "${key}"`);
    map.set(key, value);
  };
  for (const feature of features) {
    for (const [name, handler] of Object.entries(feature.commands ?? {})) {
      // Every command is declared once (menus, typed words, who may use it): one missing there
      // would be missing from the menus and the typed words.
      const declared = declaredCommand(name);
      if (!declared) throw new Error(`the command "${name}" is not declared in conversation/commands.ts`);
      register(commands, 'command', name, { handler, secretariat: declared.audience === 'secretariat' });
    }
    for (const binding of feature.buttons ?? []) register(buttons, 'button prefix', binding.prefix, binding);
    for (const binding of feature.pending ?? []) register(pendings, 'pending state', binding.type, binding);
  }

  /**
   * Handles one message. With `deliver`, the replies are sent before the update is marked done, so
   * a process that dies before its reply went out handles the redelivered update again (showing
   * where the user is, never applying it twice); without it, the caller sends the returned replies.
   */
  async function handle(
    inbound: Inbound,
    maxTextLength: number,
    deliver?: (replies: Outbound[]) => Promise<void>,
  ): Promise<Outbound[]> {
    // One message at a time per chat, whatever the channel's own ordering guarantees.
    return chatLock.run(`${inbound.platform}:${inbound.chatId}`, async () => {
      const { replies, claimed } = await handleWithRetries(inbound, maxTextLength);
      if (deliver && replies.length > 0) {
        try {
          await deliver(replies);
        } catch (error) {
          // Not marked done and thrown to the channel, which has the update handled again later
          // (long polling keeps it unconfirmed; a webhook answers 500 so the platform resends
          // it): the user is shown where they are then, and nothing is applied twice.
          logger.warn(
            { err: error, update_id: inbound.updateId },
            'reply not delivered; update left to retry',
          );
          throw new ReplyNotDeliveredError(inbound.updateId, error);
        }
      }
      if (claimed) {
        // If this write is lost, a redelivery shows the user where they are: nothing is applied twice.
        await repos.processedUpdates
          .complete(inbound.platform, inbound.updateId)
          .catch((error: unknown) =>
            logger.warn({ err: error, update_id: inbound.updateId }, 'update not marked done'),
          );
      }
      return replies;
    });
  }

  async function handleWithRetries(
    inbound: Inbound,
    maxTextLength: number,
  ): Promise<{ replies: Outbound[]; claimed: boolean }> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await handleOnce(inbound, maxTextLength);
      } catch (error) {
        // The store was briefly away (e.g. its server restarting): the message is handled again,
        // which is safe because every write is an idempotent upsert or a unique insert.
        if (isTransientStoreError(error) && attempt < STORE_RETRIES) {
          logger.warn(
            { err: error, update_id: inbound.updateId, attempt },
            'store unavailable; retrying the update',
          );
          await sleep(STORE_RETRY_DELAY_MS * attempt);
          continue;
        }
        logger.error(
          { err: error, update_id: inbound.updateId, platform: inbound.platform },
          'update failed',
        );
        // Let a redelivery of this update be processed again.
        await repos.processedUpdates.forget(inbound.platform, inbound.updateId).catch(() => undefined);
        return { replies: [{ text: vi.apology }], claimed: false };
      }
    }
  }

  async function handleOnce(
    inbound: Inbound,
    maxTextLength: number,
  ): Promise<{ replies: Outbound[]; claimed: boolean }> {
    const at = now();
    const claim = await repos.processedUpdates.claim(inbound.platform, inbound.updateId, at.toJSDate());
    if (claim === 'duplicate') {
      logger.debug({ update_id: inbound.updateId }, 'redelivered update ignored');
      return { replies: [], claimed: false };
    }
    const replies = await route(inbound, maxTextLength, at, claim === 'interrupted');
    return { replies, claimed: true };
  }

  async function route(
    inbound: Inbound,
    maxTextLength: number,
    at: DateTime,
    interrupted: boolean,
  ): Promise<Outbound[]> {
    const content = inbound.content;
    let contact = await identity.resolve(inbound);

    if (content.type === 'command' && content.command === 'start') {
      const code = content.args.trim();
      if (code) {
        const outcome = await identity.redeem(inbound, code);
        if (!outcome.ok) return [{ text: outcome.text }];
        contact = outcome.contact;
        return [{ text: outcome.text }];
      }
      if (!contact?.active) return [{ text: vi.welcomeUnknown }];
      const unit = contact.unitCode ? await repos.units.get(contact.unitCode) : null;
      return [{ text: vi.greetingKnown(contact.displayName || inbound.displayName, unit?.name ?? null) }];
    }

    if (!contact?.active) {
      // Without deep links (Zalo, web) a newcomer simply sends the code.
      if (content.type === 'text' && INVITE_CODE.test(content.text.trim())) {
        return [{ text: (await identity.redeem(inbound, content.text.trim())).text }];
      }
      return [{ text: vi.notRegistered }];
    }

    const sessionId = `${inbound.platform}:${inbound.chatId}`;
    const session: ChatSessionDoc = (await repos.sessions.get(sessionId)) ?? {
      _id: sessionId,
      contactId: contact._id,
      lastUpdateId: null,
      submissionId: null,
      engine: null,
      pending: null,
      updatedAt: at.toJSDate(),
    };
    // The process died after applying this very update but before replying: apply nothing
    // twice, just show the user where they are.
    const alreadyApplied = interrupted && session.lastUpdateId === inbound.updateId;
    const turn: Turn = {
      log: logger.child({ update_id: inbound.updateId, platform: inbound.platform, chat: inbound.chatId }),
      inbound: alreadyApplied
        ? { ...inbound, content: { type: 'command', command: 'baocao', args: '' } }
        : inbound,
      contact,
      session,
      now: at,
      maxTextLength,
      buttons: hasButtons(inbound.platform),
    };
    // Replayed only to answer: the chat stays exactly as the first handling left it (e.g. a
    // pending "confirm submission?" must survive), so nothing of the replay is saved.
    if (alreadyApplied) return dispatch({ ...turn, session: cloneDocument(session) });
    const replies = await dispatch(turn);
    session.lastUpdateId = inbound.updateId;
    session.contactId = contact._id;
    session.updatedAt = at.toJSDate();
    await repos.sessions.save(session);
    return replies;
  }

  async function dispatch(turn: Turn): Promise<Outbound[]> {
    const { content } = turn.inbound;
    if (content.type === 'command') {
      const command = commands.get(content.command);
      if (!command) return [{ text: vi.unknownCommand }];
      if (command.secretariat && turn.contact.role !== 'secretariat') return [{ text: vi.secretariatOnly }];
      return command.handler(turn);
    }
    if (content.type === 'button') {
      const binding = buttons.get(prefixOf(content.data));
      if (!binding) {
        turn.log.warn({ data: content.data }, 'button data of no known kind ignored');
        return [{ text: vi.staleButton }];
      }
      return binding.run(turn, content.data);
    }
    if (turn.session.pending != null) {
      const type = pendingType(turn.session.pending);
      const binding = type === undefined ? undefined : pendings.get(type);
      if (binding) return binding.run(turn, content);
      // Of no feature any more (or not a pending state at all): forgotten, the message handled as usual.
      turn.log.warn({ pendingType: type }, 'pending state of no known kind dropped');
      turn.session.pending = null;
    }
    for (const fallback of fallbacks) {
      const replies = await fallback(turn, content);
      if (replies.length > 0) return replies;
    }
    return [{ text: content.type === 'text' ? vi.notInReport : vi.unsupportedOutsideReport }];
  }

  return { handle };
}

export type Conversation = ReturnType<typeof createConversation>;
