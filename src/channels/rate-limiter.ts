/**
 * Spaces out deliveries to respect a platform's limits: at most `globalPerSecond` messages per
 * second overall and one message per `perChatIntervalMs` to the same chat. Waiting callers are
 * served in order; nothing is dropped.
 */
export class RateLimiter {
  private nextGlobalSlot = 0;
  private readonly nextChatSlot = new Map<string, number>();

  constructor(
    private readonly globalPerSecond: number,
    private readonly perChatIntervalMs: number,
    private readonly clock: () => number = Date.now,
    private readonly sleep: (ms: number) => Promise<void> = (ms) =>
      new Promise((resolve) => setTimeout(resolve, ms)),
  ) {}

  /** Reserves the next slot for this chat and waits until it comes. */
  async acquire(chatId: string): Promise<void> {
    const now = this.clock();
    const globalSlot = Math.max(now, this.nextGlobalSlot);
    const chatSlot = Math.max(now, this.nextChatSlot.get(chatId) ?? 0);
    const slot = Math.max(globalSlot, chatSlot);
    this.nextGlobalSlot = Math.max(this.nextGlobalSlot, slot) + 1000 / this.globalPerSecond;
    this.nextChatSlot.set(chatId, slot + this.perChatIntervalMs);
    if (this.nextChatSlot.size > 10_000) this.forgetPast(now);
    if (slot > now) await this.sleep(slot - now);
  }

  private forgetPast(now: number): void {
    for (const [chat, slot] of this.nextChatSlot) if (slot < now) this.nextChatSlot.delete(chat);
  }
}
