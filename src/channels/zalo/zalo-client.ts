/**
 * A minimal client of the Zalo Bot Platform API: `POST <apiRoot>/bot<token>/<method>` with a JSON
 * body, answered `{ok: true, result}` or `{ok: false, error_code, description}`. The JSON answer is
 * trusted over the HTTP status (Zalo may answer errors with HTTP 200).
 */

/** A `{ok: false}` answer, or a transport failure given an HTTP-like code (0 = no answer at all). */
export class ZaloApiError extends Error {
  constructor(
    readonly errorCode: number,
    readonly description: string,
  ) {
    super(`Zalo API error ${errorCode}: ${description}`);
    this.name = 'ZaloApiError';
  }
}

export interface ZaloClientOptions {
  token: string;
  apiRoot: string;
  /** Retries after a 429, a 5xx or a network failure (not counting the first attempt). */
  maxRetries?: number;
  /** First backoff delay; doubled on each retry. */
  baseDelayMs?: number;
  /** Longest single wait between retries. */
  maxDelayMs?: number;
  /** Per-request time limit, on top of a long poll's own timeout. */
  requestTimeoutMs?: number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export interface CallOptions {
  signal?: AbortSignal;
  /** Overrides `maxRetries` (the polling loop retries on its own: 0). */
  retries?: number;
  /** Extra time allowed for this request (a long poll holds the connection `timeout` seconds). */
  extraTimeoutMs?: number;
}

export interface ZaloClient {
  call<T = unknown>(method: string, params?: Record<string, unknown>, options?: CallOptions): Promise<T>;
}

/** Sleeps, or rejects at once when the signal aborts (so stop() is prompt even during a backoff). */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Worth another attempt: quota (429), the server's fault (5xx), or no answer (0). */
export function isRetryable(error: unknown): boolean {
  if (!(error instanceof ZaloApiError)) return false;
  return error.errorCode === 0 || error.errorCode === 429 || error.errorCode >= 500;
}

export function createZaloClient(options: ZaloClientOptions): ZaloClient {
  const token = options.token;
  const root = options.apiRoot.replace(/\/+$/, '');
  const maxRetries = options.maxRetries ?? 4;
  const baseDelayMs = options.baseDelayMs ?? 1000;
  const maxDelayMs = options.maxDelayMs ?? 30_000;
  const requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
  const sleep = options.sleep ?? abortableSleep;

  async function once(method: string, params: Record<string, unknown>, options: CallOptions) {
    const timeout = AbortSignal.timeout(requestTimeoutMs + (options.extraTimeoutMs ?? 0));
    const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
    let response: Response;
    let text: string;
    try {
      response = await fetch(`${root}/bot${encodeURIComponent(token)}/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(params),
        signal,
      });
      text = await response.text();
    } catch (error) {
      // The caller's own abort (stop) is not a failure to retry: let it through unchanged.
      if (options.signal?.aborted) throw options.signal.reason;
      const reason = error instanceof Error ? error.message : String(error);
      throw new ZaloApiError(0, `network: ${reason}`);
    }
    let body: { ok?: unknown; result?: unknown; error_code?: unknown; description?: unknown };
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      // A proxy's HTML error page: the HTTP status is all there is.
      throw new ZaloApiError(response.status >= 400 ? response.status : 502, `HTTP ${response.status}`);
    }
    if (body.ok === true) return body.result;
    const code = typeof body.error_code === 'number' ? body.error_code : response.status;
    const description = typeof body.description === 'string' ? body.description : `HTTP ${response.status}`;
    throw new ZaloApiError(code, description);
  }

  return {
    async call<T>(method: string, params: Record<string, unknown> = {}, callOptions: CallOptions = {}) {
      const retries = callOptions.retries ?? maxRetries;
      for (let attempt = 0; ; attempt++) {
        try {
          return (await once(method, params, callOptions)) as T;
        } catch (error) {
          if (attempt >= retries || !isRetryable(error)) throw error;
          await sleep(Math.min(maxDelayMs, baseDelayMs * 2 ** attempt), callOptions.signal);
        }
      }
    },
  };
}
