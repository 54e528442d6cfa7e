/**
 * Slows down guessing of invitation codes without punishing a person who mistypes.
 *
 * Codes are 16 random characters (96 bits): nobody finds one by guessing, so the throttle only
 * keeps one account from hammering the store with lookups. A person copying a code by hand gets
 * `freeTries` wrong tries before any wait, and a wait is short at first, doubling up to an hour.
 * A code tried while waiting is still checked: the right one is always accepted (the identity
 * service asks `shouldRefuse` only after a wrong code), and wrong tries during a wait do not
 * lengthen it. In memory: a restart forgives.
 */
export class InviteThrottle {
  private readonly failures = new Map<string, { count: number; blockedUntil: number }>();

  constructor(
    private readonly freeTries = 10,
    private readonly baseDelayMs = 10_000,
    private readonly maxDelayMs = 3_600_000,
  ) {}

  /** Seconds the account must still wait before a wrong code counts again, or 0. */
  waitSeconds(key: string, nowMs: number): number {
    const entry = this.failures.get(key);
    if (!entry || entry.blockedUntil <= nowMs) return 0;
    return Math.ceil((entry.blockedUntil - nowMs) / 1000);
  }

  /** A wrong code: counted (and a wait started) unless the account is already waiting. */
  recordFailure(key: string, nowMs: number): void {
    const entry = this.failures.get(key) ?? { count: 0, blockedUntil: 0 };
    if (entry.blockedUntil > nowMs) return;
    entry.count += 1;
    if (entry.count >= this.freeTries) {
      const delay = Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** (entry.count - this.freeTries));
      entry.blockedUntil = nowMs + delay;
    }
    this.failures.set(key, entry);
  }

  recordSuccess(key: string): void {
    this.failures.delete(key);
  }
}
