import { z } from 'zod';
import { KeyedLock } from '../../store/keyed-lock';
import type { ChannelEntry } from '../channel';
import { ZALO_MAX_TEXT } from './render';
import { createZaloRateLimiter, createZaloSender, type ZaloDelivery } from './sender';
import { createZaloChannel } from './zalo-channel';
import { createZaloClient } from './zalo-client';

/** Zalo in the channel registry: its environment block, its API client and its channel. */
export const zaloEntry: ChannelEntry = {
  platform: 'zalo',
  maxTextLength: ZALO_MAX_TEXT,
  env: {
    prefix: 'ZALO',
    token: { pattern: /^[^:\s]+:[^\s]+$/, error: 'expected a Zalo bot token of the form <bot_id>:<secret>' },
    apiRoot: { default: 'https://bot-api.zaloplatforms.com', describe: 'the Zalo Bot API root' },
    webhookUrl: 'the public HTTPS address Zalo should call',
    webhookSecret: z
      .string()
      .min(8, { error: 'expected 8–256 characters' })
      .max(256, { error: 'expected 8–256 characters' }),
  },
  connect(config, deps) {
    const client = createZaloClient({
      token: config.token,
      apiRoot: config.apiRoot,
      requestTimeoutMs: deps.requestTimeoutSeconds * 1000,
    });
    // The buttons a message showed are remembered per chat, whoever sends it (bot or CLI), so that
    // the next typed number means that button; a chat's deliveries and updates take turns.
    const delivery: ZaloDelivery = {
      buttons: deps.repos.zaloButtons,
      chatLock: new KeyedLock(),
      now: () => new Date(),
    };
    const sender = createZaloSender(client, createZaloRateLimiter(), delivery);
    return {
      platform: 'zalo',
      sender,
      channel({ conversation, http, webhookInbox }) {
        const channel = createZaloChannel({
          token: config.token,
          apiRoot: config.apiRoot,
          webhook: config.webhook,
          conversation,
          logger: deps.logger.child({ channel: 'zalo' }),
          http,
          repos: deps.repos,
          maxDownloadBytes: deps.maxDownloadBytes,
          requestTimeoutSeconds: deps.requestTimeoutSeconds,
          client,
          outbound: { delivery, sender },
          webhookInbox,
        });
        return {
          platform: 'zalo',
          start: () => channel.start(),
          stop: () => channel.stop(),
          status: () => channel.status(),
        };
      },
    };
  },
};
