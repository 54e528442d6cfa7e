import { Api } from 'grammy';
import { DateTime } from 'luxon';
import { type App, startApp } from '../app';
import { apiRetry } from '../channels/telegram/api-retry';
import { createTelegramRateLimiter, createTelegramSender } from '../channels/telegram/sender';
import { createZaloRateLimiter, createZaloSender } from '../channels/zalo/sender';
import { createZaloClient } from '../channels/zalo/zalo-client';
import type { Config } from '../config/config';
import type { ChannelSender, Platform } from '../conversation/messages';
import type { FlowCatalog } from '../engine';
import type { Logger } from '../logger';
import type { Schedule } from '../scheduler';
import type { Store } from '../store/connect';
import { KeyedLock } from '../store/keyed-lock';

/** What every CLI command gets: the store and data files, senders for the enabled platforms, and a printer. */
export interface CliApp {
  config: Config;
  store: Store;
  flows: FlowCatalog;
  schedule: Schedule;
  senders: Map<Platform, ChannelSender>;
  logger: Logger;
  now: () => DateTime;
  out: (line: string) => void;
  app: App;
  /** The Telegram bot's username (for invitation links), looked up once when needed. */
  telegramUsername(): Promise<string | undefined>;
}

/** Opens the store and data files without starting any channel; messages are sent through plain API clients. */
export async function openCliApp(
  config: Config,
  logger: Logger,
  out: (line: string) => void,
): Promise<CliApp> {
  const app = await startApp(config, logger, { headless: true });
  const senders = new Map<Platform, ChannelSender>();
  let telegramApi: Api | undefined;
  if (config.telegram) {
    telegramApi = new Api(config.telegram.token, {
      apiRoot: config.telegram.apiRoot,
      timeoutSeconds: config.botApiTimeoutSeconds,
    });
    telegramApi.config.use(apiRetry());
    senders.set('telegram', createTelegramSender(telegramApi, createTelegramRateLimiter()));
  }
  if (config.zalo) {
    // Reminders from the CLI reach Zalo contacts too; the buttons shown are remembered as the bot does.
    const client = createZaloClient({
      token: config.zalo.token,
      apiRoot: config.zalo.apiRoot,
      requestTimeoutMs: config.botApiTimeoutSeconds * 1000,
    });
    senders.set(
      'zalo',
      createZaloSender(client, createZaloRateLimiter(), {
        buttons: app.store.repos.zaloButtons,
        chatLock: new KeyedLock(),
        now: () => new Date(),
      }),
    );
  }
  for (const [platform, sender] of app.senders) senders.set(platform, sender);
  let username: string | undefined;
  return {
    config,
    store: app.store,
    flows: app.flows,
    schedule: app.schedule,
    senders,
    logger,
    now: () => DateTime.now().setZone(config.timeZone),
    out,
    app,
    async telegramUsername() {
      if (!telegramApi) return undefined;
      username ??= (await telegramApi.getMe()).username;
      return username;
    },
  };
}
