/**
 * People chatting with a bot through the local fake Bot API, followed by one listener on the
 * API's calls: with 200 chats at once, waiting through `waitForMessages` (which rescans every
 * recorded call on every call) would cost the benchmark more CPU than the bot it measures.
 */
import type { FakeTelegramApi, FakeUser, RecordedCall } from '../../test/support/fake-telegram-api';

/** What the bots say when a message could not be handled (src/conversation/common-texts.ts). */
export const APOLOGY = 'Xin lỗi, bot gặp sự cố';

export type ReplyKind = 'reply' | 'apology' | 'timeout';

export interface Reply {
  kind: ReplyKind;
  /** Text of the accepted reply ('' on timeout). */
  text: string;
  /** From pushing the update to the fake API answering the bot's sendMessage. */
  ms: number;
  call?: RecordedCall;
}

/** Decides whether a message sent to the chat is the reply being waited for. */
export type Accept = (text: string, call: RecordedCall) => boolean;

interface Waiter {
  accept: Accept;
  resolve(reply: Reply): void;
  sentAt: number;
  timer: NodeJS.Timeout;
}

export class Chats {
  /** At most one pending wait per chat: each person waits for the answer before typing again. */
  private readonly waiters = new Map<number, Waiter>();
  private readonly stopListening: () => void;

  constructor(readonly api: FakeTelegramApi) {
    this.stopListening = api.onCall((call) => this.onCall(call));
  }

  close(): void {
    this.stopListening();
    for (const waiter of this.waiters.values()) clearTimeout(waiter.timer);
    this.waiters.clear();
  }

  /**
   * Sends `text` as `user` (or presses a button with `press`) and resolves with the first message
   * to that chat that `accept`s, or that carries the apology, or a timeout.
   */
  say(user: FakeUser, text: string, accept: Accept, timeoutMs: number): Promise<Reply> {
    return this.act(user.id, () => this.api.sendText(user, text), accept, timeoutMs);
  }

  press(user: FakeUser, data: string, accept: Accept, timeoutMs: number): Promise<Reply> {
    return this.act(user.id, () => this.api.pressButton(user, data), accept, timeoutMs);
  }

  private act(chatId: number, send: () => void, accept: Accept, timeoutMs: number) {
    if (this.waiters.has(chatId)) throw new Error(`chat ${chatId} is already waiting for a reply`);
    return new Promise<Reply>((resolve) => {
      const sentAt = performance.now();
      const timer = setTimeout(() => {
        this.waiters.delete(chatId);
        resolve({ kind: 'timeout', text: '', ms: performance.now() - sentAt });
      }, timeoutMs);
      this.waiters.set(chatId, { accept, resolve, sentAt, timer });
      send();
    });
  }

  private onCall(call: RecordedCall): void {
    if (!call.ok || call.method.toLowerCase() !== 'sendmessage') return;
    const chatId = Number(call.params.chat_id);
    const waiter = this.waiters.get(chatId);
    if (!waiter) return;
    const text = String(call.params.text ?? '');
    const kind: ReplyKind | undefined = text.includes(APOLOGY)
      ? 'apology'
      : waiter.accept(text, call)
        ? 'reply'
        : undefined;
    if (!kind) return;
    clearTimeout(waiter.timer);
    this.waiters.delete(chatId);
    waiter.resolve({ kind, text, ms: performance.now() - waiter.sentAt, call });
  }
}

/** Prompt of question `n` of the benchmark's flow, as both bots write it. */
export function promptOf(n: number): string {
  return `Số liệu thứ ${n} (`;
}

/** Number of the question a reply asks, or undefined when it asks none. */
export function questionAsked(text: string): number | undefined {
  const match = /Số liệu thứ (\d+) \(/.exec(text);
  return match ? Number(match[1]) : undefined;
}

/** Buttons of a sendMessage call, as [label, data] pairs. */
export function buttonsOf(call: RecordedCall | undefined): [string, string][] {
  const markup = call?.params.reply_markup as
    | { inline_keyboard?: { text: string; callback_data?: string }[][] }
    | undefined;
  return (markup?.inline_keyboard ?? []).flat().map((b) => [b.text, b.callback_data ?? '']);
}
