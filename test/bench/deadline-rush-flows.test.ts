/**
 * The deadline-rush benchmark (bench/deadline-rush.ts) runs the product on its own outline and
 * schedule; this keeps them valid while the product changes, so the benchmark never fails at
 * start after minutes of set-up.
 */
import path from 'node:path';
import { DateTime } from 'luxon';
import { FLOWS_DIR } from '../../bench/support/bench-flow';
import { promptOf, questionAsked } from '../../bench/support/chat';
import { checkFlowsDir, readFlowsDir } from '../../src/engine';
import { loadSchedule, periodicRounds } from '../../src/scheduler';

describe('deadline-rush benchmark flows', () => {
  it('pass flows:check: one flow of 100 number questions whose prompts the benchmark recognises', async () => {
    const checked = await checkFlowsDir(FLOWS_DIR);
    expect(checked.problems).toEqual([]);
    const { flows } = await readFlowsDir(FLOWS_DIR);
    expect(flows.map((flow) => flow.id)).toEqual(['bench-100-so']);
    const questions = flows[0]!.sections.flatMap((section) => section.questions);
    expect(questions).toHaveLength(100);
    questions.forEach((question, index) => {
      expect(question.type).toBe('number');
      expect(question.prompt.startsWith(promptOf(index + 1))).toBe(true);
      expect(questionAsked(`Câu ${index + 1}/100. ${question.prompt}`)).toBe(index + 1);
    });
  });

  it.each([
    '2026-01-01T00:00',
    '2026-01-01T07:59',
    '2026-06-15T12:00',
    '2026-12-30T23:59',
    '2026-12-31T12:00',
    '2026-12-31T23:59',
  ])('have exactly one round open at %s, whatever day the benchmark runs', (at) => {
    const schedule = loadSchedule(path.join(FLOWS_DIR, 'schedule.yaml'));
    const now = DateTime.fromISO(at, { zone: schedule.timezone });
    const open = periodicRounds(schedule, now).filter((round) => round.opensAt <= now);
    expect(open.map((round) => round.flowId)).toEqual(['bench-100-so']);
  });
});
