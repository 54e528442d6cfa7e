/** The tables bench/deadline-rush.ts prints, and the figures they are made of. */
import type { RushResult } from './rush';
import { type SingleContactResult, WINDOWS, type WindowCpu } from './single-contact';
import { fixed, quantile, table } from './stats';

export interface SingleRun extends SingleContactResult {
  warnings: number;
}

export interface Setup {
  contactsReady: number;
  contactsFailed: number;
  setupSeconds: number;
  prefilled?: { collection: string; inserted: number; seconds: number };
  botWarnings: string[];
}

export const PRODUCT = 'product';
/** Column of a @grammyjs/conversations bot: "conv doc" or "conv json" (see the table's footnote). */
export const conversationsLabel = (stateAs: string) => `conv ${stateAs === 'document' ? 'doc' : stateAs}`;

/** Median over the runs of one window's figure. */
function medianOf(runs: SingleRun[], window: number, pick: (w: WindowCpu) => number): number {
  return quantile(
    runs.map((run) => run.windows[window]).flatMap((w) => (w ? [pick(w)] : [])),
    0.5,
  );
}

/** One column per bot, then each conversations bot's figure divided by the product's. */
export function singleTable(runs: Map<string, SingleRun[]>): string {
  const bots = [...runs.keys()];
  const others = bots.filter((bot) => bot !== PRODUCT);
  const rows: string[][] = [['', ...bots, ...others.map((bot) => `${bot.replace('conv ', '')} ÷ product`)]];
  const figures: [string, (w: WindowCpu) => number][] = [
    ['bot CPU/update', (w) => w.botMs],
    ['store CPU/update', (w) => w.storeMs],
    ['total CPU/update', (w) => w.botMs + w.storeMs],
  ];
  WINDOWS.forEach(([from, to], index) => {
    for (const [label, pick] of figures) {
      const values = bots.map((bot) => medianOf(runs.get(bot)!, index, pick));
      const product = values[0]!;
      const ratios = values.slice(1).map((value) => fixed(value / product));
      rows.push([`steps ${from}–${to}: ${label}`, ...values.map((value) => fixed(value)), ...ratios]);
    }
  });
  const blanks = others.map(() => '');
  const latency = (q: number) =>
    bots.map((bot) =>
      fixed(
        quantile(
          runs.get(bot)!.flatMap((run) => run.latenciesMs),
          q,
        ),
      ),
    );
  const sum = (pick: (run: SingleRun) => number) =>
    bots.map((bot) => String(runs.get(bot)!.reduce((total, run) => total + pick(run), 0)));
  rows.push(['reply p50 (ms)', ...latency(0.5), ...blanks]);
  rows.push(['reply p99 (ms)', ...latency(0.99), ...blanks]);
  rows.push(['apologies', ...sum((run) => run.errors), ...blanks]);
  rows.push(['bot log lines ≥ warn', ...sum((run) => run.warnings), ...blanks]);
  return [
    table(rows),
    '(CPU from /proc/<pid>/stat in 10 ms ticks, divided by the updates of each window. conv: the same questions',
    ' with @grammyjs/conversations, its state stored by _id as a document like @grammyjs/storage-mongodb does',
    ' (doc) or as one JSON string (json), the cheapest for the store)',
  ].join('\n');
}

export interface RushRow {
  store: string;
  result: RushResult;
  setup: Setup;
  alone: SingleContactResult | undefined;
}

export function aloneTable(rows: RushRow[]): string {
  const header = [
    'store',
    'bot CPU/answer',
    'store CPU/answer',
    'total CPU/answer',
    '÷ fresh',
    'p50 ms',
    'p99 ms',
  ];
  const total = (alone: SingleContactResult | undefined) => {
    const window = alone?.windows[0];
    return window ? window.botMs + window.storeMs : Number.NaN;
  };
  const fresh = total(rows[0]?.alone);
  const lines = rows.map(({ store, alone }) => [
    store,
    fixed(alone?.windows[0]?.botMs ?? Number.NaN),
    fixed(alone?.windows[0]?.storeMs ?? Number.NaN),
    fixed(total(alone)),
    fixed(total(alone) / fresh, 2),
    fixed(quantile(alone?.latenciesMs ?? [], 0.5)),
    fixed(quantile(alone?.latenciesMs ?? [], 0.99)),
  ]);
  return `${table([header, ...lines])}\n(CPU in ms per answer, from /proc/<pid>/stat)`;
}

export function rushTable(rows: RushRow[]): string {
  const header = [
    'store',
    'contacts',
    'answers sent',
    'updates/s',
    'p50 ms',
    'p99 ms',
    'apologies',
    'missing',
    'out of step',
    'bot CPU/upd',
    'store CPU/upd',
  ];
  const lines = rows.map(({ store, result: r }) => [
    store,
    String(r.contacts),
    String(r.sent),
    fixed(r.updatesPerSecond),
    fixed(quantile(r.latenciesMs, 0.5), 0),
    fixed(quantile(r.latenciesMs, 0.99), 0),
    String(r.apologies),
    String(r.missing),
    String(r.outOfStep),
    fixed(r.botCpuMsPerUpdate),
    fixed(r.storeCpuMsPerUpdate),
  ]);
  const notes = rows.map(
    ({ store, setup: s }) =>
      `${store}: ${s.contactsReady} contacts joined in ${fixed(s.setupSeconds)} s (${s.contactsFailed} failed)` +
      (s.prefilled
        ? `; ${s.prefilled.inserted} documents in "${s.prefilled.collection}" after a ${fixed(s.prefilled.seconds)} s insertMany`
        : '') +
      `; bot log lines ≥ warn: ${s.botWarnings.length === 0 ? 'none' : s.botWarnings.join(', ')}`,
  );
  return `${table([header, ...lines])}\n${notes.join('\n')}\n(CPU per update sent, in ms; errors = apologies + missing replies)`;
}
