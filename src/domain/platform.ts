/**
 * Every platform a person can talk to the bot on: the one list the store validates contacts
 * against and the channel registry (src/channels/registry.ts) must cover. `web` is the built-in
 * web chat; the others are platform adapters enabled by their token.
 */
export const PLATFORMS = ['telegram', 'zalo', 'web'] as const;
export type Platform = (typeof PLATFORMS)[number];
