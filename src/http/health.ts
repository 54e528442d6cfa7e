import type { DateTime } from 'luxon';
import type { ChannelStatus } from '../channels/channel';
import type { RouteHandler } from './server';

export const HEALTH_PATH = '/healthz';

export interface HealthSources {
  /** Resolves when the store answers a ping. */
  pingStore(): Promise<unknown>;
  storeKind: string;
  /** Platform channels by name (the web channel is this very server: if it answers, it runs). */
  channels(): Record<string, ChannelStatus>;
  /** Undefined when reminders are disabled. */
  lastReminderPass: (() => { at: DateTime; ok: boolean } | undefined) | undefined;
  lastHousekeeping: () => DateTime | undefined;
  /** A store that does not answer within this is reported unreachable (default 3 s). */
  pingTimeoutMs?: number;
}

/**
 * `GET /healthz` for a supervisor or a load balancer: 200 when the store answers and every
 * platform channel receives updates, 503 otherwise, with the details as JSON either way.
 * No secrets and no personal data: safe to expose next to the webhooks.
 */
export function healthRoute(sources: HealthSources): RouteHandler {
  return async (_request, response) => {
    const store = await ping(sources.pingStore, sources.pingTimeoutMs ?? 3000);
    const channels = sources.channels();
    const healthy = store.reachable && Object.values(channels).every((channel) => channel.running);
    const pass = sources.lastReminderPass?.();
    const body = {
      status: healthy ? 'ok' : 'unhealthy',
      store: { kind: sources.storeKind, ...store },
      channels,
      reminders: sources.lastReminderPass
        ? { enabled: true, lastPassAt: pass?.at.toISO() ?? null, lastPassOk: pass?.ok ?? null }
        : { enabled: false },
      housekeeping: { lastRunAt: sources.lastHousekeeping()?.toISO() ?? null },
    };
    response
      .writeHead(healthy ? 200 : 503, { 'content-type': 'application/json', 'cache-control': 'no-store' })
      .end(JSON.stringify(body));
  };
}

async function ping(
  pingStore: () => Promise<unknown>,
  timeoutMs: number,
): Promise<{ reachable: boolean; error?: string }> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([pingStore(), timeout]);
    return { reachable: true };
  } catch (error) {
    return { reachable: false, error: (error as Error).message };
  } finally {
    clearTimeout(timer);
  }
}
