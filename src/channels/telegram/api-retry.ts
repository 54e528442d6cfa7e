import { HttpError, type Transformer } from 'grammy';

export interface ApiRetryOptions {
  /** Calls made at most, the first included. */
  attempts: number;
  /** A 429 asking to wait longer than this is returned to the caller instead of waited out. */
  maxRetryAfterSeconds: number;
  /** Waits before the 2nd, 3rd… attempt after a network error, a timeout or a 5xx. */
  backoffMs: readonly number[];
}

/** Worst case for a hung API: `attempts` × BOT_API_TIMEOUT_SECONDS plus the backoff, then the caller is told. */
export const DEFAULT_API_RETRY: ApiRetryOptions = {
  attempts: 3,
  maxRetryAfterSeconds: 30,
  backoffMs: [500, 1_500],
};

function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new Error('aborted while waiting to retry'));
    const timer = setTimeout(done, ms);
    function done() {
      signal?.removeEventListener('abort', abort);
      resolve();
    }
    function abort() {
      clearTimeout(timer);
      reject(new Error('aborted while waiting to retry'));
    }
    signal?.addEventListener('abort', abort, { once: true });
  });
}

/**
 * The one retry layer for Bot API calls, bounded in attempts and time: 429 waits its retry_after,
 * network errors, timeouts and 5xx answers back off briefly. (@grammyjs/auto-retry retries
 * network errors without limit, so a hung API froze a chat; the reminder delivery no longer
 * retries on top of this.)
 */
export function apiRetry(options: ApiRetryOptions = DEFAULT_API_RETRY): Transformer {
  const backoff = (attempt: number) =>
    options.backoffMs[Math.min(attempt - 1, options.backoffMs.length - 1)] ?? 1_000;
  return async (prev, method, payload, signal) => {
    const abortSignal = signal as AbortSignal | undefined;
    for (let attempt = 1; ; attempt++) {
      try {
        const result = await prev(method, payload, signal);
        if (result.ok || attempt >= options.attempts) return result;
        const retryAfter = result.parameters?.retry_after;
        if (typeof retryAfter === 'number') {
          if (retryAfter > options.maxRetryAfterSeconds) return result;
          await pause(retryAfter * 1000, abortSignal);
        } else if (result.error_code >= 500) {
          await pause(backoff(attempt), abortSignal);
        } else {
          return result;
        }
      } catch (error) {
        if (!(error instanceof HttpError) || attempt >= options.attempts || abortSignal?.aborted) throw error;
        await pause(backoff(attempt), abortSignal);
      }
    }
  };
}
