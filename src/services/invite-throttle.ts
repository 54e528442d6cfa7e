/**
 * Slows down guessing of invitation codes: after a few wrong codes from one account, each further
 * try must wait, doubling up to an hour. In memory: a restart forgives, which is acceptable since
 * the codes are 96-bit random and can't be guessed in any case.
 */
export class InviteThrottle {
  private readonly failures = new Map<string, { count: number; blockedUntil: number }>();

  constructor(
    private readonly freeTries = 3,
    private readonly baseDelayMs = 30_000,
    private readonly maxDelayMs = 3_600_000,
  ) {}

  /** Seconds the account must still wait, or 0. */
  waitSeconds(key: string, nowMs: number): number {
    const entry = this.failures.get(key);
    if (!entry || entry.blockedUntil <= nowMs) return 0;
    return Math.ceil((entry.blockedUntil - nowMs) / 1000);
  }

  recordFailure(key: string, nowMs: number): void {
    const entry = this.failures.get(key) ?? { count: 0, blockedUntil: 0 };
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
