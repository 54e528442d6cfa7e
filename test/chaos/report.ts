/** The chaos run as tables, and the goals (issue 12) as a list of what was missed. */
import { summarizeWarnings } from '../../bench/support/processes';
import type { ChaosResult } from './run';

function table(header: string[], rows: (string | number)[][]): string[] {
  const cells = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => r[i]!.length)));
  const line = (r: string[]) =>
    `| ${r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  return [
    line(cells[0]!),
    `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    ...cells.slice(1).map(line),
  ];
}

export function describeChaos(result: ChaosResult): string[] {
  const out = [
    `Chaos run: seed ${result.options.seed}, ${result.seconds.toFixed(0)} s, bot started ${result.botStarts}×, ` +
      `crashed ${result.crashes.length}×`,
    '',
    ...table(
      [
        'scenario',
        'attacks',
        'contacts',
        'answers sent',
        'acked',
        'stored',
        'lost',
        'applied twice',
        'submits',
        'submitted',
        'submit twice',
        'no reply',
        'out of step',
        'apologies',
      ],
      result.answers.map((f) => [
        f.name,
        f.attacks,
        f.contacts,
        f.sent,
        f.acknowledged,
        f.stored,
        f.lost,
        f.appliedTwice,
        f.submitsSent,
        f.submitsStored,
        f.submitsTwice,
        f.withoutReply,
        f.outOfStep,
        f.apologies,
      ]),
    ),
  ];
  const r = result.reminders;
  if (r) {
    out.push(
      '',
      ...table(
        [
          'reminders',
          'passes',
          'kills',
          'expected',
          'sent once',
          'duplicated',
          'lost',
          'in flight (arrived)',
        ],
        [
          [
            'remind killed',
            r.passes,
            r.kills,
            r.expected,
            r.sentOnce,
            r.duplicated,
            r.lost,
            `${r.inFlight} (${r.inFlightArrived})`,
          ],
        ],
      ),
    );
  }
  if (result.unanswered.length > 0)
    out.push('', 'Without a reply:', ...result.unanswered.map((u) => `  ${u}`));
  if (result.outOfStep.length > 0)
    out.push('', 'Out of step (typed again):', ...result.outOfStep.map((u) => `  ${u}`));
  if (result.notSubmitted.length > 0)
    out.push('', 'Not submitted (the last reply):', ...result.notSubmitted.map((u) => `  ${u}`));
  if (result.crashes.length > 0) {
    out.push(
      '',
      `The bot exited by itself ${result.crashes.length}× (restarted at once, as a supervisor would):`,
    );
    for (const tail of result.crashes.slice(0, 3))
      out.push(
        ...summarizeWarnings(tail)
          .slice(0, 5)
          .map((l) => `  ${l}`),
      );
  }
  const missed = goalsMissed(result);
  out.push(
    '',
    missed.length === 0
      ? 'Goals met: nothing lost, nothing doubled, everyone answered.'
      : `GOALS MISSED: ${missed.join('; ')}`,
  );
  return out;
}

/** Issue 12's goals the run missed (empty when all are met). */
export function goalsMissed(result: ChaosResult): string[] {
  const missed: string[] = [];
  const sum = (pick: (f: ChaosResult['answers'][number]) => number) =>
    result.answers.reduce((total, f) => total + pick(f), 0);
  if (sum((f) => f.lost) > 0) missed.push(`${sum((f) => f.lost)} answers lost`);
  if (sum((f) => f.appliedTwice) > 0) missed.push(`${sum((f) => f.appliedTwice)} answers applied twice`);
  if (sum((f) => f.submitsTwice) > 0) missed.push(`${sum((f) => f.submitsTwice)} reports submitted twice`);
  if (sum((f) => f.submitsSent - f.submitsStored) > 0)
    missed.push(`${sum((f) => f.submitsSent - f.submitsStored)} reports not submitted`);
  if (sum((f) => f.withoutReply) > 0) missed.push(`${sum((f) => f.withoutReply)} messages without a reply`);
  const r = result.reminders;
  if (r && r.lost > 0) missed.push(`${r.lost} reminders lost`);
  if (r && r.duplicated > 0) missed.push(`${r.duplicated} reminders duplicated`);
  return missed;
}
