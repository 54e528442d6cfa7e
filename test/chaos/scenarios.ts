/**
 * The attacks, each on its own contacts so that its figures are its own: (a) kill -9 of the bot
 * while contacts answer and submit; (b+e) every update delivered three times, out of order, while
 * sendMessage fails with 429, 5xx and hangs; (d) kill -9 of the embedded store under load; (c) a
 * `remind` pass killed halfway, then run again.
 */
import type { TelegramFault } from '../support/fake-telegram-api';
import { type Contact, type JourneyRecord, journey } from './journey';
import { sleep } from './random';
import type { ChaosWorld } from './world';

export interface AnswerPhase {
  name: string;
  /** What was done to the product during the phase (kills, copies, faults). */
  attacks: string;
  records: JourneyRecord[];
}

/**
 * Every contact makes its report; with `concurrency`, only that many at once (the others wait
 * their turn), so that the traffic lasts through many kills.
 */
function runJourneys(
  world: ChaosWorld,
  contacts: readonly Contact[],
  options: { onSent?: (id: number) => void; concurrency?: number } = {},
) {
  let finished = false;
  const queue = [...contacts];
  const records: JourneyRecord[] = [];
  const worker = async () => {
    for (let contact = queue.shift(); contact; contact = queue.shift()) {
      records.push(
        await journey({
          api: world.api,
          inbox: world.inbox,
          contact,
          replyTimeoutMs: world.options.replyTimeoutMs,
          onSent: options.onSent,
        }),
      );
    }
  };
  const workers = Math.min(options.concurrency ?? contacts.length, contacts.length);
  const all = Promise.all(Array.from({ length: workers }, worker))
    .then(() => records)
    .finally(() => {
      finished = true;
    });
  return { all, finished: () => finished };
}

/**
 * (a) The bot killed with SIGKILL `kills` times and started again at once on the same DATA_DIR.
 * Each kill comes after a random number (1–4) of replies to the contacts and a random pause
 * (0–150 ms), so it lands anywhere in the handling of the next messages: before the answer is
 * stored, between storing and replying, after replying but before the update is confirmed.
 * Counting replies rather than seconds keeps the number of kills the same on a slow machine.
 */
export async function botKills(world: ChaosWorld, contacts: readonly Contact[]): Promise<AnswerPhase> {
  const { random, product, api, options } = world;
  const chats = new Set(contacts.map((c) => c.user.id));
  let replies = 0;
  let wake: (() => void) | undefined;
  const stopCounting = api.onCall((call) => {
    if (!call.ok || call.method.toLowerCase() !== 'sendmessage' || !chats.has(Number(call.params.chat_id)))
      return;
    replies++;
    wake?.();
  });
  const run = runJourneys(world, contacts, { concurrency: options.killConcurrency });
  void run.all.finally(() => wake?.());
  let kills = 0;
  try {
    while (kills < options.kills && !run.finished()) {
      const target = replies + random.int(1, 4);
      while (replies < target && !run.finished()) await new Promise<void>((resolve) => (wake = resolve));
      await sleep(random.int(0, 150));
      if (run.finished()) break;
      await product.ready();
      await product.kill();
      kills++;
      await product.start();
    }
  } finally {
    stopCounting();
  }
  const records = await run.all;
  return { name: 'bot kill -9', attacks: `${kills} kills`, records };
}

/**
 * (b) + (e) Every update sent twice more by the fake API (`redeliver`, same update_id) after a
 * random delay, so the copies arrive after later updates; meanwhile the next sendMessage calls
 * fail now and then with 429 (retry_after 1 s), 500, 502 or hang longer than the bot's timeout.
 */
export async function redeliveryAndFaults(
  world: ChaosWorld,
  contacts: readonly Contact[],
): Promise<AnswerPhase> {
  const { random, api, options } = world;
  let copies = 0;
  const timers = new Set<NodeJS.Timeout>();
  const run = runJourneys(world, contacts, {
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
  });
  const faults: TelegramFault[] = [
    { status: 429, retryAfter: 1 },
    { status: 500, description: 'Internal Server Error' },
    { status: 502, description: 'Bad Gateway' },
    { status: 'hang', ms: options.apiTimeoutSeconds * 1000 + 1000 },
  ];
  const injected = new Map<string, number>();
  // A new fault only once the previous ones hit a call (failed sendMessage calls, hangs recorded
  // as 499): faults queued faster than the bot sends would be an outage, not a fault.
  let failedCalls = 0;
  const stopCounting = api.onCall((call) => {
    if (call.method.toLowerCase() === 'sendmessage' && !call.ok) failedCalls++;
  });
  let total = 0;
  while (!run.finished()) {
    await sleep(random.int(200, 1200));
    if (run.finished()) break;
    if (failedCalls < total) continue;
    total++;
    const fault = random.pick(faults);
    api.failNext('sendMessage', fault);
    injected.set(String(fault.status), (injected.get(String(fault.status)) ?? 0) + 1);
  }
  const records = await run.all;
  stopCounting();
  // Faults not used up would hit the next scenario; copies still waiting are delivered too.
  api.clearFaults();
  await sleep(2000);
  for (const timer of timers) clearTimeout(timer);
  const faultList = [...injected].map(([status, n]) => `${n}×${status}`).join(' ');
  return { name: 'redelivery ×2 + faults', attacks: `${copies} copies; ${faultList}`, records };
}

/** (d) The embedded store killed with SIGKILL under load; the bot's supervisor restarts it. */
export async function storeKills(world: ChaosWorld, contacts: readonly Contact[]): Promise<AnswerPhase> {
  const { random, product, options } = world;
  const run = runJourneys(world, contacts);
  let kills = 0;
  while (kills < options.storeKills && !run.finished()) {
    await sleep(random.int(500, 2500));
    const pid = product.storePid();
    if (run.finished() || pid === undefined) break;
    process.kill(pid, 'SIGKILL');
    kills++;
    // Next kill only once the supervisor has started a new store.
    const deadline = Date.now() + 60_000;
    while ((product.storePid() ?? pid) === pid && Date.now() < deadline) await sleep(200);
  }
  const records = await run.all;
  return { name: 'store kill -9', attacks: `${kills} kills`, records };
}
