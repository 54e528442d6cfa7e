/**
 * A fake Zalo Bot Platform API server for tests (see shared/reference/messaging-platforms.md):
 * `POST <apiRoot>/bot<token>/<method>` with a JSON body, answers `{ok: true, result}` or
 * `{ok: false, error_code, description}`.
 *
 * - `getUpdates` long-polls (`{timeout}` seconds, default 30) and returns ONE update per call as
 *   `result: {event_name, message}`; an empty poll answers error_code 408 "Request timeout".
 *   No offset: each queued update is delivered once (`redeliverLast()` delivers the last one again).
 * - Methods: getMe, getUpdates, setWebhook, deleteWebhook, getWebhookInfo, sendMessage,
 *   sendPhoto, sendSticker, sendChatAction. Any other method answers 404 (Zalo has no buttons,
 *   callbacks or documents, so a bot calling e.g. answerCallbackQuery here is a bug).
 *
 * Assumptions where Zalo documents nothing: error answers use the error_code as HTTP status
 * (option `errorHttpStatus: 200` answers them with HTTP 200 instead); getUpdates while a webhook
 * is set answers 409; result shapes of send* are `{message_id, date}`.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  CallRecorder,
  postJson,
  type RecordedCall,
  randomId,
  readBody,
  ServerLifecycle,
  type WebhookResponse,
} from './fake-telegram-api';

export type { RecordedCall, WebhookResponse } from './fake-telegram-api';

export interface FakeZaloApiOptions {
  /** Bot id answered by getMe. Default `1234567890123456789`. */
  botId?: string;
  /** Account name answered by getMe. Default `bot.baocao_test`. */
  accountName?: string;
  /** When set, any other token is answered 401 Unauthorized. Default: every token is accepted. */
  token?: string;
  /** HTTP status of error answers: the error_code (default) or always 200. */
  errorHttpStatus?: 'error_code' | 200;
}

export interface ZaloUser {
  id: string;
  display_name?: string;
}

export interface ZaloMessage {
  from: { id: string; display_name: string; is_bot: boolean };
  chat: { id: string; chat_type: 'PRIVATE' | 'GROUP' };
  message_id: string;
  date: number;
  text?: string;
  photo?: string;
  caption?: string;
  sticker?: string;
  url?: string;
  [key: string]: unknown;
}

export interface ZaloUpdate {
  event_name: string;
  message: ZaloMessage;
}

export interface ZaloFault {
  errorCode: 400 | 401 | 403 | 404 | 408 | 429 | 500;
  description?: string;
}

/** A successful sendMessage: the request params plus the message_id answered. */
export interface ZaloSentMessage {
  chat_id: string;
  text: string;
  message_id: string;
  [key: string]: unknown;
}

export interface ZaloBuilderOptions {
  /** Chat id; default the sender's id (private chat). */
  chatId?: string;
  chatType?: 'PRIVATE' | 'GROUP';
}

class ZaloError extends Error {
  constructor(
    readonly errorCode: number,
    readonly description: string,
  ) {
    super(description);
  }
}

const DEFAULT_DESCRIPTIONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  408: 'Request timeout',
  429: 'Quota exceeded',
  500: 'Internal Server Error',
};

/** Drives a bot's Zalo webhook endpoint the way Zalo does (secret in X-Bot-Api-Secret-Token). */
export function postZaloWebhook(url: string, body: unknown, secret?: string): Promise<WebhookResponse> {
  return postJson(url, body, secret === undefined ? {} : { 'X-Bot-Api-Secret-Token': secret });
}

export class FakeZaloApi {
  /** Root to give the Zalo channel, e.g. `http://127.0.0.1:41234`. */
  apiRoot = '';
  /** Current webhook (set by setWebhook), or null. */
  webhook: { url: string; secret_token: string; updated_at: number } | null = null;
  readonly botInfo: { id: string; account_name: string; account_type: string; can_join_groups: boolean };

  private readonly recorder = new CallRecorder<RecordedCall>();
  private readonly server: http.Server;
  private readonly lifecycle: ServerLifecycle;
  private readonly queue: ZaloUpdate[] = [];
  private lastDelivered: ZaloUpdate | undefined;
  private readonly pollWaiters = new Set<() => void>();
  private readonly faults = new Map<string, ZaloFault[]>();
  private closed = false;

  constructor(private readonly options: FakeZaloApiOptions = {}) {
    this.botInfo = {
      id: options.botId ?? '1234567890123456789',
      account_name: options.accountName ?? 'bot.baocao_test',
      account_type: 'BASIC',
      can_join_groups: false,
    };
    this.server = http.createServer((req, res) => {
      this.lifecycle.track(
        this.handle(req, res).catch((err: unknown) => {
          const description = `fake Zalo API internal error: ${(err as Error)?.message ?? String(err)}`;
          this.respond(res, 500, { ok: false, error_code: 500, description });
        }),
      );
    });
    this.lifecycle = new ServerLifecycle(this.server);
  }

  /** @internal use startFakeZaloApi() */
  async listen(): Promise<this> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => resolve());
    });
    const { port } = this.server.address() as AddressInfo;
    this.apiRoot = `http://127.0.0.1:${port}`;
    return this;
  }

  // ----- recorded calls -------------------------------------------------------------------

  get calls(): RecordedCall[] {
    return this.recorder.calls;
  }

  callsTo(method: string): RecordedCall[] {
    return this.recorder.callsTo(method);
  }

  /** Successful sendMessage calls (optionally to one chat), in order. */
  sentMessages(chatId?: string): ZaloSentMessage[] {
    return this.recorder
      .callsTo('sendMessage')
      .filter((c) => c.ok && (chatId === undefined || String(c.params.chat_id) === String(chatId)))
      .map((c) => ({
        ...c.params,
        chat_id: String(c.params.chat_id),
        text: String(c.params.text),
        message_id: (c.result as { message_id: string }).message_id,
      }));
  }

  waitFor(predicate: (call: RecordedCall) => boolean, timeoutMs = 5000): Promise<RecordedCall> {
    return this.recorder.waitFor(predicate, timeoutMs);
  }

  /** Resolves with all sent messages of the chat once there are at least `count` (counted since start/clear). */
  waitForMessages(chatId: string, count = 1, timeoutMs = 5000): Promise<ZaloSentMessage[]> {
    return this.recorder.waitUntil(
      () => {
        const msgs = this.sentMessages(chatId);
        return msgs.length >= count ? msgs : undefined;
      },
      timeoutMs,
      `${count} message(s) to chat ${chatId} (have ${this.sentMessages(chatId).length})`,
    );
  }

  clear(): void {
    this.recorder.clear();
  }

  // ----- updates ----------------------------------------------------------------------------

  /** Updates queued and not yet delivered. */
  get pendingUpdateCount(): number {
    return this.queue.length;
  }

  /** Queues a raw update. Returns its message.message_id. */
  pushUpdate(update: ZaloUpdate): string {
    this.queue.push(update);
    this.wake();
    return update.message.message_id;
  }

  /** Queues the last delivered update again (same message_id) at the head of the queue. */
  redeliverLast(): string {
    if (!this.lastDelivered) throw new Error('redeliverLast: no update was delivered yet');
    this.queue.unshift(structuredClone(this.lastDelivered));
    this.wake();
    return this.lastDelivered.message.message_id;
  }

  /** `message.text.received`. Returns the message_id. */
  sendText(from: ZaloUser, text: string, options: ZaloBuilderOptions = {}): string {
    return this.pushUpdate({
      event_name: 'message.text.received',
      message: this.message(from, options, { text }),
    });
  }

  /** `message.image.received` with `photo` (url) and optional caption. */
  sendImage(
    from: ZaloUser,
    image: { url: string; caption?: string },
    options: ZaloBuilderOptions = {},
  ): string {
    return this.pushUpdate({
      event_name: 'message.image.received',
      message: this.message(from, options, {
        photo: image.url,
        ...(image.caption === undefined ? {} : { caption: image.caption }),
      }),
    });
  }

  /** `message.sticker.received`. */
  sendSticker(
    from: ZaloUser,
    sticker: { id?: string; url?: string } = {},
    options: ZaloBuilderOptions = {},
  ): string {
    const id = sticker.id ?? `sticker-${randomId(4)}`;
    return this.pushUpdate({
      event_name: 'message.sticker.received',
      message: this.message(from, options, {
        sticker: id,
        url: sticker.url ?? `https://zalo-api.zadn.vn/api/emoticon/sticker/webpc?eid=${id}`,
      }),
    });
  }

  /** `message.unsupported.received` (e.g. a file or voice the API does not forward). */
  sendUnsupported(from: ZaloUser, options: ZaloBuilderOptions = {}): string {
    return this.pushUpdate({
      event_name: 'message.unsupported.received',
      message: this.message(from, options, {}),
    });
  }

  // ----- faults / webhook -----------------------------------------------------------------

  /** The next `count` calls of `method` answer `{ok:false, error_code, description}`. */
  failNext(method: string, fault: ZaloFault, count = 1): void {
    const key = method.toLowerCase();
    const list = this.faults.get(key) ?? [];
    for (let i = 0; i < count; i++) list.push(fault);
    this.faults.set(key, list);
  }

  /** POSTs `body` to `url` with the header X-Bot-Api-Secret-Token (same as postZaloWebhook). */
  postWebhook(url: string, body: unknown, secret?: string): Promise<WebhookResponse> {
    return postZaloWebhook(url, body, secret);
  }

  /** POSTs an update to the webhook registered with setWebhook, with its secret. */
  deliverWebhook(update: ZaloUpdate): Promise<WebhookResponse> {
    if (!this.webhook) throw new Error('deliverWebhook: no webhook set (setWebhook was not called)');
    this.lastDelivered = update;
    return postZaloWebhook(this.webhook.url, update, this.webhook.secret_token);
  }

  /** Answers pending long polls (408), then stops the server and drops all connections. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.wake();
    await this.lifecycle.close();
  }

  // ----- internals --------------------------------------------------------------------------

  private wake(): void {
    for (const wake of [...this.pollWaiters]) wake();
  }

  private message(from: ZaloUser, options: ZaloBuilderOptions, content: Partial<ZaloMessage>): ZaloMessage {
    return {
      from: { id: from.id, display_name: from.display_name ?? `Người dùng ${from.id}`, is_bot: false },
      chat: { id: options.chatId ?? from.id, chat_type: options.chatType ?? 'PRIVATE' },
      message_id: randomId(16),
      date: Date.now(),
      ...content,
    };
  }

  private respond(res: http.ServerResponse, status: number, body: unknown): void {
    if (res.destroyed || res.writableEnded || res.headersSent) return;
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const body = await readBody(req);
    const route = /^\/bot([^/]+)\/([A-Za-z0-9_]+)\/?$/.exec(url.pathname);
    if (!route) {
      this.respond(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
      return;
    }
    const token = decodeURIComponent(route[1] ?? '');
    const method = route[2] ?? '';
    let params: Record<string, unknown> = {};
    let payload: { ok: boolean; result?: unknown; error_code?: number; description?: string };
    try {
      if (body.length > 0) {
        let parsed: unknown;
        try {
          parsed = JSON.parse(body.toString('utf8'));
        } catch {
          throw new ZaloError(400, 'Bad Request: body must be JSON');
        }
        if (parsed && typeof parsed === 'object') params = parsed as Record<string, unknown>;
      }
      if (this.options.token !== undefined && token !== this.options.token)
        throw new ZaloError(401, 'Unauthorized');
      payload = { ok: true, result: await this.dispatch(method, params, res) };
    } catch (err) {
      if (!(err instanceof ZaloError)) throw err;
      payload = { ok: false, error_code: err.errorCode, description: err.description };
    }
    const gone = res.destroyed || req.socket.destroyed;
    const status = payload.ok
      ? 200
      : this.options.errorHttpStatus === 200
        ? 200
        : (payload.error_code ?? 500);
    this.recorder.record({
      method,
      token,
      httpMethod: req.method ?? 'POST',
      params,
      status: gone ? 499 : status,
      ok: !gone && payload.ok,
      ...(payload.ok ? { result: payload.result } : { description: payload.description }),
      ...(gone ? { description: 'client closed the request before the answer' } : {}),
      at: Date.now(),
    });
    if (gone && payload.ok && method.toLowerCase() === 'getupdates') {
      // The client went away: the update was not delivered, keep it for the next poll.
      this.queue.unshift(payload.result as ZaloUpdate);
    }
    this.respond(res, status, payload);
  }

  private takeFault(method: string): void {
    const fault = this.faults.get(method.toLowerCase())?.shift();
    if (fault)
      throw new ZaloError(
        fault.errorCode,
        fault.description ?? DEFAULT_DESCRIPTIONS[fault.errorCode] ?? 'Error',
      );
  }

  private async dispatch(
    method: string,
    params: Record<string, unknown>,
    res: http.ServerResponse,
  ): Promise<unknown> {
    this.takeFault(method);
    switch (method.toLowerCase()) {
      case 'getme':
        return this.botInfo;
      case 'getupdates':
        return this.getUpdates(params, res);
      case 'setwebhook': {
        const url = typeof params.url === 'string' ? params.url : '';
        const secret = params.secret_token;
        if (!/^https?:\/\/./.test(url)) throw new ZaloError(400, 'Bad Request: url is invalid');
        if (typeof secret !== 'string' || secret.length < 8 || secret.length > 256) {
          throw new ZaloError(400, 'Bad Request: secret_token must be 8-256 characters');
        }
        this.webhook = { url, secret_token: secret, updated_at: Date.now() };
        return { url, updated_at: this.webhook.updated_at };
      }
      case 'deletewebhook': {
        this.webhook = null;
        return { url: '', updated_at: Date.now() };
      }
      case 'getwebhookinfo':
        return { url: this.webhook?.url ?? '', updated_at: this.webhook?.updated_at ?? 0 };
      case 'sendmessage': {
        this.requireChat(params);
        const text = params.text;
        if (typeof text !== 'string' || text.length < 1 || text.length > 2000) {
          throw new ZaloError(400, 'Bad Request: text must be 1-2000 characters');
        }
        return this.sent();
      }
      case 'sendphoto': {
        this.requireChat(params);
        if (typeof params.photo !== 'string' || params.photo === '') {
          throw new ZaloError(400, 'Bad Request: photo (url) is required');
        }
        if (typeof params.caption === 'string' && params.caption.length > 2000) {
          throw new ZaloError(400, 'Bad Request: caption must be at most 2000 characters');
        }
        return this.sent();
      }
      case 'sendsticker':
        this.requireChat(params);
        if (typeof params.sticker !== 'string' || params.sticker === '') {
          throw new ZaloError(400, 'Bad Request: sticker is required');
        }
        return this.sent();
      case 'sendchataction':
        this.requireChat(params);
        return true;
      default:
        throw new ZaloError(404, `Not Found: method ${method} does not exist`);
    }
  }

  private requireChat(params: Record<string, unknown>): void {
    const chat = params.chat_id;
    if ((typeof chat !== 'string' && typeof chat !== 'number') || String(chat) === '') {
      throw new ZaloError(400, 'Bad Request: chat_id is required');
    }
  }

  private sent(): { message_id: string; date: number } {
    return { message_id: randomId(16), date: Date.now() };
  }

  private async getUpdates(params: Record<string, unknown>, res: http.ServerResponse): Promise<ZaloUpdate> {
    if (this.webhook)
      throw new ZaloError(409, 'Conflict: webhook is active, call deleteWebhook to use getUpdates');
    const raw = Number(params.timeout ?? 30);
    const timeoutSec = Number.isFinite(raw) && raw >= 0 ? raw : 30;
    const deadline = Date.now() + timeoutSec * 1000;
    for (;;) {
      const update = this.queue.shift();
      if (update) {
        this.lastDelivered = update;
        return update;
      }
      const left = deadline - Date.now();
      if (left <= 0 || this.closed || res.destroyed) throw new ZaloError(408, 'Request timeout');
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          this.pollWaiters.delete(done);
          res.off('close', done);
          resolve();
        };
        const timer = setTimeout(done, left);
        this.pollWaiters.add(done);
        res.on('close', done);
      });
    }
  }
}

/** Starts a fake Zalo Bot API on 127.0.0.1 (random port). */
export async function startFakeZaloApi(options: FakeZaloApiOptions = {}): Promise<FakeZaloApi> {
  return new FakeZaloApi(options).listen();
}
