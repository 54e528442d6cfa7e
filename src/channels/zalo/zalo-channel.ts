import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Conversation } from '../../conversation/conversation';
import type { ChannelSender } from '../../conversation/messages';
import type { HttpServer } from '../../http/server';
import type { Logger } from '../../logger';
import { KeyedLock } from '../../store/keyed-lock';
import type { Repositories } from '../../store/repositories';
import { type ChannelStatus, onLongPollHeld, POLL_FAILURES_UNHEALTHY } from '../channel';
import {
  createWebhookInbox,
  readWebhookBody,
  type WebhookInbox,
  type WebhookInboxSettings,
  webhookSecretMatches,
} from '../webhook-inbox';
import { normalizeZaloUpdate, type PhotoDownloader, parseZaloUpdate } from './normalize';
import { ZALO_MAX_TEXT } from './render';
import { createZaloRateLimiter, createZaloSender, deliverToZalo, type ZaloDelivery } from './sender';
import { abortableSleep, createZaloClient, ZaloApiError, type ZaloClient } from './zalo-client';

export interface ZaloChannelOptions {
  token: string;
  apiRoot: string;
  webhook?: { url: string; secret: string } | undefined;
  conversation: Conversation;
  logger: Logger;
  http: HttpServer;
  repos: Repositories;
  /** Long-poll duration in seconds (Zalo's default 30). */
  pollTimeoutSeconds?: number;
  /** Largest photo to download; bigger ones are cut off and refused by the report feature. */
  maxDownloadBytes?: number;
  /** Longest wait for one API call (BOT_API_TIMEOUT_SECONDS); the client's default otherwise. */
  requestTimeoutSeconds?: number;
  /** Tests shorten the client's retry delays. */
  client?: ZaloClient;
  /** The outbound side built with the platform's connection: its sender shares the chat locks. */
  outbound?: { delivery: ZaloDelivery; sender: ChannelSender };
  /** Webhook mode: where received updates are stored before Zalo is answered (default: `repos`'s). */
  webhookInbox?: WebhookInboxSettings;
}

export interface ZaloChannel {
  readonly sender: ChannelSender;
  start(): Promise<void>;
  stop(): Promise<void>;
  status(): ChannelStatus;
}

export const ZALO_WEBHOOK_PATH = '/zalo/webhook';
const SECRET_HEADER = 'x-bot-api-secret-token';
/** Webhook bodies are one small JSON update. */
const MAX_WEBHOOK_BODY = 256 * 1024;

/**
 * Zalo Bot Platform: long polling (one update per getUpdates call) or a webhook checked against
 * its secret. Each update is normalised (typed numbers and command words included) and handed to
 * the conversation; replies are rendered as numbered text.
 */
export function createZaloChannel(options: ZaloChannelOptions): ZaloChannel {
  const { conversation, logger, repos } = options;
  const client =
    options.client ??
    createZaloClient({
      token: options.token,
      apiRoot: options.apiRoot,
      requestTimeoutMs:
        options.requestTimeoutSeconds === undefined ? undefined : options.requestTimeoutSeconds * 1000,
    });
  const delivery: ZaloDelivery = options.outbound?.delivery ?? {
    buttons: repos.zaloButtons,
    chatLock: new KeyedLock(),
    now: () => new Date(),
  };
  const sender = options.outbound?.sender ?? createZaloSender(client, createZaloRateLimiter(), delivery);
  const download = photoDownloader(options.maxDownloadBytes ?? 20 * 1024 * 1024);
  let abort: AbortController | undefined;
  let loop: Promise<void> | undefined;
  let webhookSet = false;
  let inbox: WebhookInbox | undefined;
  /** getUpdates failures in a row, for /healthz. */
  let pollFailures = 0;

  /** Handles one raw update end to end; never throws (a failure is logged, the loop goes on). */
  async function handleUpdate(raw: unknown): Promise<void> {
    try {
      await processUpdate(raw);
    } catch (error) {
      logger.error({ err: error }, 'zalo: update failed');
    }
  }

  /** Handles one raw update; throws when it failed (the webhook inbox then tries it again). */
  async function processUpdate(raw: unknown): Promise<void> {
    const update = parseZaloUpdate(raw);
    if (!update) {
      logger.warn({ raw }, 'zalo: update not understood, ignored');
      return;
    }
    // getUpdates has no offset, so the same message may come twice: the conversation ignores a
    // message id it has seen (updateId = message_id, recorded in the store), and forgets it again
    // when handling failed, so that a redelivery is then processed.
    const chatId = update.message.chat.id;
    await delivery.chatLock.run(chatId, async () => {
      const lastButtons = await repos.zaloButtons.get(chatId);
      const inbound = normalizeZaloUpdate(update, lastButtons, download);
      if (!inbound) return;
      // Replies go out before the update is marked done: see Conversation.handle.
      await conversation.handle(inbound, ZALO_MAX_TEXT, (replies) =>
        deliverToZalo(client, delivery, chatId, replies),
      );
    });
  }

  async function poll(signal: AbortSignal): Promise<void> {
    const timeout = options.pollTimeoutSeconds ?? 30;
    while (!signal.aborted) {
      const cancelHeld = onLongPollHeld(() => {
        pollFailures = 0;
      });
      try {
        const update = await client.call(
          'getUpdates',
          { timeout },
          { signal, retries: 0, extraTimeoutMs: timeout * 1000 },
        );
        cancelHeld();
        pollFailures = 0;
        // Sequential: Zalo hands out one update per call, and order within a chat matters.
        await handleUpdate(update);
      } catch (error) {
        cancelHeld();
        if (signal.aborted) return;
        if (error instanceof ZaloApiError && error.errorCode === 408) {
          pollFailures = 0;
          continue; // An empty long poll.
        }
        pollFailures++;
        const delayMs = Math.min(30_000, 500 * 2 ** Math.min(pollFailures - 1, 6));
        logger.warn({ err: error, failures: pollFailures, delayMs }, 'zalo: getUpdates failed, retrying');
        await abortableSleep(delayMs, signal).catch(() => undefined);
      }
    }
  }

  function webhookHandler(secret: string) {
    return async (request: IncomingMessage, response: ServerResponse) => {
      if (!webhookSecretMatches(request.headers[SECRET_HEADER], secret)) {
        request.resume();
        response.writeHead(401, { 'content-type': 'text/plain; charset=utf-8' }).end('Unauthorized');
        return;
      }
      let raw: unknown;
      try {
        raw = JSON.parse((await readWebhookBody(request, MAX_WEBHOOK_BODY)).toString('utf8'));
      } catch {
        response.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end('Bad Request');
        return;
      }
      const update = parseZaloUpdate(raw);
      if (update && inbox) {
        // Stored first, then acknowledged at once: Zalo must not wait for (or retry because of) a
        // slow reply, and a process killed meanwhile handles it at its next start.
        try {
          await inbox.receive({
            updateId: update.message.message_id,
            chatId: update.message.chat.id,
            seq: Date.now(),
            payload: raw,
          });
        } catch (error) {
          logger.error({ err: error }, 'zalo: update not stored; answered 500 for a redelivery');
          response
            .writeHead(500, { 'content-type': 'text/plain; charset=utf-8' })
            .end('Internal Server Error');
          return;
        }
      } else logger.warn({ raw }, 'zalo: update not understood, ignored');
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    };
  }

  return {
    sender,
    async start() {
      const me = await client.call<{ account_name?: string; id?: string }>('getMe');
      if (options.webhook) {
        inbox = createWebhookInbox(
          'zalo',
          options.webhookInbox ?? { repo: repos.webhookInbox, soleWriter: false },
          processUpdate,
          logger,
        );
        options.http.route('POST', ZALO_WEBHOOK_PATH, webhookHandler(options.webhook.secret));
        await inbox.start();
        await client.call('setWebhook', { url: options.webhook.url, secret_token: options.webhook.secret });
        webhookSet = true;
        logger.info({ url: options.webhook.url, bot: me.account_name }, 'zalo: webhook mode');
        return;
      }
      // Polling and webhook are exclusive: a webhook left from an earlier run would block getUpdates.
      await client.call('deleteWebhook');
      abort = new AbortController();
      loop = poll(abort.signal);
      logger.info({ bot: me.account_name }, 'zalo: long polling');
    },
    async stop() {
      abort?.abort(new Error('zalo channel stopped'));
      await loop;
      loop = undefined;
      await inbox?.stop();
      webhookSet = false;
    },
    status() {
      return options.webhook
        ? { mode: 'webhook', running: webhookSet }
        : {
            mode: 'polling',
            running:
              loop !== undefined && abort?.signal.aborted === false && pollFailures < POLL_FAILURES_UNHEALTHY,
            pollFailures,
          };
    },
  };
}

/** Photos come as a CDN URL; fetched with a time limit and a size cap. */
function photoDownloader(maxBytes: number): PhotoDownloader {
  return async (url) => {
    const response = await fetch(url, { signal: AbortSignal.timeout(60_000) });
    if (!response.ok || !response.body) throw new Error(`photo download failed: HTTP ${response.status}`);
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of response.body) {
      chunks.push(Buffer.from(chunk));
      size += chunk.length;
      // Stop reading a huge file: one byte over the limit is enough for the report feature to
      // refuse it as too large.
      if (size > maxBytes) break;
    }
    return Buffer.concat(chunks);
  };
}
