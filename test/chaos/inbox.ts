/**
 * What the bot sent to each chat, as the fake Bot API recorded it (successful sendMessage calls),
 * followed by one listener: the chaos suite judges the product by what reached the users, not by
 * what the product says it did.
 */
import type { FakeTelegramApi } from '../support/fake-telegram-api';

interface Waiter {
  from: number;
  accept: (text: string) => boolean;
  resolve: (text: string | undefined) => void;
  timer: NodeJS.Timeout;
}

export class Inbox {
  private readonly byChat = new Map<number, string[]>();
  private readonly waiters = new Map<number, Set<Waiter>>();
  private readonly stopListening: () => void;

  constructor(api: FakeTelegramApi) {
    this.stopListening = api.onCall((call) => {
      if (!call.ok || call.method.toLowerCase() !== 'sendmessage') return;
      const chatId = Number(call.params.chat_id);
      const texts = this.byChat.get(chatId) ?? [];
      texts.push(String(call.params.text ?? ''));
      this.byChat.set(chatId, texts);
      for (const waiter of this.waiters.get(chatId) ?? []) this.check(chatId, waiter);
    });
  }

  close(): void {
    this.stopListening();
    for (const set of this.waiters.values()) for (const w of set) clearTimeout(w.timer);
    this.waiters.clear();
  }

  /** Messages sent to the chat so far (a position to wait from). */
  count(chatId: number): number {
    return this.byChat.get(chatId)?.length ?? 0;
  }

  /** Messages sent to the chat from position `from` on. */
  since(chatId: number, from = 0): string[] {
    return (this.byChat.get(chatId) ?? []).slice(from);
  }

  /** The first message at position ≥ `from` that `accept`s, or undefined after `timeoutMs`. */
  waitFor(chatId: number, from: number, accept: (text: string) => boolean, timeoutMs: number) {
    return new Promise<string | undefined>((resolve) => {
      const set = this.waiters.get(chatId) ?? new Set<Waiter>();
      this.waiters.set(chatId, set);
      const waiter: Waiter = {
        from,
        accept,
        resolve,
        timer: setTimeout(() => {
          set.delete(waiter);
          resolve(undefined);
        }, timeoutMs),
      };
      set.add(waiter);
      this.check(chatId, waiter);
    });
  }

  private check(chatId: number, waiter: Waiter): void {
    const found = this.since(chatId, waiter.from).find(waiter.accept);
    if (found === undefined) return;
    clearTimeout(waiter.timer);
    this.waiters.get(chatId)?.delete(waiter);
    waiter.resolve(found);
  }
}
