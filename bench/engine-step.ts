/**
 * Micro-benchmark of the flow engine: cost of one `advance` step on the main
 * flow, and whether it grows with the number of answers already given (it
 * must not: the engine keeps a cursor, never replays history).
 *
 * Run: npx tsx bench/engine-step.ts
 */
import path from 'node:path';
import {
  type AnswerValue,
  advance,
  type EngineContext,
  type EngineInput,
  type EngineState,
  type Flow,
  loadFlows,
  startState,
  UNIT_KINDS,
} from '../src/engine';

function timeIt(label: string, steps: number, body: () => void): { label: string; usPerStep: number } {
  for (let i = 0; i < Math.min(steps, 200); i++) body(); // warm-up
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < steps; i++) body();
  const ns = Number(process.hrtime.bigint() - t0);
  return { label, usPerStep: ns / 1000 / steps };
}

/** Input answering `flow`'s question `id` validly by typing. */
function typedAnswer(flow: Flow, id: string, pieceSent: boolean): EngineInput {
  const q = flow.sections.flatMap((s) => s.questions).find((x) => x.id === id)!;
  switch (q.type) {
    case 'text':
      return { type: 'text', text: pieceSent ? 'xong' : 'Đã triển khai đầy đủ các nội dung theo kế hoạch.' };
    case 'number':
      return { type: 'text', text: '1.200' };
    case 'choice':
      return { type: 'text', text: '1' };
    case 'multi':
      return { type: 'text', text: '1, 2' };
    case 'yesno':
      return { type: 'text', text: 'có' };
    case 'date':
      return { type: 'text', text: '15/06/2025' };
    case 'attachment':
      return { type: 'skip' };
  }
}

/** One full report typed from start to end; returns the number of steps. */
function walkOnce(flow: Flow, unitKind: EngineContext['unitKind']): number {
  const answers = new Map<string, AnswerValue>();
  const ctx: EngineContext = { unitKind, answers };
  let state: EngineState = startState(flow, ctx);
  let steps = 0;
  while (state.mode === 'answering' && steps < 500) {
    const id = state.questionId!;
    const r = advance(flow, ctx, state, typedAnswer(flow, id, state.collectingText?.questionId === id));
    for (const e of r.effects) if (e.type === 'saveAnswer') answers.set(e.questionId, e.value);
    state = r.state;
    steps++;
  }
  return steps;
}

export async function run(): Promise<void> {
  const catalog = await loadFlows(path.join(__dirname, '..', 'flows'));
  const flow = catalog.require('bao-cao-dan-chu-co-so');

  const results: { label: string; usPerStep: number }[] = [];
  for (const kind of UNIT_KINDS) {
    const stepsPerWalk = walkOnce(flow, kind);
    const walks = 200;
    const r = timeIt(`full walk, ${kind} (${stepsPerWalk} steps/report)`, walks, () => walkOnce(flow, kind));
    results.push({ label: r.label, usPerStep: r.usPerStep / stepsPerWalk });
  }

  // Same step (answer a number question in section III) with no answers vs a full report plus 5,000 stray answers.
  const ask = (answers: Map<string, AnswerValue>) => {
    const ctx: EngineContext = { unitKind: 'co-quan', answers };
    const state: EngineState = {
      v: 1,
      flowId: flow.id,
      flowVersion: flow.version,
      mode: 'answering',
      questionId: 'co_doi_thoai',
    };
    return () => advance(flow, ctx, state, { type: 'text', text: '12' });
  };
  const empty = new Map<string, AnswerValue>();
  const full = new Map<string, AnswerValue>();
  for (const q of flow.sections.flatMap((s) => s.questions))
    full.set(q.id, q.type === 'number' ? 3 : q.type === 'yesno' ? true : 'x');
  for (let i = 0; i < 5000; i++) full.set(`stray_${i}`, i);
  results.push(timeIt('answer a number, 0 answers stored', 20000, ask(empty)));
  results.push(timeIt('answer a number, all answers + 5,000 stray', 20000, ask(full)));
  results.push(
    timeIt('stale button (notice, no change)', 20000, () =>
      advance(
        flow,
        { unitKind: 'co-quan', answers: full },
        { v: 1, flowId: flow.id, flowVersion: 1, mode: 'answering', questionId: 'co_doi_thoai' },
        {
          type: 'button',
          token: 'a:ii1_co_quy_che:y',
        },
      ),
    ),
  );

  console.log(
    'engine step micro-benchmark (flow bao-cao-dan-chu-co-so v%d, node %s)',
    flow.version,
    process.version,
  );
  for (const r of results)
    console.log(`  ${r.label.padEnd(62)} ${r.usPerStep.toFixed(1).padStart(8)} µs/step`);
}

if (require.main === module) {
  run().catch((e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  });
}
