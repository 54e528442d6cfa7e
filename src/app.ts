import { existsSync } from 'node:fs';
import path from 'node:path';
import { DateTime } from 'luxon';
import { createTelegramChannel, type TelegramChannel } from './channels/telegram/telegram-channel';
import { DemoModeHostError, isLoopbackHost } from './channels/web/demo-guard';
import { createDashboardLinkFeature, createLoginLinks, createWebChannel } from './channels/web/web-channel';
import { createZaloChannel } from './channels/zalo/zalo-channel';
import type { Config } from './config/config';
import { type Conversation, createConversation } from './conversation/conversation';
import type { ChannelSender, ChannelStatus, Platform } from './conversation/messages';
import { type FlowCatalog, loadFlows } from './engine';
import { createIdentityService } from './features/contacts/identity';
import { createExportService } from './features/exports/export-service';
import { createReminderService, type ReminderService } from './features/reminders/reminder-service';
import { createReportFeature } from './features/report/chat/report-feature';
import { createReportService, type ReportService } from './features/report/report-service';
import { purgeOldRecords } from './features/rounds/retention';
import { createRoundService, type RoundService } from './features/rounds/round-service';
import { statusBoard } from './features/rounds/status-board';
import { createSecretariatFeature } from './features/secretariat/chat/secretariat-feature';
import { createSubmittedNotifier } from './features/secretariat/chat/secretariat-notify';
import { readUnitDocuments, readUnitsFile } from './features/units/units-file';
import { HEALTH_PATH, healthRoute } from './http/health';
import { HttpServer } from './http/server';
import type { Logger } from './logger';
import { loadSchedule, type Schedule } from './scheduler';
import { type ReminderCron, startReminderCron } from './scheduler/cron';
import { type Housekeeping, startHousekeeping } from './scheduler/housekeeping';
import { createAttachmentStore } from './store/attachment-store';
import { openStore, type Store } from './store/connect';

/** A running baocao-bot: what main.ts starts and what tests start in-process. */
export interface App {
  readonly config: Config;
  readonly store: Store;
  readonly flows: FlowCatalog;
  readonly schedule: Schedule;
  readonly reports: ReportService;
  readonly rounds: RoundService;
  readonly reminders: ReminderService;
  readonly conversation: Conversation;
  readonly senders: Map<Platform, ChannelSender>;
  /** Address of the built-in web server, when it listens. */
  readonly httpAddress: { host: string; port: number } | undefined;
  /** Telegram bot username, when Telegram is enabled (for invitation links). */
  readonly telegramUsername: string | undefined;
  /** The retention purge's schedule (not in headless CLI runs); tests tick it. */
  readonly housekeeping: Housekeeping | undefined;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Injected clock (tests travel in time); defaults to the real time in the configured zone. */
  now?: () => DateTime;
  /** Don't start platform channels or the web server (CLI commands). */
  headless?: boolean;
  /** Emit the store driver's command events (tests count store commands per message). */
  monitorStoreCommands?: boolean;
  /** This process alone writes the store's chats and reports (tests that own their database); see openStore. */
  soleStoreWriter?: boolean;
}

/**
 * Composition root: config → store → flows → services → channels → scheduler.
 * Everything is created here from its dependencies; nothing is a module-level singleton.
 */
export async function startApp(config: Config, logger: Logger, options: StartOptions = {}): Promise<App> {
  const now = options.now ?? (() => DateTime.now().setZone(config.timeZone));
  if (!options.headless && !config.telegram && !config.zalo && !isLoopbackHost(config.http.host)) {
    throw new DemoModeHostError(config.http.host);
  }
  // Read the data files before starting anything: a broken flow must stop the start at once.
  const flows = await loadFlows(config.flowsDir);
  const schedule = loadSchedule(path.join(config.flowsDir, 'schedule.yaml'));

  const store = await openStore({
    mongodbUri: config.mongodbUri,
    dbName: config.mongodbDb,
    dataDir: config.dataDir,
    logger,
    monitorCommands: options.monitorStoreCommands,
    role: options.headless ? 'cli' : 'bot',
    soleWriter: options.soleStoreWriter,
  });
  const stoppers: (() => Promise<void>)[] = [() => store.close()];
  const stopAll = async () => {
    for (const stop of stoppers.reverse()) {
      await stop().catch((error: unknown) => logger.error({ err: error }, 'error while stopping'));
    }
    stoppers.length = 0;
  };

  try {
    const { repos } = store;
    if ((await repos.units.count()) === 0 && existsSync(config.unitsFile)) {
      const loaded = await repos.units.upsertMany(await readUnitsFile(config.unitsFile));
      logger.info(
        { units: loaded.created.length, file: config.unitsFile },
        'example units loaded into an empty store',
      );
    }

    // The current and next periodic rounds exist from the first start on (idempotent).
    const rounds = createRoundService({ repos, flows, schedule, logger });
    await rounds.ensurePeriodicRounds(now());

    const reports = createReportService({ repos, flows, logger, now });
    // Set once Telegram has started; new secretariat members then get their command menu.
    let telegramChannel: TelegramChannel | undefined;
    const identity = createIdentityService({
      repos,
      now,
      secretariatIds: {
        telegram: config.telegram?.secretariatIds ?? [],
        zalo: config.zalo?.secretariatIds ?? [],
      },
      onSecretariatJoined: async (contact) => {
        if (contact.platform === 'telegram') await telegramChannel?.showSecretariatMenu(contact.chatId);
      },
    });
    // Filled as channels start; services read it at send time.
    const senders = new Map<Platform, ChannelSender>();
    // What /healthz reports on.
    const platformChannels = new Map<string, { status(): ChannelStatus }>();
    const http = new HttpServer(logger);
    let telegramUsername: string | undefined;
    const attachments = createAttachmentStore(config.dataDir);
    const exportService = createExportService({
      repos,
      flows,
      organisation: config.organisation,
      dataDir: config.dataDir,
      timeZone: config.timeZone,
      unitDocuments: () => readUnitDocuments(config.unitsFile),
    });
    const reminders = createReminderService({
      repos,
      schedule,
      rounds,
      senders,
      logger: logger.child({ service: 'reminders' }),
    });

    const reportFeature = createReportFeature({
      repos,
      reports,
      attachments,
      maxAttachmentBytes: config.maxAttachmentBytes,
      timeZone: config.timeZone,
      onSubmitted: createSubmittedNotifier({ repos, senders, logger, timeZone: config.timeZone }),
    });
    const secretariatFeature = createSecretariatFeature({
      repos,
      flows,
      exports: exportService,
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
    const webMode = config.telegram || config.zalo ? 'login' : 'demo';
    let webBaseUrl = config.http.publicUrl ?? `http://${config.http.host}:${config.http.port}`;
    const loginLinks = createLoginLinks({ repos, now, baseUrl: () => webBaseUrl });
    const conversation = createConversation({
      repos,
      identity,
      features: [reportFeature, secretariatFeature, createDashboardLinkFeature(loginLinks, webMode)],
      logger,
      now,
    });

    // Webhook updates are stored here before the platform is answered (see webhook-inbox.ts).
    const webhookInbox = { repo: repos.webhookInbox, soleWriter: store.soleWriter };
    if (!options.headless && config.telegram) {
      const telegram = createTelegramChannel({
        token: config.telegram.token,
        apiRoot: config.telegram.apiRoot,
        webhook: config.telegram.webhook,
        conversation,
        logger: logger.child({ channel: 'telegram' }),
        http,
        maxDownloadBytes: config.maxAttachmentBytes,
        requestTimeoutSeconds: config.botApiTimeoutSeconds,
        webhookInbox,
      });
      await telegram.start();
      stoppers.push(() => telegram.stop());
      senders.set('telegram', telegram.sender);
      platformChannels.set('telegram', telegram);
      telegramUsername = telegram.username;
      telegramChannel = telegram;
      for (const member of await repos.contacts.listSecretariat()) {
        if (member.platform === 'telegram') await telegram.showSecretariatMenu(member.chatId);
      }
    }

    if (!options.headless && config.zalo) {
      const zalo = createZaloChannel({
        token: config.zalo.token,
        apiRoot: config.zalo.apiRoot,
        webhook: config.zalo.webhook,
        conversation,
        logger: logger.child({ channel: 'zalo' }),
        http,
        repos,
        maxDownloadBytes: config.maxAttachmentBytes,
        requestTimeoutSeconds: config.botApiTimeoutSeconds,
        webhookInbox,
      });
      await zalo.start();
      stoppers.push(() => zalo.stop());
      senders.set('zalo', zalo.sender);
      platformChannels.set('zalo', zalo);
    }

    let reminderCron: ReminderCron | undefined;
    if (!options.headless && config.reminders.enabled) {
      // The pass decides itself what is due; the cron only wakes it up every few minutes.
      const cron = startReminderCron({
        cronExpression: config.reminders.cron,
        timeZone: config.timeZone,
        logger,
        now,
        run: async () => {
          await reminders.runReminderPass({ at: now(), dryRun: false });
        },
      });
      reminderCron = cron;
      stoppers.push(async () => cron.stop());
    }

    let housekeeping: Housekeeping | undefined;
    if (!options.headless) {
      // Retention runs whether reminders are enabled or not.
      const started = startHousekeeping({
        timeZone: config.timeZone,
        logger: logger.child({ service: 'housekeeping' }),
        now,
        run: (at) => purgeOldRecords({ repos, models: store.models, schedule }, at),
      });
      housekeeping = started;
      stoppers.push(() => started.stop());
      http.route(
        'GET',
        HEALTH_PATH,
        healthRoute({
          storeKind: store.kind,
          pingStore: () => store.connection.db!.command({ ping: 1 }),
          channels: () => Object.fromEntries([...platformChannels].map(([name, c]) => [name, c.status()])),
          lastReminderPass: reminderCron ? () => reminderCron.lastPass() : undefined,
          lastHousekeeping: () => housekeeping?.lastRunAt(),
        }),
      );
    }

    if (!options.headless) {
      const web = createWebChannel({
        http,
        conversation,
        repos,
        flows,
        logger: logger.child({ channel: 'web' }),
        now,
        timeZone: config.timeZone,
        auth: { mode: webMode },
        statusBoard: (roundId, at) => statusBoard(repos, roundId, at),
        exports: exportService,
        maxAttachmentBytes: config.maxAttachmentBytes,
        secureCookies: config.http.publicUrl?.startsWith('https:') ?? false,
      });
      senders.set('web', web.sender);
    }

    let httpAddress: App['httpAddress'];
    if (!options.headless && http.hasRoutes) {
      const address = await http.listen(config.http.host, config.http.port);
      httpAddress = { host: address.address, port: address.port };
      if (!config.http.publicUrl) webBaseUrl = `http://${address.address}:${address.port}`;
      stoppers.push(() => http.close());
    }

    let stopped = false;
    return {
      config,
      store,
      flows,
      schedule,
      reports,
      rounds,
      reminders,
      conversation,
      senders,
      httpAddress,
      telegramUsername,
      housekeeping,
      async stop() {
        if (stopped) return;
        stopped = true;
        // Reverse order of start: channels before the store.
        await stopAll();
      },
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
