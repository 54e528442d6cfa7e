import type { ChannelEntry, ConnectDeps, PlatformConnection } from './channel';
import type { PlatformConfig } from './platform-env';
import { telegramEntry } from './telegram/telegram-entry';
import { zaloEntry } from './zalo/zalo-entry';

/**
 * Every platform adapter, in the order they start. Adding a platform is one adapter folder that
 * exports a {@link ChannelEntry}, its name in src/domain/platform.ts and one line here: its
 * environment block (P_BOT_TOKEN, …) is read from the entry, the app starts its channel and
 * reports it on /healthz, and the app and the CLI send through its connection.
 */
export const CHANNELS = [telegramEntry, zaloEntry] as const satisfies readonly ChannelEntry[];

export type ChannelName = (typeof CHANNELS)[number]['platform'];

/** Each platform's block of the configuration, by platform: present when its token is set. */
export type PlatformConfigs = { [P in ChannelName]: PlatformConfig | undefined };

/** The connections of every platform whose token is set, in registry order. */
export function connectEnabledPlatforms(configs: PlatformConfigs, deps: ConnectDeps): PlatformConnection[] {
  const connections: PlatformConnection[] = [];
  for (const entry of CHANNELS) {
    const config = configs[entry.platform];
    if (config) connections.push(entry.connect(config, deps));
  }
  return connections;
}

/** Is any platform enabled? Without one, the web chat is the product's front door (demo mode). */
export function anyPlatformEnabled(configs: PlatformConfigs): boolean {
  return CHANNELS.some((entry) => configs[entry.platform] !== undefined);
}
