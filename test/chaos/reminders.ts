/**
 * (c) A reminder pass (`npm run cli -- remind --at <31/12 08:00>`, beside the running bot) killed
 * with SIGKILL after a random number of reminders, `remindKills` times, then run to its end and
 * once more. The fake API enforces Telegram's limits (30 messages a second, 1 per chat;
 * 429 beyond), which the product's own rate limiter is meant to respect. Every recipient must get exactly one reminder,
 * except the one each kill may have cut off mid-send (README, "Rounds and reminders"), which the
 * store marks as interrupted.
 */
import { DateTime } from 'luxon';
import type { Child } from '../../bench/support/processes';
import type { Contact } from './journey';
import type { ChaosWorld } from './world';

export interface ReminderPhase {
  recipients: Contact[];
  /** Position of each recipient's chat in the inbox before the first pass. */
  before: Map<number, number>;
  passes: number;
  kills: number;
  /** Last lines printed by the final pass. */
  finalOutput: string[];
}

function exited(child: Child): Promise<number | null> {
  if (child.process.exitCode !== null || child.process.signalCode !== null)
    return Promise.resolve(child.process.exitCode);
  return new Promise((resolve) => child.process.once('exit', (code) => resolve(code)));
}

export async function killedReminderPass(world: ChaosWorld, recipients: Contact[]): Promise<ReminderPhase> {
  const { api, inbox, product, random, options } = world;
  const chats = new Set(recipients.map((c) => c.user.id));
  const before = new Map(recipients.map((c) => [c.user.id, inbox.count(c.user.id)]));
  const year = DateTime.now().setZone('Asia/Ho_Chi_Minh').year;
  const args = ['remind', '--at', `${year}-12-31T08:00:00+07:00`];
  api.rateLimit({ globalPerSecond: 30, perChatPerSecond: 1 });
  let passes = 0;
  let kills = 0;
  try {
    for (let k = 0; k < options.remindKills; k++) {
      const killAfter = random.int(1, Math.max(1, Math.floor(recipients.length / (options.remindKills + 1))));
      let seen = 0;
      const cli = product.cli(args);
      passes++;
      await new Promise<void>((resolve) => {
        const stop = api.onCall((call) => {
          if (!call.ok || call.method.toLowerCase() !== 'sendmessage') return;
          if (!chats.has(Number(call.params.chat_id)) || ++seen < killAfter) return;
          stop();
          cli.process.kill('SIGKILL');
          kills++;
          resolve();
        });
        // A pass with nothing left to send ends by itself.
        void exited(cli).then(() => {
          stop();
          resolve();
        });
      });
      await exited(cli);
    }
    let finalOutput: string[] = [];
    for (let run = 0; run < 2; run++) {
      const cli = product.cli(args);
      passes++;
      const code = await exited(cli);
      if (code !== 0) throw new Error(`remind exited with ${code}:\n${cli.tail.join('\n')}`);
      if (run === 0) finalOutput = [...cli.tail];
    }
    return { recipients, before, passes, kills, finalOutput };
  } finally {
    api.rateLimit(null);
  }
}
