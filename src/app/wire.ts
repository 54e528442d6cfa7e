import type { BotIdentity, Channel, PlatformConnection } from '../channels/channel';
import { anyPlatformEnabled } from '../channels/registry';
import { WebOutbox } from '../channels/web/outbox';
import { createWebChannel } from '../channels/web/web-channel';
import { type Conversation, createConversation } from '../conversation/conversation';
import type { ChannelSender, Platform } from '../conversation/messages';
import { createDemoIdentities } from '../features/contacts/demo-identities';
import { createIdentityService } from '../features/contacts/identity';
import { createLoginLinks, createWebSessions } from '../features/contacts/web-sessions';
import { createReportFeature } from '../features/report/chat/report-feature';
import { createDashboardLinkFeature } from '../features/secretariat/chat/dashboard-link-feature';
import { createSecretariatFeature } from '../features/secretariat/chat/secretariat-feature';
import { createSubmittedNotifier } from '../features/secretariat/chat/secretariat-notify';
import { createDashboard } from '../features/secretariat/dashboard';
import type { HttpServer } from '../http/server';
import { createAttachmentStore } from '../store/attachment-store';
import { type CoreDeps, createUseCases, type UseCases } from './use-cases';

/** Everything the app is built from; values known only after a network call are resolved before. */
export interface WireDeps extends Omit<CoreDeps, 'senders'> {
  /** The outbound side of every enabled platform (src/channels/registry.ts). */
  connections: readonly PlatformConnection[];
  /** Who each platform says the bot is (getMe), asked before wiring. */
  identities: ReadonlyMap<Platform, BotIdentity>;
  /** The built-in web server, bound but not yet serving. */
  http: HttpServer;
  /** Where dashboard login links point: PUBLIC_URL, or the address the web server is bound to. */
  webBaseUrl: string;
}

/** The app as wired: nothing started, nothing left to bind. */
export interface Wired extends UseCases {
  conversation: Conversation;
  senders: ReadonlyMap<Platform, ChannelSender>;
  /** The platform channels, in registry order: the app starts them and /healthz reports on them. */
  channels: Channel[];
}

/**
 * Builds every object from its dependencies, in dependency order: senders → use cases → chat
 * features → conversation → channels (platform adapters and the web). No call goes out here.
 */
export function wireApp(deps: WireDeps): Wired {
  const { config, logger, now, flows, schedule, store, connections, http } = deps;
  const { repos } = store;

  // The web chat's messages wait in memory until the page polls; it sends like any platform.
  const outbox = new WebOutbox();
  const senders = new Map<Platform, ChannelSender>([
    ...connections.map((connection) => [connection.platform, connection.sender] as const),
    ['web', outbox.sender()],
  ]);
  const useCases = createUseCases({ config, logger, now, store, flows, schedule, senders });
  const { reports, reminders, exports } = useCases;

  const connectionOf = (platform: Platform) => connections.find((c) => c.platform === platform);
  const identity = createIdentityService({
    repos,
    now,
    secretariatIds: Object.fromEntries(
      connections.map((connection) => [
        connection.platform,
        config[connection.platform]?.secretariatIds ?? [],
      ]),
    ),
    // New secretariat members get their command menu where the platform has menus.
    onSecretariatJoined: async (contact) => {
      await connectionOf(contact.platform)?.showSecretariatMenu?.(contact.chatId);
    },
  });

  const attachments = createAttachmentStore(config.dataDir);
  const reportFeature = createReportFeature({
    repos,
    reports,
    attachments,
    maxAttachmentBytes: config.maxAttachmentBytes,
    timeZone: config.timeZone,
    onSubmitted: createSubmittedNotifier({ repos, senders, logger, timeZone: config.timeZone }),
  });
  const telegramUsername = deps.identities.get('telegram')?.username;
  const secretariatFeature = createSecretariatFeature({
    repos,
    flows,
    exports,
    attachments,
    senders,
    logger,
    timeZone: config.timeZone,
    inviteTtlDays: config.inviteTtlDays,
    telegramUsername: () => telegramUsername,
    remindNow: reminders.remindNow,
    adHocReminderPlan: schedule.adHoc.reminders.map((stage) => stage.name),
  });
  // Without any platform token the web chat is the product's front door (demo mode);
  // with one, the web serves only the secretariat dashboard behind one-time login links.
  const webMode = anyPlatformEnabled(config) ? 'login' : 'demo';
  const loginLinks = createLoginLinks({ repos, now, baseUrl: () => deps.webBaseUrl });
  const conversation = createConversation({
    repos,
    identity,
    features: [reportFeature, secretariatFeature, createDashboardLinkFeature(loginLinks, webMode)],
    logger,
    now,
    hasButtons: (platform) => senders.get(platform)?.buttons ?? true,
  });

  // Webhook updates are stored here before the platform is answered (channels/webhook-inbox.ts).
  const webhookInbox = { repo: repos.webhookInbox, soleWriter: store.soleWriter };
  const channels = connections.map((connection) =>
    connection.channel({
      conversation,
      http,
      identity: deps.identities.get(connection.platform) ?? {},
      webhookInbox,
    }),
  );
  createWebChannel({
    http,
    conversation,
    dashboard: createDashboard({ repos, flows }),
    sessions: createWebSessions({ repos, now, mode: webMode }),
    demo: createDemoIdentities({ repos, now }),
    logger: logger.child({ channel: 'web' }),
    now,
    timeZone: config.timeZone,
    auth: { mode: webMode },
    exports,
    maxAttachmentBytes: config.maxAttachmentBytes,
    secureCookies: config.http.publicUrl?.startsWith('https:') ?? false,
    outbox,
  });

  return { ...useCases, conversation, senders, channels };
}
