import type { Conversation } from '../conversation/conversation';
import type { ChannelSender, Platform } from '../conversation/messages';
import type { HttpServer } from '../http/server';
import type { Logger } from '../logger';
import type { Repositories } from '../store/repositories';
import type { PlatformConfig, PlatformEnvSpec } from './platform-env';
import type { WebhookInboxSettings } from './webhook-inbox';

/**
 * What every platform adapter is to the rest of the app. An adapter folder (telegram/, zalo/)
 * exports one {@link ChannelEntry}; src/channels/registry.ts lists them. The entry reads its
 * platform's block of the environment, builds the outbound side from the configuration alone
 * ({@link PlatformConnection}: what the CLI and the features send through), and on request the
 * inbound side ({@link Channel}: polling or a webhook handing updates to the conversation).
 */

/** A platform the adapters in the registry serve (the web chat is built in, not an adapter). */
export type AdapterPlatform = Exclude<Platform, 'web'>;

/** What /healthz reports of a platform channel: how it receives updates and whether it does. */
export interface ChannelStatus {
  mode: 'polling' | 'webhook';
  /**
   * Polling: the loop runs and its last calls did not all fail (a revoked token or another
   * instance polling the same bot). Webhook: the webhook was set at start and its route is served.
   */
  running: boolean;
  /** Polling: getUpdates calls that failed in a row (0 when the last one succeeded). */
  pollFailures?: number;
}

/** Failed getUpdates calls in a row after which a polling channel counts as not receiving. */
export const POLL_FAILURES_UNHEALTHY = 3;

/**
 * Calls `reset` if a long poll stays open this long: the platform accepted the token and the call
 * and merely has nothing to deliver yet, so polling works again (a failing call fails fast).
 * Returns the function that cancels it when the call ends.
 */
export function onLongPollHeld(reset: () => void, afterMs = 2000): () => void {
  const timer = setTimeout(reset, afterMs);
  timer.unref();
  return () => clearTimeout(timer);
}

/** The bot as its platform knows it, looked up once before wiring (getMe). */
export interface BotIdentity {
  /** Public username (Telegram invitation links `t.me/<username>?start=<code>`). */
  username?: string;
  /** The platform's own answer, handed back to the channel so it need not ask again. */
  me?: unknown;
}

/** Everything a connection may use besides its configuration block. */
export interface ConnectDeps {
  repos: Repositories;
  logger: Logger;
  /** Longest wait for one API call (BOT_API_TIMEOUT_SECONDS). */
  requestTimeoutSeconds: number;
  /** Largest file downloaded from the platform. */
  maxDownloadBytes: number;
}

/** The inbound side's dependencies, all built before it: nothing is bound later. */
export interface ChannelDeps {
  conversation: Conversation;
  http: HttpServer;
  identity: BotIdentity;
  /** Webhook mode: where received updates are stored before the platform is answered. */
  webhookInbox: WebhookInboxSettings;
}

/** The outbound side of a platform, built from its configuration without any network call. */
export interface PlatformConnection {
  readonly platform: AdapterPlatform;
  readonly sender: ChannelSender;
  /** Asks the platform who the bot is (a network call: at start, or when a CLI command needs it); platforms whose links need no name have none. */
  identify?(): Promise<BotIdentity>;
  /** Shows the secretariat's commands in this chat's menu, where the platform has menus. */
  showSecretariatMenu?(chatId: string): Promise<void>;
  /** The inbound side, constructed but not started. */
  channel(deps: ChannelDeps): Channel;
}

/** A platform channel receiving updates: started by the app after wiring, stopped before the store. */
export interface Channel {
  readonly platform: AdapterPlatform;
  start(): Promise<void>;
  stop(): Promise<void>;
  status(): ChannelStatus;
}

/** One line of the registry: a platform adapter and its configuration block. */
export interface ChannelEntry {
  readonly platform: AdapterPlatform;
  /** Its environment variables (token, API root, webhook, secretariat ids). */
  readonly env: PlatformEnvSpec;
  /** Longest text of one message on the platform (longer replies are split). */
  readonly maxTextLength: number;
  connect(config: PlatformConfig, deps: ConnectDeps): PlatformConnection;
}
