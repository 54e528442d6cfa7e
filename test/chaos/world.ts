/**
 * What every chaos scenario works on: the fake Bot API on 127.0.0.1, the product started as
 * `npm start` on a fresh DATA_DIR (its own embedded store), a units file, and contacts who joined
 * through the secretariat's invitations (the documented route, see bench/support/rush.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { writeUnitsFile } from '../../bench/support/bots';
import { Chats } from '../../bench/support/chat';
import { SECRETARY, setUpContacts } from '../../bench/support/rush';
import { type FakeTelegramApi, startFakeTelegramApi } from '../support/fake-telegram-api';
import { Inbox } from './inbox';
import type { Contact } from './journey';
import { BOT_TOKEN, Product } from './product';
import { Random } from './random';

export interface ChaosOptions {
  seed: number;
  /** (a) kill -9 of the bot. */
  kills: number;
  killContacts: number;
  /** Contacts reporting at once during the kills (the others wait), so the traffic lasts. */
  killConcurrency: number;
  /** (b+e) redelivery and sendMessage faults. */
  redeliveryContacts: number;
  /** (d) kill -9 of the embedded store. */
  storeKills: number;
  storeContacts: number;
  /** (c) kills of the `remind` pass, and the contacts who are reminded. */
  remindKills: number;
  remindContacts: number;
  /** (f) contacts served by two webhook instances on one store (0: not run). */
  twoInstanceContacts: number;
  /** BOT_API_TIMEOUT_SECONDS of the bot. */
  apiTimeoutSeconds: number;
  /** How long a contact waits for a reply before counting it missing (restarts included). */
  replyTimeoutMs: number;
}

export interface ChaosWorld {
  options: ChaosOptions;
  random: Random;
  api: FakeTelegramApi;
  inbox: Inbox;
  product: Product;
  dataDir: string;
  close(): Promise<void>;
}

export async function startWorld(options: ChaosOptions): Promise<ChaosWorld> {
  const api = await startFakeTelegramApi({ token: BOT_TOKEN });
  const dataDir = mkdtempSync(path.join(tmpdir(), 'baocao-chaos-'));
  const product = new Product({
    api,
    dataDir,
    unitsFile: path.join(dataDir, 'units.yaml'),
    secretariatTelegramIds: [SECRETARY.id],
    apiTimeoutSeconds: options.apiTimeoutSeconds,
  });
  const inbox = new Inbox(api);
  const close = async () => {
    inbox.close();
    await product.stop();
    await api.close();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const total = options.killContacts + options.redeliveryContacts + options.storeContacts;
    writeUnitsFile(product.settings.unitsFile, total + options.remindContacts);
    await product.start();
    return { options, random: new Random(options.seed), api, inbox, product, dataDir, close };
  } catch (err) {
    await close();
    throw err;
  }
}

/** Every unit's contact joins and opens the report (question 1 asked), before any attack. */
export async function joinContacts(world: ChaosWorld, unitCodes: readonly string[]): Promise<Contact[]> {
  const chats = new Chats(world.api);
  try {
    const { contacts, failed } = await setUpContacts(chats, unitCodes, 30_000);
    if (failed > 0) throw new Error(`${failed} contacts could not join before the attacks began`);
    return contacts;
  } finally {
    chats.close();
  }
}
