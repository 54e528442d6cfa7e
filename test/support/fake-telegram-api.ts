/**
 * A fake Telegram Bot API server for tests: a real HTTP server on 127.0.0.1 that the real grammY
 * client talks to (`new Bot(token, { client: { apiRoot: api.apiRoot } })`).
 *
 * - `POST|GET /bot<token>/<method>` with JSON, urlencoded or multipart/form-data bodies
 *   (grammY sends multipart when an `InputFile` is in the payload);
 * - `GET /file/bot<token>/<file_path>` serves files registered with `addFile`;
 * - real long polling for `getUpdates` (offset / limit / timeout);
 * - every call is recorded (`calls`, `callsTo`, `sentMessages`, `waitFor`, `waitForMessages`);
 * - update builders (`sendText`, `pressButton`, `sendDocument`, ...), duplicate delivery
 *   (`redeliver`), fault injection (`failNext`, `setChatBlocked`, `rateLimit`).
 *
 * Always `await bot.stop()` before `await api.close()`: close() answers pending long polls
 * with an empty batch and then drops every connection.
 */
import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Chat, Message, Update, User } from 'grammy/types';

// ---------------------------------------------------------------------------------------------
// Shared pieces (also used by fake-zalo-api.ts)
// ---------------------------------------------------------------------------------------------

/** A file part of a multipart/form-data request. */
export interface UploadedFile {
  filename: string;
  contentType: string;
  size: number;
  bytes: Buffer;
}

/** One recorded API call. `params` holds parsed JSON / form fields; uploaded files are `UploadedFile`. */
export interface RecordedCall {
  /** Method name as sent by the client (e.g. `sendMessage`). */
  method: string;
  token: string;
  /** HTTP verb used (`POST` or `GET`). */
  httpMethod: string;
  params: Record<string, unknown>;
  /** HTTP status answered (200 on success; 499 when the client went away before the answer). */
  status: number;
  ok: boolean;
  result?: unknown;
  description?: string;
  /** Date.now() when the call was answered. */
  at: number;
}

/** Keeps the list of calls and lets tests wait for one (event based, no polling). */
export class CallRecorder<C extends { method: string }> {
  readonly calls: C[] = [];
  private readonly events = new EventEmitter();

  constructor() {
    this.events.setMaxListeners(0);
  }

  record(call: C): void {
    this.calls.push(call);
    this.events.emit('call', call);
  }

  /** Calls of one method (case-insensitive, like the Bot API). */
  /** Calls `listener` with every call recorded from now on; returns a function that stops it. */
  onRecord(listener: (call: C) => void): () => void {
    this.events.on('call', listener);
    return () => this.events.off('call', listener);
  }

  callsTo(method: string): C[] {
    const m = method.toLowerCase();
    return this.calls.filter((c) => c.method.toLowerCase() === m);
  }

  clear(): void {
    this.calls.length = 0;
  }

  /** Resolves with the first recorded call (already recorded or future) matching `predicate`. */
  waitFor(predicate: (call: C) => boolean, timeoutMs = 5000): Promise<C> {
    return this.waitUntil(() => this.calls.find(predicate), timeoutMs, 'a matching call');
  }

  /** Resolves with the first non-undefined value of `probe`, evaluated now and after every call. */
  waitUntil<T>(probe: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const cleanup = () => {
        if (timer) clearTimeout(timer);
        this.events.off('call', check);
      };
      function check(): boolean {
        try {
          const value = probe();
          if (value === undefined) return false;
          cleanup();
          resolve(value);
          return true;
        } catch (err) {
          cleanup();
          reject(err);
          return true;
        }
      }
      if (check()) return;
      timer = setTimeout(() => {
        cleanup();
        const seen = this.calls.map((c) => c.method).join(', ') || '(none)';
        reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${what}. Calls so far: ${seen}`));
      }, timeoutMs);
      this.events.on('call', check);
    });
  }
}

/** Result of `postWebhook`. `body` is parsed JSON when possible, else the raw text. */
export interface WebhookResponse {
  status: number;
  body: unknown;
}

/** POSTs a JSON body to `url` with optional headers; parses the answer. */
export async function postJson(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<WebhookResponse> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = text;
  if (text.length > 0) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = text;
    }
  }
  return { status: res.status, body: parsed };
}

/** Drives a bot's Telegram webhook endpoint the way Telegram does (secret in X-Telegram-Bot-Api-Secret-Token). */
export function postWebhook(url: string, update: unknown, secretToken?: string): Promise<WebhookResponse> {
  return postJson(
    url,
    update,
    secretToken === undefined ? {} : { 'X-Telegram-Bot-Api-Secret-Token': secretToken },
  );
}

export function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Minimal multipart/form-data parser: fields (utf-8 strings) and files. */
export function parseMultipart(
  body: Buffer,
  contentType: string,
): { fields: Record<string, string>; files: Record<string, UploadedFile> } {
  const fields: Record<string, string> = {};
  const files: Record<string, UploadedFile> = {};
  const m = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  const boundary = m?.[1] ?? m?.[2];
  if (!boundary) throw new Error('multipart body without boundary');
  const delimiter = Buffer.from(`--${boundary}`);
  const nextDelimiter = Buffer.from(`\r\n--${boundary}`);
  let pos = body.indexOf(delimiter);
  if (pos < 0) return { fields, files };
  pos += delimiter.length;
  for (;;) {
    if (body[pos] === 0x2d && body[pos + 1] === 0x2d) break; // closing "--"
    if (body[pos] === 0x0d && body[pos + 1] === 0x0a) pos += 2;
    const headerEnd = body.indexOf('\r\n\r\n', pos);
    if (headerEnd < 0) break;
    const headers = parsePartHeaders(body.subarray(pos, headerEnd).toString('utf8'));
    const start = headerEnd + 4;
    const end = body.indexOf(nextDelimiter, start);
    if (end < 0) break;
    const content = body.subarray(start, end);
    const disposition = headers['content-disposition'] ?? '';
    const name =
      /\bname="([^"]*)"/i.exec(disposition)?.[1] ?? /\bname=([^;]*)/i.exec(disposition)?.[1]?.trim();
    const filename =
      /\bfilename="([^"]*)"/i.exec(disposition)?.[1] ?? /\bfilename=(.*)$/i.exec(disposition)?.[1]?.trim();
    if (name !== undefined) {
      if (filename !== undefined) {
        files[name] = {
          filename,
          contentType: headers['content-type'] ?? 'application/octet-stream',
          size: content.length,
          bytes: Buffer.from(content),
        };
      } else {
        fields[name] = content.toString('utf8');
      }
    }
    pos = end + nextDelimiter.length;
  }
  return { fields, files };
}

function parsePartHeaders(text: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of text.split('\r\n')) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  return headers;
}

export function randomId(bytes = 8): string {
  return randomBytes(bytes).toString('hex');
}

/** Tracks open sockets and in-flight requests so close() can end everything. */
export class ServerLifecycle {
  private readonly inflight = new Set<Promise<unknown>>();

  constructor(readonly server: http.Server) {}

  track(p: Promise<unknown>): void {
    this.inflight.add(p);
    void p.finally(() => this.inflight.delete(p));
  }

  async close(graceMs = 1000): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.allSettled([...this.inflight]),
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, graceMs);
      }),
    ]);
    if (timer) clearTimeout(timer);
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Telegram
// ---------------------------------------------------------------------------------------------

export interface FakeTelegramApiOptions {
  /** Bot username answered by getMe. Default `baocao_test_bot`. */
  username?: string;
  /** Bot user id answered by getMe. Default 999. */
  botId?: number;
  /** Bot first name. Default `Báo cáo (test)`. */
  firstName?: string;
  /** When set, any other token is answered 401 Unauthorized. Default: every token is accepted. */
  token?: string;
  /** First update_id assigned automatically. Default 1. */
  firstUpdateId?: number;
}

/** A user sending updates. */
export interface FakeUser {
  id: number;
  first_name?: string;
  last_name?: string;
  username?: string;
  language_code?: string;
}

export type TelegramFault =
  /** The request is answered only after this long (a hung connection), then handled normally. */
  | { status: 'hang'; ms: number }
  | { status: 429; retryAfter?: number; description?: string }
  | { status: 400 | 401 | 403 | 404 | 409 | 500 | 502; description?: string };

export interface RateLimitOptions {
  /** Max successful sends per chat in any 1 s window. */
  perChatPerSecond?: number;
  /** Max successful sends overall in any 1 s window. */
  globalPerSecond?: number;
}

/** A successful sendMessage as seen by tests: the request params plus the message_id answered. */
export interface SentMessage {
  chat_id: number | string;
  text: string;
  reply_markup?: unknown;
  parse_mode?: string;
  message_id: number;
  [key: string]: unknown;
}

/** An update without (or with) its update_id; typed like grammY's Update but loose objects are accepted too. */
export type RawUpdate = (Omit<Update, 'update_id'> & { update_id?: number }) | Record<string, unknown>;

export interface WebhookState {
  url: string;
  secret_token?: string;
  allowed_updates?: unknown;
  max_connections?: number;
}

interface StoredFile {
  file_id: string;
  file_unique_id: string;
  file_path: string;
  bytes: Buffer;
}

interface QueuedUpdate {
  update: Update;
  /** Redelivered copy: delivered once regardless of offset, then dropped. */
  forced: boolean;
}

class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly description: string,
    readonly parameters?: Record<string, unknown>,
  ) {
    super(description);
  }
}

/** Numeric / boolean form fields that Telegram coerces by type (form bodies only carry strings). */
const NUMERIC_FIELDS = new Set([
  'chat_id',
  'from_chat_id',
  'message_id',
  'message_thread_id',
  'reply_to_message_id',
  'user_id',
  'offset',
  'limit',
  'timeout',
  'cache_time',
  'max_connections',
  'width',
  'height',
  'duration',
]);
const BOOLEAN_FIELDS = new Set([
  'disable_notification',
  'protect_content',
  'show_alert',
  'drop_pending_updates',
  'disable_web_page_preview',
  'disable_content_type_detection',
  'has_spoiler',
  'allow_sending_without_reply',
]);

const BLOCKED_DESCRIPTION = 'Forbidden: bot was blocked by the user';

function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

function toNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v))) return Number(v);
  return undefined;
}

function coerceFormFields(fields: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (NUMERIC_FIELDS.has(key) && /^-?\d+$/.test(value)) out[key] = Number(value);
    else if (BOOLEAN_FIELDS.has(key) && (value === 'true' || value === 'false')) out[key] = value === 'true';
    else if (/^\s*[[{]/.test(value)) {
      try {
        out[key] = JSON.parse(value);
      } catch {
        out[key] = value;
      }
    } else out[key] = value;
  }
  return out;
}

/** Replaces `attach://<id>` strings (anywhere in the params) by the uploaded file part `<id>`. */
function resolveAttachments(value: unknown, files: Record<string, UploadedFile>): unknown {
  if (typeof value === 'string' && value.startsWith('attach://')) return files[value.slice(9)] ?? value;
  if (Array.isArray(value)) return value.map((v) => resolveAttachments(v, files));
  if (value && typeof value === 'object' && !Buffer.isBuffer(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = resolveAttachments(v, files);
    return out;
  }
  return value;
}

function isUploadedFile(v: unknown): v is UploadedFile {
  return !!v && typeof v === 'object' && Buffer.isBuffer((v as UploadedFile).bytes);
}

/** Telegram's length after entity parsing, approximated (HTML tags stripped); undefined = don't check. */
function visibleLength(text: string, parseMode: unknown): number | undefined {
  if (parseMode === undefined) return text.length;
  if (typeof parseMode === 'string' && parseMode.toUpperCase() === 'HTML') {
    return text
      .replace(/<[^>]*>/g, '')
      .replace(/&(lt|gt|amp|quot|#\d+);/g, '_')
      .trim().length;
  }
  return undefined;
}

function checkCallbackData(markup: unknown): void {
  const rows = (markup as { inline_keyboard?: unknown } | undefined)?.inline_keyboard;
  if (!Array.isArray(rows)) return;
  for (const row of rows) {
    if (!Array.isArray(row)) continue;
    for (const button of row) {
      const data = (button as { callback_data?: unknown }).callback_data;
      if (typeof data === 'string') {
        const len = Buffer.byteLength(data, 'utf8');
        if (len < 1 || len > 64) throw new ApiError(400, 'Bad Request: BUTTON_DATA_INVALID');
      }
    }
  }
}

export class FakeTelegramApi {
  /** Root to pass to grammY as `client.apiRoot`, e.g. `http://127.0.0.1:41234`. */
  apiRoot = '';
  readonly botInfo: User & {
    can_join_groups: boolean;
    can_read_all_group_messages: boolean;
    supports_inline_queries: boolean;
  };
  /** Current webhook (set by setWebhook), or null. */
  webhook: WebhookState | null = null;
  /** Last commands set by setMyCommands. */
  commands: unknown[] = [];

  private readonly recorder = new CallRecorder<RecordedCall>();
  private readonly server: http.Server;
  private readonly lifecycle: ServerLifecycle;
  private readonly queue: QueuedUpdate[] = [];
  private readonly history = new Map<number, Update>();
  private readonly pollWaiters = new Set<() => void>();
  private readonly messageCounters = new Map<string, number>();
  private readonly botMessages = new Map<string, Map<number, Message>>();
  private readonly knownChats = new Map<string, Chat>();
  private readonly files = new Map<string, StoredFile>();
  private readonly filesByPath = new Map<string, StoredFile>();
  private readonly faults = new Map<string, TelegramFault[]>();
  private readonly blockedChats = new Set<string>();
  private limits: RateLimitOptions | null = null;
  private readonly globalSends: number[] = [];
  private readonly chatSends = new Map<string, number[]>();
  private nextUpdateId: number;
  private closed = false;

  constructor(private readonly options: FakeTelegramApiOptions = {}) {
    this.botInfo = {
      id: options.botId ?? 999,
      is_bot: true,
      first_name: options.firstName ?? 'Báo cáo (test)',
      username: options.username ?? 'baocao_test_bot',
      can_join_groups: true,
      can_read_all_group_messages: false,
      supports_inline_queries: false,
    };
    this.nextUpdateId = options.firstUpdateId ?? 1;
    this.server = http.createServer((req, res) => {
      this.lifecycle.track(
        this.handle(req, res).catch((err: unknown) => {
          if (!res.headersSent && !res.destroyed) {
            const description = `fake Telegram API internal error: ${(err as Error)?.message ?? String(err)}`;
            this.respond(res, 500, { ok: false, error_code: 500, description });
          }
        }),
      );
    });
    this.lifecycle = new ServerLifecycle(this.server);
  }

  /** @internal use startFakeTelegramApi() */
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
  sentMessages(chatId?: number | string): SentMessage[] {
    return this.recorder
      .callsTo('sendMessage')
      .filter((c) => c.ok && (chatId === undefined || String(c.params.chat_id) === String(chatId)))
      .map((c) => ({
        ...c.params,
        chat_id: c.params.chat_id as number | string,
        text: String(c.params.text),
        message_id: (c.result as Message).message_id,
      }));
  }

  /**
   * Calls `listener` with every call answered from now on; returns a function that stops it.
   * For benchmarks that follow hundreds of chats at once: `waitForMessages` rescans every call.
   */
  onCall(listener: (call: RecordedCall) => void): () => void {
    return this.recorder.onRecord(listener);
  }

  /** Resolves with the first recorded call (past or future) that matches. */
  waitFor(predicate: (call: RecordedCall) => boolean, timeoutMs = 5000): Promise<RecordedCall> {
    return this.recorder.waitFor(predicate, timeoutMs);
  }

  /** Resolves with all sent messages of the chat once there are at least `count` (counted since start/clear). */
  waitForMessages(chatId: number | string, count = 1, timeoutMs = 5000): Promise<SentMessage[]> {
    return this.recorder.waitUntil(
      () => {
        const msgs = this.sentMessages(chatId);
        return msgs.length >= count ? msgs : undefined;
      },
      timeoutMs,
      `${count} message(s) to chat ${chatId} (have ${this.sentMessages(chatId).length})`,
    );
  }

  /** Forgets recorded calls (not the queued updates, files or bot messages). */
  clear(): void {
    this.recorder.clear();
  }

  // ----- updates ----------------------------------------------------------------------------

  /** Number of updates queued and not yet confirmed by an offset. */
  get pendingUpdateCount(): number {
    return this.queue.length;
  }

  /** Queues a raw update; assigns an update_id unless given. Returns the update_id. */
  pushUpdate(update: RawUpdate): number {
    const update_id = toNumber(update.update_id) ?? this.nextUpdateId;
    this.nextUpdateId = Math.max(this.nextUpdateId, update_id + 1);
    const full = { ...update, update_id } as Update;
    this.history.set(update_id, full);
    this.enqueue({ update: full, forced: false });
    return update_id;
  }

  /** Pushes an identical copy of an earlier update (same update_id), delivered even if already confirmed. */
  redeliver(updateId: number): number {
    const update = this.history.get(updateId);
    if (!update) throw new Error(`redeliver: no update ${updateId} was pushed`);
    this.enqueue({ update: structuredClone(update), forced: true });
    return updateId;
  }

  /** A private text message from `from`; a leading /command gets its bot_command entity. */
  sendText(from: FakeUser, text: string, options: { chat?: Chat; update_id?: number } = {}): number {
    const message = this.incoming(from, options.chat, { text }) as Message & { entities?: unknown[] };
    const command = /^\/[A-Za-z0-9_]{1,64}(@[A-Za-z0-9_]+)?/.exec(text);
    if (command) message.entities = [{ type: 'bot_command', offset: 0, length: command[0].length }];
    return this.pushMessage(message, options.update_id);
  }

  /**
   * A press on an inline button: a callback_query whose `message` is `message` (object or message_id
   * of a bot message in the user's chat) or, by default, the last message the bot sent to that chat.
   */
  pressButton(
    from: FakeUser,
    data: string,
    message?: Message | number,
    options: { chat?: Chat } = {},
  ): number {
    const user = this.user(from);
    const chat = options.chat ?? this.privateChat(from);
    const key = String(chat.id);
    let target: Message | undefined;
    if (typeof message === 'object') target = message;
    else if (typeof message === 'number') target = this.botMessages.get(key)?.get(message);
    else target = [...(this.botMessages.get(key)?.values() ?? [])].pop();
    if (!target) {
      target = {
        message_id: typeof message === 'number' ? message : this.nextMessageId(key),
        from: this.botInfo,
        chat,
        date: nowSeconds(),
        text: '(message made up by the fake Telegram API)',
      } as Message;
      this.storeBotMessage(target);
    }
    return this.pushUpdate({
      callback_query: {
        id: `${BigInt(`0x${randomId(7)}`)}`,
        from: user,
        chat_instance: String(Math.abs(Number(chat.id)) * 7 + 13),
        data,
        message: structuredClone(target),
      },
    });
  }

  /** A document sent by the user. With `bytes`, the file is also registered for getFile/download. */
  sendDocument(
    from: FakeUser,
    doc: {
      file_id?: string;
      file_unique_id?: string;
      file_name?: string;
      mime_type?: string;
      file_size?: number;
      bytes?: Buffer | string;
      caption?: string;
    },
    options: { chat?: Chat } = {},
  ): number {
    const file_id = doc.file_id ?? `doc-${randomId()}`;
    const bytes = doc.bytes === undefined ? undefined : Buffer.from(doc.bytes);
    const file_unique_id = doc.file_unique_id ?? `u${file_id}`.slice(0, 16);
    if (bytes)
      this.addFile(file_id, bytes, { file_unique_id, file_path: `documents/${doc.file_name ?? file_id}` });
    const document = {
      file_id,
      file_unique_id,
      file_name: doc.file_name ?? 'file.dat',
      mime_type: doc.mime_type ?? 'application/octet-stream',
      file_size: doc.file_size ?? bytes?.length ?? 1024,
    };
    const message = this.incoming(from, options.chat, {
      document,
      ...(doc.caption === undefined ? {} : { caption: doc.caption }),
    });
    return this.pushMessage(message);
  }

  /** A photo sent by the user (two sizes; the largest has `file_id`). */
  sendPhoto(
    from: FakeUser,
    photo: {
      file_id?: string;
      width?: number;
      height?: number;
      file_size?: number;
      bytes?: Buffer | string;
      caption?: string;
    } = {},
    options: { chat?: Chat } = {},
  ): number {
    const file_id = photo.file_id ?? `photo-${randomId()}`;
    const bytes = photo.bytes === undefined ? undefined : Buffer.from(photo.bytes);
    if (bytes) this.addFile(file_id, bytes, { file_path: `photos/${file_id}.jpg` });
    const width = photo.width ?? 1280;
    const height = photo.height ?? 960;
    const size = photo.file_size ?? bytes?.length ?? 120_000;
    const sizes = [
      {
        file_id: `${file_id}-small`,
        file_unique_id: `s${file_id}`.slice(0, 16),
        width: Math.round(width / 4),
        height: Math.round(height / 4),
        file_size: Math.round(size / 10),
      },
      { file_id, file_unique_id: `u${file_id}`.slice(0, 16), width, height, file_size: size },
    ];
    const message = this.incoming(from, options.chat, {
      photo: sizes,
      ...(photo.caption === undefined ? {} : { caption: photo.caption }),
    });
    return this.pushMessage(message);
  }

  sendSticker(from: FakeUser, sticker: { file_id?: string; emoji?: string } = {}): number {
    const file_id = sticker.file_id ?? `sticker-${randomId()}`;
    const message = this.incoming(from, undefined, {
      sticker: {
        file_id,
        file_unique_id: `u${file_id}`.slice(0, 16),
        type: 'regular',
        width: 512,
        height: 512,
        is_animated: false,
        is_video: false,
        emoji: sticker.emoji ?? '👍',
        file_size: 20_000,
      },
    });
    return this.pushMessage(message);
  }

  sendVoice(from: FakeUser, voice: { file_id?: string; duration?: number; bytes?: Buffer } = {}): number {
    const file_id = voice.file_id ?? `voice-${randomId()}`;
    if (voice.bytes) this.addFile(file_id, voice.bytes, { file_path: `voice/${file_id}.oga` });
    const message = this.incoming(from, undefined, {
      voice: {
        file_id,
        file_unique_id: `u${file_id}`.slice(0, 16),
        duration: voice.duration ?? 3,
        mime_type: 'audio/ogg',
        file_size: voice.bytes?.length ?? 9_000,
      },
    });
    return this.pushMessage(message);
  }

  // ----- files ------------------------------------------------------------------------------

  /** Registers a file for getFile and `GET /file/bot<token>/<file_path>`. */
  addFile(
    fileId: string,
    bytes: Buffer | string,
    options: { file_path?: string; file_unique_id?: string } = {},
  ): { file_id: string; file_unique_id: string; file_size: number; file_path: string } {
    const stored: StoredFile = {
      file_id: fileId,
      file_unique_id: options.file_unique_id ?? `u${fileId}`.slice(0, 16),
      file_path: options.file_path ?? `documents/${fileId}`,
      bytes: Buffer.from(bytes),
    };
    this.files.set(fileId, stored);
    this.filesByPath.set(stored.file_path, stored);
    return {
      file_id: stored.file_id,
      file_unique_id: stored.file_unique_id,
      file_size: stored.bytes.length,
      file_path: stored.file_path,
    };
  }

  /** Download URL of a registered file, as grammY builds it. */
  fileUrl(filePath: string, token = this.options.token ?? 'TOKEN'): string {
    return `${this.apiRoot}/file/bot${token}/${filePath}`;
  }

  // ----- faults -----------------------------------------------------------------------------

  /** The next `count` calls of `method` fail like Telegram would (HTTP status = error_code). */
  failNext(method: string, fault: TelegramFault, count = 1): void {
    const list = this.faults.get(method.toLowerCase()) ?? [];
    for (let i = 0; i < count; i++) list.push(fault);
    this.faults.set(method.toLowerCase(), list);
  }

  /** Forgets the faults queued by `failNext` and not used yet. */
  clearFaults(): void {
    this.faults.clear();
  }

  /** Every send/edit to that chat answers 403 "Forbidden: bot was blocked by the user". */
  setChatBlocked(chatId: number | string, blocked = true): void {
    if (blocked) this.blockedChats.add(String(chatId));
    else this.blockedChats.delete(String(chatId));
  }

  /** Answers 429 (with retry_after) to sends beyond these rates; `null` turns the simulation off. */
  rateLimit(limits: RateLimitOptions | null): void {
    this.limits = limits;
    this.globalSends.length = 0;
    this.chatSends.clear();
  }

  // ----- webhook ----------------------------------------------------------------------------

  /** POSTs an update (update_id assigned unless given) to the webhook registered by setWebhook. */
  deliverWebhook(update: RawUpdate): Promise<WebhookResponse> {
    if (!this.webhook) throw new Error('deliverWebhook: no webhook set (setWebhook was not called)');
    const update_id = toNumber(update.update_id) ?? this.nextUpdateId;
    this.nextUpdateId = Math.max(this.nextUpdateId, update_id + 1);
    const full = { ...update, update_id } as Update;
    this.history.set(update_id, full);
    return postWebhook(this.webhook.url, full, this.webhook.secret_token);
  }

  /** Same as the standalone postWebhook(). */
  postWebhook(url: string, update: unknown, secretToken?: string): Promise<WebhookResponse> {
    return postWebhook(url, update, secretToken);
  }

  /**
   * From now on every update (sendText, pressButton, redeliver…) is POSTed to these webhook
   * endpoints in turn, as Telegram does for a webhook behind a load balancer over several bot
   * instances, instead of waiting for getUpdates. A delivery answered otherwise than 200 (or
   * failing) is tried again on the next endpoint after a pause, as Telegram retries. `null`
   * returns to polling.
   */
  routeWebhooks(targets: { url: string; secret: string }[] | null): void {
    this.webhookTargets = targets && targets.length > 0 ? targets : null;
  }

  /** Deliveries answered 200, per endpoint URL (see routeWebhooks). */
  readonly webhookDeliveries = new Map<string, number>();
  private webhookTargets: { url: string; secret: string }[] | null = null;
  private nextWebhookTarget = 0;

  private async deliverToTargets(update: Update): Promise<void> {
    for (let attempt = 0; attempt < 100 && this.webhookTargets; attempt++) {
      const targets = this.webhookTargets;
      const target = targets[this.nextWebhookTarget++ % targets.length]!;
      const response = await postWebhook(target.url, update, target.secret).catch(() => undefined);
      if (response?.status === 200) {
        this.webhookDeliveries.set(target.url, (this.webhookDeliveries.get(target.url) ?? 0) + 1);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 200).unref());
    }
  }

  // ----- lifecycle --------------------------------------------------------------------------

  /** Answers pending long polls with `[]`, then stops the server and drops all connections. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const wake of [...this.pollWaiters]) wake();
    await this.lifecycle.close();
  }

  // ----- internals --------------------------------------------------------------------------

  private pushMessage(message: Message, update_id?: number): number {
    return this.pushUpdate({ update_id, message });
  }

  private enqueue(entry: QueuedUpdate): void {
    if (this.webhookTargets) {
      void this.deliverToTargets(entry.update);
      return;
    }
    this.queue.push(entry);
    for (const wake of [...this.pollWaiters]) wake();
  }

  private user(from: FakeUser): User {
    return {
      id: from.id,
      is_bot: false,
      first_name: from.first_name ?? `User ${from.id}`,
      ...(from.last_name === undefined ? {} : { last_name: from.last_name }),
      ...(from.username === undefined ? {} : { username: from.username }),
      ...(from.language_code === undefined ? {} : { language_code: from.language_code }),
    };
  }

  private privateChat(from: FakeUser): Chat {
    const chat: Chat.PrivateChat = {
      id: from.id,
      type: 'private',
      first_name: from.first_name ?? `User ${from.id}`,
      ...(from.last_name === undefined ? {} : { last_name: from.last_name }),
      ...(from.username === undefined ? {} : { username: from.username }),
    };
    this.knownChats.set(String(from.id), chat);
    return chat;
  }

  private chatFor(chatId: unknown): Chat {
    if (chatId === undefined || chatId === null || chatId === '') {
      throw new ApiError(400, 'Bad Request: chat_id is empty');
    }
    const key = String(chatId);
    const known = this.knownChats.get(key);
    if (known) return known;
    const id = toNumber(chatId);
    if (id === undefined) throw new ApiError(400, 'Bad Request: chat not found');
    const chat: Chat =
      id > 0
        ? { id, type: 'private', first_name: `User ${id}` }
        : { id, type: id < -1_000_000_000_000 ? 'supergroup' : 'group', title: `Group ${id}` };
    this.knownChats.set(key, chat);
    return chat;
  }

  private nextMessageId(chatKey: string): number {
    const next = (this.messageCounters.get(chatKey) ?? 0) + 1;
    this.messageCounters.set(chatKey, next);
    return next;
  }

  private incoming(from: FakeUser, chat: Chat | undefined, content: Record<string, unknown>): Message {
    const theChat = chat ?? this.privateChat(from);
    if (chat) this.knownChats.set(String(chat.id), chat);
    return {
      message_id: this.nextMessageId(String(theChat.id)),
      from: this.user(from),
      chat: theChat,
      date: nowSeconds(),
      ...content,
    } as Message;
  }

  private storeBotMessage(message: Message): void {
    const key = String(message.chat.id);
    let map = this.botMessages.get(key);
    if (!map) {
      map = new Map();
      this.botMessages.set(key, map);
    }
    map.set(message.message_id, message);
  }

  private newBotMessage(chatId: unknown, content: Record<string, unknown>): Message {
    const chat = this.chatFor(chatId);
    const message = {
      message_id: this.nextMessageId(String(chat.id)),
      from: this.botInfo,
      chat,
      date: nowSeconds(),
      ...content,
    } as Message;
    this.storeBotMessage(message);
    return message;
  }

  private respond(res: http.ServerResponse, status: number, body: unknown): void {
    if (res.destroyed || res.writableEnded) return;
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const fileRoute = /^\/file\/bot([^/]+)\/(.+)$/.exec(url.pathname);
    if (fileRoute && (req.method === 'GET' || req.method === 'HEAD')) {
      await readBody(req);
      const file = this.filesByPath.get(decodeURIComponent(fileRoute[2] ?? ''));
      if (!file || (this.options.token && fileRoute[1] !== this.options.token)) {
        this.respond(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
        return;
      }
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': file.bytes.length });
      res.end(req.method === 'HEAD' ? undefined : file.bytes);
      return;
    }
    const route = /^\/bot([^/]+)\/([A-Za-z0-9_]+)\/?$/.exec(url.pathname);
    const body = await readBody(req);
    if (!route) {
      this.respond(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
      return;
    }
    const token = decodeURIComponent(route[1] ?? '');
    const method = route[2] ?? '';
    const params = this.parseParams(url, body, String(req.headers['content-type'] ?? ''));
    let status = 200;
    let payload: {
      ok: boolean;
      result?: unknown;
      error_code?: number;
      description?: string;
      parameters?: unknown;
    };
    try {
      if (this.options.token !== undefined && token !== this.options.token) {
        throw new ApiError(401, 'Unauthorized');
      }
      const result = await this.dispatch(method, params, res);
      payload = { ok: true, result };
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      status = err.status;
      payload = {
        ok: false,
        error_code: err.status,
        description: err.description,
        ...(err.parameters ? { parameters: err.parameters } : {}),
      };
    }
    const gone = res.destroyed || req.socket.destroyed;
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
    this.respond(res, status, payload);
  }

  private parseParams(url: URL, body: Buffer, contentType: string): Record<string, unknown> {
    const query: Record<string, string> = {};
    for (const [k, v] of url.searchParams) query[k] = v;
    let params: Record<string, unknown> = coerceFormFields(query);
    if (body.length === 0) return params;
    const type = contentType.toLowerCase();
    if (type.startsWith('multipart/form-data')) {
      const { fields, files } = parseMultipart(body, contentType);
      params = resolveAttachments({ ...params, ...coerceFormFields(fields) }, files) as Record<
        string,
        unknown
      >;
      // Files not referenced by an attach:// string were sent directly under their field name.
      const referenced = new Set(
        Object.values(fields).flatMap((v) => [...v.matchAll(/attach:\/\/([^"\s,}\]]+)/g)].map((m) => m[1])),
      );
      for (const [name, file] of Object.entries(files)) if (!referenced.has(name)) params[name] = file;
    } else if (type.startsWith('application/x-www-form-urlencoded')) {
      const form: Record<string, string> = {};
      for (const [k, v] of new URLSearchParams(body.toString('utf8'))) form[k] = v;
      params = { ...params, ...coerceFormFields(form) };
    } else {
      const parsed: unknown = JSON.parse(body.toString('utf8'));
      if (parsed && typeof parsed === 'object')
        params = { ...params, ...(parsed as Record<string, unknown>) };
    }
    return params;
  }

  private async takeFault(method: string): Promise<void> {
    const list = this.faults.get(method.toLowerCase());
    const fault = list?.shift();
    if (!fault) return;
    if (fault.status === 'hang') {
      // Unref'd: a hung request must not keep the test process alive after close().
      await new Promise((resolve) => setTimeout(resolve, fault.ms).unref());
      return;
    }
    if (fault.status === 429) {
      const retryAfter = fault.retryAfter ?? 1;
      throw new ApiError(429, fault.description ?? `Too Many Requests: retry after ${retryAfter}`, {
        retry_after: retryAfter,
      });
    }
    const defaults: Record<number, string> = {
      400: 'Bad Request: fake failure',
      401: 'Unauthorized',
      403: BLOCKED_DESCRIPTION,
      404: 'Not Found',
      409: 'Conflict: terminated by other getUpdates request',
      500: 'Internal Server Error',
      502: 'Bad Gateway',
    };
    throw new ApiError(fault.status, fault.description ?? defaults[fault.status] ?? 'Error');
  }

  private checkChat(method: string, params: Record<string, unknown>): void {
    const m = method.toLowerCase();
    const targetsChat =
      m.startsWith('send') || m.startsWith('edit') || m === 'copymessage' || m === 'forwardmessage';
    if (!targetsChat || params.chat_id === undefined) return;
    const key = String(params.chat_id);
    if (this.blockedChats.has(key)) throw new ApiError(403, BLOCKED_DESCRIPTION);
    const countsAsSend =
      (m.startsWith('send') && m !== 'sendchataction') || m === 'copymessage' || m === 'forwardmessage';
    if (!countsAsSend || !this.limits) return;
    const now = Date.now();
    const prune = (list: number[]) => {
      while (list.length > 0 && (list[0] ?? 0) <= now - 1000) list.shift();
    };
    const chatList = this.chatSends.get(key) ?? [];
    this.chatSends.set(key, chatList);
    prune(chatList);
    prune(this.globalSends);
    const { perChatPerSecond, globalPerSecond } = this.limits;
    const over = (list: number[], max: number | undefined) => max !== undefined && list.length >= max;
    if (over(chatList, perChatPerSecond) || over(this.globalSends, globalPerSecond)) {
      const oldest = Math.min(
        over(chatList, perChatPerSecond) ? (chatList[0] ?? now) : Number.POSITIVE_INFINITY,
        over(this.globalSends, globalPerSecond) ? (this.globalSends[0] ?? now) : Number.POSITIVE_INFINITY,
      );
      const retryAfter = Math.max(1, Math.ceil((oldest + 1000 - now) / 1000));
      throw new ApiError(429, `Too Many Requests: retry after ${retryAfter}`, { retry_after: retryAfter });
    }
    chatList.push(now);
    this.globalSends.push(now);
  }

  private async dispatch(
    method: string,
    params: Record<string, unknown>,
    res: http.ServerResponse,
  ): Promise<unknown> {
    await this.takeFault(method);
    this.checkChat(method, params);
    const m = method.toLowerCase();
    switch (m) {
      case 'getme':
        return this.botInfo;
      case 'getupdates':
        return this.getUpdates(params, res);
      case 'sendmessage':
        return this.sendMessageMethod(params);
      case 'senddocument':
        return this.newBotMessage(params.chat_id, {
          document: this.outgoingFile(params.document, 'document'),
          ...this.captionOf(params),
        });
      case 'sendphoto': {
        const f = this.outgoingFile(params.photo, 'photo');
        return this.newBotMessage(params.chat_id, {
          photo: [
            {
              file_id: f.file_id,
              file_unique_id: f.file_unique_id,
              width: 800,
              height: 600,
              file_size: f.file_size,
            },
          ],
          ...this.captionOf(params),
        });
      }
      case 'editmessagetext':
        return this.editMessage(params, 'text');
      case 'editmessagereplymarkup':
        return this.editMessage(params, 'markup');
      case 'answercallbackquery':
      case 'sendchataction':
      case 'deletemycommands':
      case 'close':
      case 'logout':
        return true;
      case 'setmycommands':
        this.commands = Array.isArray(params.commands) ? params.commands : [];
        return true;
      case 'getmycommands':
        return this.commands;
      case 'setwebhook': {
        const url = typeof params.url === 'string' ? params.url : '';
        if (url === '') {
          this.webhook = null;
          return true;
        }
        const secret = params.secret_token;
        if (secret !== undefined && (typeof secret !== 'string' || !/^[A-Za-z0-9_-]{1,256}$/.test(secret))) {
          throw new ApiError(400, 'Bad Request: secret token contains unallowed characters');
        }
        this.webhook = {
          url,
          ...(typeof secret === 'string' ? { secret_token: secret } : {}),
          ...(params.allowed_updates === undefined ? {} : { allowed_updates: params.allowed_updates }),
          ...(typeof params.max_connections === 'number' ? { max_connections: params.max_connections } : {}),
        };
        if (params.drop_pending_updates === true) this.queue.length = 0;
        return true;
      }
      case 'deletewebhook':
        this.webhook = null;
        if (params.drop_pending_updates === true) this.queue.length = 0;
        return true;
      case 'getwebhookinfo':
        return {
          url: this.webhook?.url ?? '',
          has_custom_certificate: false,
          pending_update_count: this.queue.length,
          ...(this.webhook?.max_connections === undefined
            ? {}
            : { max_connections: this.webhook.max_connections }),
          ...(this.webhook?.allowed_updates === undefined
            ? {}
            : { allowed_updates: this.webhook.allowed_updates }),
        };
      case 'getfile': {
        const file = this.files.get(String(params.file_id ?? ''));
        if (!file) throw new ApiError(400, 'Bad Request: invalid file_id');
        return {
          file_id: file.file_id,
          file_unique_id: file.file_unique_id,
          file_size: file.bytes.length,
          file_path: file.file_path,
        };
      }
      case 'getchat':
        return this.chatFor(params.chat_id);
      case 'deletemessage': {
        const map = this.botMessages.get(String(params.chat_id));
        map?.delete(Number(params.message_id));
        return true;
      }
      case 'copymessage':
        this.chatFor(params.chat_id);
        return { message_id: this.nextMessageId(String(params.chat_id)) };
      default:
        if (m.startsWith('send') && m !== 'sendmediagroup') {
          return this.newBotMessage(params.chat_id, this.captionOf(params));
        }
        return true;
    }
  }

  private captionOf(params: Record<string, unknown>): Record<string, unknown> {
    return typeof params.caption === 'string' ? { caption: params.caption } : {};
  }

  /** The file object of a sent document/photo; uploaded bytes are registered so getFile works. */
  private outgoingFile(
    value: unknown,
    kind: string,
  ): { file_id: string; file_unique_id: string; file_name?: string; mime_type?: string; file_size: number } {
    if (isUploadedFile(value)) {
      const file_id = `${kind}-${randomId()}`;
      const info = this.addFile(file_id, value.bytes, { file_path: `${kind}s/${value.filename}` });
      return {
        file_id,
        file_unique_id: info.file_unique_id,
        file_name: value.filename,
        mime_type: value.contentType,
        file_size: value.size,
      };
    }
    if (typeof value !== 'string' || value === '')
      throw new ApiError(400, `Bad Request: there is no ${kind} in the request`);
    const known = this.files.get(value);
    if (known) {
      return { file_id: known.file_id, file_unique_id: known.file_unique_id, file_size: known.bytes.length };
    }
    return { file_id: `${kind}-${randomId()}`, file_unique_id: randomId(6), file_size: 1024 };
  }

  private sendMessageMethod(params: Record<string, unknown>): Message {
    const chat = this.chatFor(params.chat_id);
    const text = typeof params.text === 'string' ? params.text : '';
    const length = visibleLength(text, params.parse_mode);
    if (text.trim() === '' || length === 0) throw new ApiError(400, 'Bad Request: message text is empty');
    if (length !== undefined && length > 4096) throw new ApiError(400, 'Bad Request: message is too long');
    checkCallbackData(params.reply_markup);
    const markup = params.reply_markup as { inline_keyboard?: unknown } | undefined;
    return this.newBotMessage(chat.id, {
      text,
      ...(markup?.inline_keyboard ? { reply_markup: markup } : {}),
    });
  }

  private editMessage(params: Record<string, unknown>, what: 'text' | 'markup'): Message | true {
    if (params.inline_message_id !== undefined) return true;
    const chat = this.chatFor(params.chat_id);
    const stored = this.botMessages.get(String(chat.id))?.get(Number(params.message_id));
    if (!stored) throw new ApiError(400, 'Bad Request: message to edit not found');
    checkCallbackData(params.reply_markup);
    const markup = (params.reply_markup as { inline_keyboard?: unknown } | undefined)?.inline_keyboard
      ? params.reply_markup
      : undefined;
    const current = stored as unknown as Record<string, unknown>;
    const newText = what === 'text' ? String(params.text ?? '') : current.text;
    if (what === 'text' && String(newText).trim() === '') {
      throw new ApiError(400, 'Bad Request: message text is empty');
    }
    if (newText === current.text && JSON.stringify(markup) === JSON.stringify(current.reply_markup)) {
      throw new ApiError(
        400,
        'Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message',
      );
    }
    const edited: Record<string, unknown> = { ...current, edit_date: nowSeconds() };
    if (newText !== undefined) edited.text = newText;
    if (markup) edited.reply_markup = markup;
    else delete edited.reply_markup;
    const updated = edited as unknown as Message;
    this.storeBotMessage(updated);
    return updated;
  }

  private async getUpdates(params: Record<string, unknown>, res: http.ServerResponse): Promise<Update[]> {
    if (this.webhook) {
      throw new ApiError(
        409,
        "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
      );
    }
    const offset = toNumber(params.offset);
    const limit = Math.min(100, Math.max(1, toNumber(params.limit) ?? 100));
    const timeout = Math.max(0, toNumber(params.timeout) ?? 0);
    this.confirm(offset);
    const batch = this.take(limit);
    if (batch.length > 0 || timeout === 0 || this.closed) return batch;
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.pollWaiters.delete(done);
        res.off('close', done);
        resolve();
      };
      const timer = setTimeout(done, timeout * 1000);
      this.pollWaiters.add(done);
      res.on('close', done);
    });
    if (this.closed || res.destroyed) return [];
    return this.take(limit);
  }

  /** Forgets updates confirmed by `offset` (Telegram semantics, including negative offsets). */
  private confirm(offset: number | undefined): void {
    if (offset === undefined || offset === 0) return;
    if (offset < 0) {
      const keep = -offset;
      if (this.queue.length > keep) this.queue.splice(0, this.queue.length - keep);
      return;
    }
    for (let i = this.queue.length - 1; i >= 0; i--) {
      const entry = this.queue[i];
      if (entry && !entry.forced && entry.update.update_id < offset) this.queue.splice(i, 1);
    }
  }

  /** Up to `limit` updates: redelivered copies first (then dropped), then unconfirmed ones in order. */
  private take(limit: number): Update[] {
    const forced = this.queue.filter((e) => e.forced).slice(0, limit);
    for (const entry of forced) this.queue.splice(this.queue.indexOf(entry), 1);
    const normal = this.queue
      .filter((e) => !e.forced)
      .slice(0, limit - forced.length)
      .map((e) => e.update);
    return [...forced.map((e) => e.update), ...normal];
  }
}

/** Starts a fake Telegram Bot API on 127.0.0.1 (random port). */
export async function startFakeTelegramApi(options: FakeTelegramApiOptions = {}): Promise<FakeTelegramApi> {
  return new FakeTelegramApi(options).listen();
}
