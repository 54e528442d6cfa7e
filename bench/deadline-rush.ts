/**
 * "The deadline rush" (issue item 4): the bot as units meet it the night before the deadline.
 *
 * (a) One contact answers a 100-question whole-number report, in our product and in a bot built
 *     the usual way with @grammyjs/conversations (its state stored as a document, as
 *     @grammyjs/storage-mongodb does, and as one JSON string): CPU per update of the bot process
 *     and of the store process at steps 1–10, 45–55 and 90–100, and reply latency.
 * (b) The product alone, many contacts answering at once: updates/s, reply latency and errors,
 *     on a fresh store and on one that already holds 100,000 answers.
 *
 * Every process is started as a user starts it (the product with `node scripts/run.js main`, as `npm start`
 * and its documented environment, on the embedded store it starts itself; contacts join through
 * the CLI or the secretariat's chat). The store's CPU is read from its own process (the product's
 * child; the comparison bot's is started here from the same binary), and every message goes through
 * the real grammY client and a fake Bot API on 127.0.0.1. Nothing reaches into the product's
 * internals, so the benchmark stays valid while they are rewritten.
 *
 * Knobs: bench/support/rush-settings.ts (BENCH_RUSH_QUICK=1 for a smoke run).
 * Usage: npm run bench -- deadline-rush
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startFakeTelegramApi } from '../test/support/fake-telegram-api';
import { benchQuestions } from './support/bench-flow';
import { PRODUCT_DB, startConversationsBot, startProduct, unitCodes, writeUnitsFile } from './support/bots';
import { Chats, promptOf } from './support/chat';
import { ANSWERS_COLLECTION, prefillAnswers } from './support/prefill';
import { type Child, REPO_ROOT, runCli, startStoreServer, summarizeWarnings } from './support/processes';
import { rush, setUpContacts } from './support/rush';
import {
  aloneTable,
  conversationsLabel,
  PRODUCT,
  type RushRow,
  rushTable,
  type Setup,
  type SingleRun,
  singleTable,
} from './support/rush-report';
import { describeSettings, type RushSettings, rushSettings } from './support/rush-settings';
import { answerQuestions, type SingleContactResult } from './support/single-contact';
import { fixed, quantile } from './support/stats';

const QUESTIONS = 100;

const benchStarted = performance.now();
/** A progress line, so a slow phase shows where the minutes go. */
function progress(what: string): void {
  console.log(`  · ${what} (${fixed((performance.now() - benchStarted) / 1000)} s)`);
}

export async function run(): Promise<void> {
  const settings = rushSettings();
  const workDir = mkdtempSync(path.join(tmpdir(), 'bench-deadline-rush-'));
  console.log(describeSettings(settings));
  const results: Record<string, unknown> = { settings, at: new Date().toISOString() };
  try {
    if (settings.parts.single) {
      // The two bots take turns, each repeat on a new store server: the machine's noise then
      // falls on both alike, and the table shows medians over the repeats.
      const runs = new Map<string, SingleRun[]>();
      for (let repeat = 1; repeat <= settings.singleRepeats; repeat++) {
        const single = await singleContact(path.join(workDir, `single-${repeat}`), settings);
        for (const [bot, run] of single) runs.set(bot, [...(runs.get(bot) ?? []), run]);
        progress(`(a) repeat ${repeat} of ${settings.singleRepeats} done`);
      }
      console.log(
        `\n(a) one contact, ${QUESTIONS} whole-number questions: CPU per update (ms, median of ${settings.singleRepeats} runs) and reply latency (all runs)\n`,
      );
      console.log(singleTable(runs));
      results.single = Object.fromEntries(runs);
    }
    if (settings.parts.rush) {
      const rows: RushRow[] = [];
      for (const prefill of [0, settings.prefillAnswers]) {
        const store = prefill === 0 ? 'fresh' : `${prefill} answers`;
        rows.push({ store, ...(await rushOnce(workDir, settings, prefill)) });
        if (settings.prefillAnswers === 0) break;
      }
      console.log(
        `\n(b) the product alone, ${settings.contacts} contacts answering at once (up to ${settings.answersPerContact} answers each, ${settings.rushSeconds} s window)\n`,
      );
      console.log(rushTable(rows));
      if (settings.probeAnswers > 0) {
        console.log(`\nbefore the rush, one contact alone answers questions 1–${settings.probeAnswers}\n`);
        console.log(aloneTable(rows));
      }
      results.rush = rows.map(({ store, result, setup, alone }) => ({
        store,
        setup,
        alone: alone && {
          ...alone.windows[0],
          p50Ms: quantile(alone.latenciesMs, 0.5),
          p99Ms: quantile(alone.latenciesMs, 0.99),
        },
        ...result,
        latenciesMs: undefined,
        p50Ms: quantile(result.latenciesMs, 0.5),
        p99Ms: quantile(result.latenciesMs, 0.99),
      }));
    }
    const out = path.join(REPO_ROOT, 'test-output', 'deadline-rush.json');
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
    console.log(`\nfigures: ${path.relative(process.cwd(), out)}`);
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// (a) one contact, product vs @grammyjs/conversations

async function singleContact(workDir: string, settings: RushSettings) {
  // One store server for both bots, each on its own database, measured one after the other.
  mkdirSync(workDir, { recursive: true });
  const store = await startStoreServer(path.join(workDir, 'store'));
  try {
    const product = await withFakeApi(async (chats) => {
      const unitsFile = path.join(workDir, 'units.yaml');
      writeUnitsFile(unitsFile, 1);
      // The product on the embedded store it starts itself, as `npm start` does; the comparison bot
      // on a server of the same binary started here.
      const {
        child,
        env,
        store: own,
      } = await startProduct({
        api: chats.api,
        unitsFile,
        dataDir: path.join(workDir, 'data'),
      });
      return stopAfter(child, async () => {
        // README, "Telegram: from a bot token to a submitted report", steps 3 and 4.
        const printed = await runCli(['invite', '--unit', unitCodes(1)[0]!], env);
        const code = /Mã mời: (\S+)/.exec(printed)?.[1];
        if (!code) throw new Error(`no invitation code in the CLI's output:\n${printed}`);
        const user = { id: 6_000_001, first_name: 'Một người' };
        await expectReply(
          chats.say(user, `/start ${code}`, () => true, settings.replyTimeoutMs),
          '/start',
        );
        await expectReply(
          chats.say(user, '/baocao', (text) => text.includes(promptOf(1)), settings.replyTimeoutMs),
          '/baocao',
        );
        return answerQuestions({
          chats,
          user,
          questions: QUESTIONS,
          botPid: child.pid,
          storePid: own!.pid,
          replyTimeoutMs: settings.replyTimeoutMs,
        });
      });
    });
    const runs = new Map<string, SingleRun>([[PRODUCT, product]]);
    for (const [index, stateAs] of settings.conversationsStates.entries()) {
      const conversations = await withFakeApi(async (chats) => {
        const child = await startConversationsBot(store.uri, chats.api, stateAs);
        return stopAfter(child, async () => {
          const user = { id: 6_000_002 + index, first_name: 'Người khác' };
          await expectReply(
            chats.say(user, '/baocao', (text) => text.includes(promptOf(1)), settings.replyTimeoutMs),
            '/baocao',
          );
          return answerQuestions({
            chats,
            user,
            questions: QUESTIONS,
            botPid: child.pid,
            storePid: store.pid,
            replyTimeoutMs: settings.replyTimeoutMs,
          });
        });
      });
      runs.set(conversationsLabel(stateAs), conversations);
    }
    return runs;
  } finally {
    await store.stop();
  }
}

// ---------------------------------------------------------------------------------------------
// (b) many contacts at once

async function rushOnce(workDir: string, settings: RushSettings, prefill: number) {
  const name = `rush-${prefill}`;
  return await withFakeApi(async (chats) => {
    const unitsFile = path.join(workDir, `${name}-units.yaml`);
    const codes = writeUnitsFile(unitsFile, settings.contacts);
    // The product on the embedded store it starts itself, as `npm start` does.
    const { child, store: own } = await startProduct({
      api: chats.api,
      unitsFile,
      dataDir: path.join(workDir, `${name}-data`),
      secretariatTelegramIds: [7_000_001],
    });
    return stopAfter(child, async () => {
      const setupStarted = performance.now();
      const { contacts, failed } = await setUpContacts(chats, codes, settings.replyTimeoutMs);
      const setup: Setup = {
        contactsReady: contacts.length,
        contactsFailed: failed,
        setupSeconds: (performance.now() - setupStarted) / 1000,
        botWarnings: [],
      };
      if (prefill > 0) {
        // Filled once the contacts are in: joining 200 contacts through the chat on a store
        // where every query scans 100,000 documents would take longer than the rush itself.
        const filled = await prefillAnswers({
          uri: own!.uri,
          dbName: PRODUCT_DB,
          count: prefill,
          unitCodes: codes,
          questionIds: benchQuestions().map((question) => question.id),
          currentYear: new Date().getFullYear(),
        });
        setup.prefilled = { collection: ANSWERS_COLLECTION, ...filled };
      }
      let alone: SingleContactResult | undefined;
      const first = contacts[0];
      if (settings.probeAnswers > 0 && first) {
        // One contact alone first: CPU per answer without contention, comparable fresh vs filled.
        alone = await answerQuestions({
          chats,
          user: first.user,
          questions: QUESTIONS,
          last: settings.probeAnswers,
          windows: [[1, settings.probeAnswers]],
          botPid: child.pid,
          storePid: own!.pid,
          replyTimeoutMs: settings.replyTimeoutMs,
        });
        first.asked = settings.probeAnswers + 1;
        progress(`${name}: ${settings.probeAnswers} answers of one contact alone`);
      }
      const result = await rush({
        chats,
        contacts,
        answers: settings.answersPerContact,
        windowSeconds: settings.rushSeconds,
        replyTimeoutMs: settings.replyTimeoutMs,
        botPid: child.pid,
        storePid: own!.pid,
      });
      setup.botWarnings = summarizeWarnings(child.warnings);
      progress(`${name}: rush done`);
      return { result, setup, alone };
    });
  });
}

// ---------------------------------------------------------------------------------------------

async function withFakeApi<T>(body: (chats: Chats) => Promise<T>): Promise<T> {
  const api = await startFakeTelegramApi();
  const chats = new Chats(api);
  try {
    return await body(chats);
  } finally {
    chats.close();
    await api.close();
  }
}

/** Runs `body`, then stops the bot (before its fake API closes) and adds its warning count. */
async function stopAfter<T extends object>(
  child: Child,
  body: () => Promise<T>,
): Promise<T & { warnings: number }> {
  try {
    const result = await body();
    return { ...result, warnings: child.warnings.length };
  } catch (error) {
    console.error(`last output of the bot:\n${child.tail.join('\n')}`);
    throw error;
  } finally {
    await child.stop();
  }
}

async function expectReply(reply: ReturnType<Chats['say']>, what: string): Promise<void> {
  const { kind, text } = await reply;
  if (kind !== 'reply') throw new Error(`${what}: ${kind} ${text}`);
}

if (require.main === module) void run();
