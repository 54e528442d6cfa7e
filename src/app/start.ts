import { DateTime } from 'luxon';
import type { BotIdentity } from '../channels/channel';
import { anyPlatformEnabled } from '../channels/registry';
import { DemoModeHostError, isLoopbackHost } from '../channels/web/demo-guard';
import type { Config } from '../config/config';
import type { Conversation } from '../conversation/conversation';
import type { ChannelSender, Platform } from '../conversation/messages';
import type { FlowCatalog } from '../engine';
import type { ReminderService } from '../features/reminders/reminder-service';
import type { ReportService } from '../features/report/report-service';
import { purgeOldRecords } from '../features/rounds/retention';
import type { RoundService } from '../features/rounds/round-service';
import { HEALTH_PATH, healthRoute } from '../http/health';
import { HttpServer } from '../http/server';
import type { Logger } from '../logger';
import type { Schedule } from '../scheduler';
import { type ReminderCron, startReminderCron } from '../scheduler/cron';
import { type Housekeeping, startHousekeeping } from '../scheduler/housekeeping';
import type { Store } from '../store/connect';
import { connectPlatforms, loadDataFiles, openConfiguredStore } from './open';
import { seedUnits } from './seed';
import { wireApp } from './wire';

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
  readonly senders: ReadonlyMap<Platform, ChannelSender>;
  /** Address of the built-in web server. */
  readonly httpAddress: { host: string; port: number };
  /** Telegram bot username, when Telegram is enabled (for invitation links). */
  readonly telegramUsername: string | undefined;
  /** The retention purge's schedule; tests tick it. */
  readonly housekeeping: Housekeeping;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Injected clock (tests travel in time); defaults to the real time in the configured zone. */
  now?: () => DateTime;
  /** Emit the store driver's command events (tests count store commands per message). */
  monitorStoreCommands?: boolean;
  /** This process alone writes the store's chats and reports (tests that own their database); see openStore. */
  soleStoreWriter?: boolean;
  /** Load the units file into an empty store even with a platform token (see seed.ts). */
  seedUnits?: boolean;
}

/**
 * Starts the bot: data files → store → first-run seeding and the periodic rounds → who the bot is
 * on each platform → the web server's address → wiring (src/app/wire.ts) → channels → menus →
 * scheduler → the web server serves. It stops in the reverse order, the store last.
 */
export async function startApp(config: Config, logger: Logger, options: StartOptions = {}): Promise<App> {
  const now = options.now ?? (() => DateTime.now().setZone(config.timeZone));
  if (!anyPlatformEnabled(config) && !isLoopbackHost(config.http.host)) {
    throw new DemoModeHostError(config.http.host);
  }
  // Read the data files before starting anything: a broken flow must stop the start at once.
  const { flows, schedule } = await loadDataFiles(config);
  const store = await openConfiguredStore(config, logger, {
    role: 'bot',
    monitorCommands: options.monitorStoreCommands,
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
    await seedUnits(store, config, logger, now().toJSDate(), options.seedUnits);

    const connections = connectPlatforms(config, store, logger);
    const identities = new Map<Platform, BotIdentity>();
    for (const connection of connections) {
      if (connection.identify) identities.set(connection.platform, await connection.identify());
    }

    const http = new HttpServer(logger);
    const bound = await http.bind(config.http.host, config.http.port);
    stoppers.push(() => http.close());
    const webBaseUrl = config.http.publicUrl ?? `http://${bound.address}:${bound.port}`;

    const app = wireApp({
      config,
      logger,
      now,
      store,
      flows,
      schedule,
      connections,
      identities,
      http,
      webBaseUrl,
    });
    // The current and next periodic rounds exist from the first start on (idempotent).
    await app.rounds.ensurePeriodicRounds(now());

    for (const channel of app.channels) {
      await channel.start();
      stoppers.push(() => channel.stop());
    }
    for (const member of await repos.contacts.listSecretariat()) {
      await connections.find((c) => c.platform === member.platform)?.showSecretariatMenu?.(member.chatId);
    }

    let reminderCron: ReminderCron | undefined;
    if (config.reminders.enabled) {
      // The pass decides itself what is due; the cron only wakes it up every few minutes.
      const cron = startReminderCron({
        cronExpression: config.reminders.cron,
        timeZone: config.timeZone,
        logger,
        now,
        run: async () => {
          await app.reminders.runReminderPass({ at: now(), dryRun: false });
        },
      });
      reminderCron = cron;
      stoppers.push(async () => cron.stop());
    }
    // Retention runs whether reminders are enabled or not.
    const housekeeping = startHousekeeping({
      timeZone: config.timeZone,
      logger: logger.child({ service: 'housekeeping' }),
      now,
      run: (at) => purgeOldRecords({ repos, models: store.models, schedule }, at),
    });
    stoppers.push(() => housekeeping.stop());
    http.route(
      'GET',
      HEALTH_PATH,
      healthRoute({
        storeKind: store.kind,
        pingStore: () => store.connection.db!.command({ ping: 1 }),
        channels: () =>
          Object.fromEntries(app.channels.map((channel) => [channel.platform, channel.status()])),
        lastReminderPass: reminderCron ? () => reminderCron.lastPass() : undefined,
        lastHousekeeping: () => housekeeping.lastRunAt(),
      }),
    );
    http.open();

    let stopped = false;
    return {
      config,
      store,
      flows,
      schedule,
      reports: app.reports,
      rounds: app.rounds,
      reminders: app.reminders,
      conversation: app.conversation,
      senders: app.senders,
      httpAddress: { host: bound.address, port: bound.port },
      telegramUsername: identities.get('telegram')?.username,
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
