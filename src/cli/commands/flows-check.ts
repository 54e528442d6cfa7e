import path from 'node:path';
import { checkFlowsDir } from '../../engine';
import { loadSchedule, ScheduleError } from '../../scheduler';

/** `flows:check [dir]`: validates every flow file and the schedule without starting anything. */
export async function flowsCheckCommand(dir: string, out: (line: string) => void): Promise<number> {
  const result = await checkFlowsDir(dir);
  for (const line of result.summary) out(line);
  const problems = [...result.problems];
  try {
    loadSchedule(path.join(dir, 'schedule.yaml'));
    out(`${path.join(dir, 'schedule.yaml')}: OK`);
  } catch (error) {
    if (error instanceof ScheduleError) problems.push(...error.problems);
    else throw error;
  }
  for (const problem of problems) out(`✗ ${problem}`);
  out(
    problems.length === 0
      ? 'Tất cả tệp hợp lệ (all flow files are valid).'
      : `${problems.length} lỗi (problems).`,
  );
  return problems.length === 0 ? 0 : 1;
}
