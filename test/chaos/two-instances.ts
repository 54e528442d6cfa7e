/**
 * (f) Production's scale-out: two bot instances in webhook mode on one store, as on MongoDB (here
 * the product's own store server, in a database of their own), each started as `npm start` is.
 * The fake Bot API sends every update to one instance and the next to the other, and twice more
 * later (redeliveries, so copies of one update reach both); meanwhile `npm run cli -- exempt`
 * toggles the same units' exemption, and one instance is killed with SIGKILL and started again
 * (its chats are taken over once its leases go stale).
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { writeUnitsFile } from '../../bench/support/bots';
import { Chats } from '../../bench/support/chat';
import { type Child, startNodeScript } from '../../bench/support/processes';
import { setUpContacts } from '../../bench/support/rush';
import { type Contact, type JourneyRecord, journey } from './journey';
import { productEnv } from './product';
import { sleep } from './random';
import type { AnswerPhase } from './scenarios';
import type { ChaosWorld } from './world';

export const TWO_INSTANCES_DB = 'baocao_hai_phien_ban';
const SECRET = 'chaos-two-instances-secret-0123456789';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** One instance as `npm start` runs it; resolves once its /healthz says 200 (webhook set). */
async function startInstance(env: Record<string, string>, timeoutMs = 120_000): Promise<Child> {
  const child = startNodeScript('src/main.ts', [], env);
  // CHAOS_INSTANCE_LOG=<file>: every line of both instances, for a closer look.
  const logFile = process.env.CHAOS_INSTANCE_LOG;
  if (logFile) {
    for (const stream of [child.process.stdout, child.process.stderr])
      stream?.on('data', (chunk: Buffer) =>
        appendFileSync(logFile, `[${env.HTTP_PORT}] ${chunk.toString()}`),
      );
  }
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.process.exitCode !== null || child.process.signalCode !== null)
      throw new Error(`instance exited during start:\n${child.tail.join('\n')}`);
    const health = await fetch(`http://127.0.0.1:${env.HTTP_PORT}/healthz`).catch(() => undefined);
    if (health?.status === 200) return child;
    if (Date.now() > deadline)
      throw new Error(`instance not ready after ${timeoutMs} ms:\n${child.tail.join('\n')}`);
    await sleep(200);
  }
}

export interface TwoInstancesPhase extends AnswerPhase {
  /** Deliveries each instance answered 200. */
  deliveries: number[];
}

export async function twoInstances(world: ChaosWorld, count: number): Promise<TwoInstancesPhase> {
  const { api, random, product } = world;
  const dir = path.join(world.dataDir, 'two-instances');
  mkdirSync(dir, { recursive: true });
  const unitsFile = path.join(dir, 'units.yaml');
  const codes = writeUnitsFile(unitsFile, count);
  const ports = [await freePort(), await freePort()];
  const envOf = (port: number): Record<string, string> => ({
    ...productEnv(product.settings),
    // Documented variables only: the store as MongoDB, a database and files of their own.
    MONGODB_URI: product.storeUri(),
    MONGODB_DB: TWO_INSTANCES_DB,
    DATA_DIR: dir,
    UNITS_FILE: unitsFile,
    HTTP_PORT: String(port),
    TELEGRAM_WEBHOOK_URL: `http://127.0.0.1:${port}/telegram/webhook`,
    TELEGRAM_WEBHOOK_SECRET: SECRET,
  });
  const instances = await Promise.all(ports.map((port) => startInstance(envOf(port))));
  api.routeWebhooks(
    ports.map((port) => ({ url: `http://127.0.0.1:${port}/telegram/webhook`, secret: SECRET })),
  );
  const deliveredBefore = new Map(api.webhookDeliveries);
  let copies = 0;
  let exemptions = 0;
  let kills = 0;
  const timers = new Set<NodeJS.Timeout>();
  try {
    const chats = new Chats(api);
    let contacts: Contact[];
    try {
      // Chats of their own: the fake API's record of each chat is also read for earlier scenarios.
      const joined = await setUpContacts(chats, codes, 60_000, 8_500_001);
      if (joined.failed > 0) throw new Error(`${joined.failed} contacts could not join the two instances`);
      contacts = joined.contacts;
    } finally {
      chats.close();
    }
    const client = await MongoClient.connect(product.storeUri());
    const roundId = String(
      (await client.db(TWO_INSTANCES_DB).collection('rounds').findOne({ kind: 'annual' }))?._id,
    );
    await client.close();

    let finished = false;
    const journeys = Promise.all(
      contacts.map((contact) =>
        journey({
          api,
          inbox: world.inbox,
          contact,
          replyTimeoutMs: world.options.replyTimeoutMs,
          onSent: (updateId) => {
            for (let copy = 0; copy < 2; copy++) {
              const timer = setTimeout(
                () => {
                  timers.delete(timer);
                  api.redeliver(updateId);
                  copies++;
                },
                random.int(0, 1500),
              );
              timers.add(timer);
            }
          },
        }),
      ),
    ).finally(() => {
      finished = true;
    });
    // The CLI beside the instances: exempt a unit of a contact who is reporting, then lift it.
    const cli = (async () => {
      while (!finished) {
        const unit = random.pick(codes);
        for (const undo of [false, true]) {
          const child = startNodeScript(
            'src/cli/main.ts',
            ['exempt', '--round', roundId, '--unit', unit, ...(undo ? ['--undo'] : [])],
            envOf(0),
          );
          await new Promise((resolve) => child.process.once('exit', resolve));
          if (child.process.exitCode === 0) exemptions++;
        }
      }
    })();
    // One instance killed halfway and started again on its port.
    const killer = (async () => {
      await sleep(random.int(2_000, 5_000));
      if (finished) return;
      const victim = random.int(0, 1);
      instances[victim]!.process.kill('SIGKILL');
      await new Promise((resolve) => instances[victim]!.process.once('exit', resolve));
      kills++;
      instances[victim] = await startInstance(envOf(ports[victim]!));
    })();
    const records: JourneyRecord[] = await journeys;
    await Promise.all([cli, killer]);
    await sleep(2_000);
    const deliveries = ports.map(
      (port) =>
        (api.webhookDeliveries.get(`http://127.0.0.1:${port}/telegram/webhook`) ?? 0) -
        (deliveredBefore.get(`http://127.0.0.1:${port}/telegram/webhook`) ?? 0),
    );
    return {
      name: 'two instances',
      attacks: `${deliveries.join('+')} deliveries; ${copies} copies; ${exemptions} CLI exempts; ${kills} kill`,
      records,
      deliveries,
    };
  } finally {
    for (const timer of timers) clearTimeout(timer);
    api.routeWebhooks(null);
    await Promise.all(instances.map((instance) => instance.stop()));
    // Back to long polling for whatever comes next.
    api.webhook = null;
  }
}
