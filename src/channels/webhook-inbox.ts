import { randomUUID, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { setTimeout as pause } from 'node:timers/promises';
import type { Logger } from '../logger';
import type { InboxEntryDoc } from '../store/models/webhook-inbox';
import type { WebhookInboxRepository } from '../store/repositories/webhook-inbox';

/** Where a channel's webhook inbox lives and whether this process is the store's only bot. */
export interface WebhookInboxSettings {
  repo: WebhookInboxRepository;
  /**
   * The store's only bot (the embedded store's owner): at start every lease is its own dead one.
   * Otherwise (several instances on MongoDB) a lease is broken only when not renewed for a while.
   */
  soleWriter: boolean;
  /**
   * How often leftover entries and dead leases are looked for (default 15 s with several
   * instances, a minute for the store's only bot, where a sweep only retries failed drains).
   */
  sweepIntervalMs?: number;
  /** A lease not renewed for this long is broken (default 30 s; a held lease is renewed every 10 s). */
  leaseStaleMs?: number;
  /** Pauses before handling a failed update again; tests shorten them. */
  retryDelaysMs?: number[];
}

export interface ReceivedUpdate {
  updateId: string | number;
  chatId: string;
  /** Order within the chat. */
  seq: number;
  payload: unknown;
}

export interface WebhookInbox {
  /**
   * Stores an update durably (a redelivery is recognised by its id and not stored twice), then
   * has it handled in the background. Throws only when the store refused it: the webhook must
   * then not answer 200, so that the platform delivers it again.
   */
  receive(update: ReceivedUpdate): Promise<'new' | 'duplicate'>;
  /** Handles what an earlier process left in the inbox, and starts the periodic sweep. */
  start(): Promise<void>;
  /** Stops taking work and waits for the updates being handled (left ones stay for the next start). */
  stop(): Promise<void>;
}

/** Pauses before handling a failed update again (about a minute and a half in all). */
const RETRY_DELAYS_MS = [1_000, 2_000, 5_000, 10_000, 30_000, 45_000];
const SWEEP_INTERVAL_MS = 15_000;
/** Entries of one chat read at a time. */
const BATCH = 20;
const SOLE_WRITER_SWEEP_INTERVAL_MS = 60_000;
const LEASE_RENEW_MS = 10_000;
const LEASE_STALE_MS = 30_000;

/**
 * A webhook's inbox: an update is written to the store before the platform gets its 200, then
 * handled in the background. So a slow turn never makes the platform time out and redeliver, and
 * a process killed between the answer and the handling handles the update at its next start.
 *
 * A chat's updates are handled one at a time, in order, across processes: whoever holds the
 * chat's lease (a unique insert in the store) handles all its pending entries, releases the lease,
 * then looks once more, since an entry stored while it held the lease was left to it.
 * The conversation's processed-update ledger still applies each update once.
 */
export function createWebhookInbox(
  platform: string,
  settings: WebhookInboxSettings,
  handle: (payload: unknown) => Promise<void>,
  logger: Logger,
): WebhookInbox {
  const { repo } = settings;
  const holder = randomUUID();
  const retryDelays = settings.retryDelaysMs ?? RETRY_DELAYS_MS;
  const running = new Set<Promise<void>>();
  const abort = new AbortController();
  let sweepTimer: NodeJS.Timeout | undefined;
  let stopped = false;

  function kick(chatKey: string): void {
    if (stopped) return;
    const work = drain(chatKey)
      .catch((error: unknown) => {
        // The entries stay pending: the next sweep (or start) tries again.
        logger.warn({ err: error, chat: chatKey }, 'webhook inbox: chat not drained');
      })
      .finally(() => running.delete(work));
    running.add(work);
  }

  async function drain(chatKey: string): Promise<void> {
    while (!stopped) {
      if (!(await repo.takeLease(chatKey, platform, holder, new Date()))) return;
      // Renewed while held, however long one turn takes: only a dead holder's lease goes stale.
      const heartbeat = setInterval(() => {
        repo.renewLease(chatKey, holder, new Date()).catch(() => undefined);
      }, LEASE_RENEW_MS);
      heartbeat.unref();
      try {
        // A batch shorter than the limit was all there was: the look after the release finds what
        // came since (one query fewer per update; on the embedded store each is a scan).
        for (let batch = await repo.pending(chatKey, BATCH); ; batch = await repo.pending(chatKey, BATCH)) {
          for (const entry of batch) {
            if (stopped) return;
            await handleEntry(entry);
          }
          if (batch.length < BATCH) break;
        }
      } finally {
        clearInterval(heartbeat);
        await repo.releaseLease(chatKey, holder);
      }
      // An entry stored while the lease was held found it taken and was left to us.
      if ((await repo.pending(chatKey, 1)).length === 0) return;
    }
  }

  /** Handles one entry, retrying after pauses; stopped meanwhile, it stays pending for the next start. */
  async function handleEntry(entry: InboxEntryDoc): Promise<void> {
    const payload: unknown = JSON.parse(entry.payload);
    for (let attempt = 1; ; attempt++) {
      try {
        await handle(payload);
        // Deleted: the inbox holds only what is still to handle.
        await repo.finish(entry._id, 'done', new Date());
        return;
      } catch (error) {
        const delay = retryDelays[attempt - 1];
        if (delay === undefined) {
          logger.error(
            { err: error, update: entry._id, attempts: attempt },
            'webhook update failed; given up',
          );
          await repo.finish(entry._id, 'failed', new Date());
          return;
        }
        logger.warn(
          { err: error, update: entry._id, attempt, retryInMs: delay },
          'webhook update failed; retrying',
        );
        const interrupted = await pause(delay, undefined, { signal: abort.signal }).then(
          () => false,
          () => true,
        );
        if (interrupted) return;
      }
    }
  }

  /**
   * Breaks dead leases and has chats with pending entries handled. At start, the store's only bot
   * breaks every lease of its platform (they are all of a dead process); otherwise, and later,
   * only leases not renewed for a while go, since a live process's are renewed as it works.
   */
  async function sweep(atStart: boolean): Promise<void> {
    const broken =
      atStart && settings.soleWriter
        ? await repo.breakLeases(platform)
        : await repo.breakLeases(platform, new Date(Date.now() - (settings.leaseStaleMs ?? LEASE_STALE_MS)));
    if (broken > 0) logger.warn({ leases: broken }, 'webhook inbox: leases of a dead process broken');
    const chats = await repo.chatsWithPending(platform);
    if (atStart && chats.length > 0) {
      logger.info({ chats: chats.length }, 'webhook inbox: handling updates left pending');
    }
    for (const chatKey of chats) kick(chatKey);
  }

  return {
    async receive(update) {
      const chatKey = `${platform}:${update.chatId}`;
      const outcome = await repo.add({
        _id: `${platform}:${update.updateId}`,
        platform,
        chatKey,
        seq: update.seq,
        payload: JSON.stringify(update.payload),
        receivedAt: new Date(),
      });
      // A redelivery too: its first copy may be pending in a chat whose handler has gone.
      kick(chatKey);
      return outcome;
    },
    async start() {
      await sweep(true);
      sweepTimer = setInterval(
        () => {
          sweep(false).catch((error: unknown) => logger.warn({ err: error }, 'webhook inbox: sweep failed'));
        },
        settings.sweepIntervalMs ?? (settings.soleWriter ? SOLE_WRITER_SWEEP_INTERVAL_MS : SWEEP_INTERVAL_MS),
      );
      sweepTimer.unref();
    },
    async stop() {
      stopped = true;
      if (sweepTimer) clearInterval(sweepTimer);
      abort.abort();
      while (running.size > 0) await Promise.allSettled([...running]);
    },
  };
}

/** Whether a webhook request carries the secret (compared in constant time). */
export function webhookSecretMatches(header: string | string[] | undefined, secret: string): boolean {
  if (typeof header !== 'string') return false;
  const given = Buffer.from(header);
  const expected = Buffer.from(secret);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Reads a webhook body up to `limit` bytes; throws past it. */
export async function readWebhookBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new Error('webhook body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
