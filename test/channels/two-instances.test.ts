import path from 'node:path';
import { writeUnitsFile } from '../../bench/support/bots';
import { Chats } from '../../bench/support/chat';
import { SECRETARY, setUpContacts } from '../../bench/support/rush';
import type { App } from '../../src/app';
import type { CliApp } from '../../src/cli/cli-app';
import { setExemption } from '../../src/features/rounds/exemptions';
import { Inbox } from '../chaos/inbox';
import { type JourneyRecord, journey } from '../chaos/journey';
import { CHAOS_FLOWS_DIR } from '../chaos/product';
import { StoreReader } from '../chaos/verify';
import { startTestApp, type TestApp } from '../support/start-test-app';

/**
 * Production's scale-out: two bot instances in webhook mode on one store (as on MongoDB: nothing
 * kept in memory), Telegram's deliveries spread over both in turn, so each contact's messages are
 * handled alternately by one and the other; meanwhile a CLI-like process exempts and un-exempts
 * the same units through the use case, and every update is delivered twice more, later. Every answer is stored once, every report submitted once,
 * no message is acknowledged and dropped, and every message is answered.
 */
jest.setTimeout(300_000);

const SECRET = 'two-instances-secret-0123456789';
const CONTACTS = 6;
let t: TestApp;
let second: App;
let cli: CliApp;

beforeAll(async () => {
  const dir = path.join(require('node:os').tmpdir(), `baocao-two-${process.pid}`);
  require('node:fs').mkdirSync(dir, { recursive: true });
  const unitsFile = path.join(dir, 'units.yaml');
  writeUnitsFile(unitsFile, CONTACTS);
  t = await startTestApp({
    soleStoreWriter: false,
    env: {
      FLOWS_DIR: CHAOS_FLOWS_DIR,
      UNITS_FILE: unitsFile,
      SECRETARIAT_TELEGRAM_IDS: String(SECRETARY.id),
      TELEGRAM_WEBHOOK_URL: 'https://bot.example.vn/telegram/webhook',
      TELEGRAM_WEBHOOK_SECRET: SECRET,
    },
  });
  second = await t.startInstance();
  cli = await t.openCli();
  const url = (app: App) => `http://127.0.0.1:${app.httpAddress!.port}/telegram/webhook`;
  t.telegram.routeWebhooks([
    { url: url(t.app), secret: SECRET },
    { url: url(second), secret: SECRET },
  ]);
});

afterAll(async () => {
  t.telegram.routeWebhooks(null);
  await t?.close();
});

it('two instances serve the same contacts: every answer once, every submission once, nothing dropped', async () => {
  const codes = (await t.app.store.repos.units.list()).map((unit) => unit._id);
  expect(codes).toHaveLength(CONTACTS);
  const chats = new Chats(t.telegram);
  const { contacts, failed } = await setUpContacts(chats, codes, 30_000);
  chats.close();
  expect(failed).toBe(0);

  const inbox = new Inbox(t.telegram);
  let cliRunning = true;
  let exemptions = 0;
  let copies = 0;
  // The CLI-like process toggles each unit's exemption while its contact reports.
  const cliWork = (async () => {
    const [round] = await cli.store.repos.rounds.list();
    while (cliRunning) {
      for (const code of codes) {
        for (const exempt of [true, false]) {
          const outcome = await setExemption(cli.store.repos, {
            roundId: round!._id,
            unitCode: code,
            exempt,
            actor: 'cli',
            channel: 'cli',
            at: new Date(),
          });
          expect(outcome.type).toBe('done');
          exemptions++;
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  let records: JourneyRecord[];
  try {
    records = await Promise.all(
      contacts.map((contact) =>
        journey({
          api: t.telegram,
          inbox,
          contact,
          replyTimeoutMs: 60_000,
          // Telegram may deliver an update again (e.g. a 200 lost on the way): twice more, later,
          // so a copy may reach the other instance while the first is being handled.
          onSent: (updateId) => {
            for (const delay of [Math.random() * 300, 300 + Math.random() * 700]) {
              setTimeout(() => {
                t.telegram.redeliver(updateId);
                copies++;
              }, delay).unref();
            }
          },
        }),
      ),
    );
  } finally {
    cliRunning = false;
    await cliWork;
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    inbox.close();
  }

  const { mongodbUri, mongodbDb } = t.app.config;
  const reader = await StoreReader.open(mongodbUri!, mongodbDb);
  try {
    const figures = await reader.answerFigures({ name: 'two instances', attacks: '', records });
    const deliveries = [...t.telegram.webhookDeliveries.values()];
    if (process.env.TWO_LOG) console.log({ ...figures, deliveries, exemptions, copies });
    expect(figures).toMatchObject({
      sent: CONTACTS * 12,
      acknowledged: CONTACTS * 12,
      stored: CONTACTS * 12,
      lost: 0,
      appliedTwice: 0,
      acknowledgedLost: 0,
      submitsStored: CONTACTS,
      submitsTwice: 0,
      withoutReply: 0,
      apologies: 0,
      notSubmitted: [],
    });
    // Both instances took deliveries, and the inbox is empty of pending updates.
    expect(deliveries).toHaveLength(2);
    for (const count of deliveries) expect(count).toBeGreaterThan(CONTACTS * 5);
    expect(await t.app.store.repos.webhookInbox.count({ status: 'pending' })).toBe(0);
    // The exemptions all ended lifted.
    const [round] = await t.app.store.repos.rounds.list();
    expect(round!.exemptUnitCodes ?? []).toEqual([]);
  } finally {
    await reader.close();
  }
});
