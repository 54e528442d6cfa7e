import { indexFlow } from './conditions';
import type { Flow } from './flow-schema';
import { readFlowsDir } from './load-flows';
import { applicableQuestions } from './progress';
import { UNIT_KINDS } from './types';

/**
 * Checks every flow file of `dir` without starting anything (`npm run flows:check`).
 * `summary` describes each valid flow: sections, questions, and how many
 * questions each unit kind sees when every condition is at its widest.
 */
export async function checkFlowsDir(
  dir: string,
): Promise<{ ok: boolean; problems: string[]; summary: string[] }> {
  const { flows, problems } = await readFlowsDir(dir);
  const summary: string[] = [];
  for (const flow of flows) {
    summary.push(...describeFlow(flow));
  }
  return { ok: problems.length === 0, problems, summary };
}

/** One line per flow plus one per unit kind (questions asked before any answer-based branch is decided). */
export function describeFlow(flow: Flow): string[] {
  const total = indexFlow(flow).entries.length;
  const lines = [
    `${flow.id} v${flow.version} (${flow.kind}): ${flow.sections.length} mục, ${total} câu hỏi — ${flow.title}`,
  ];
  if (flow.kind === 'main') {
    for (const unitKind of UNIT_KINDS) {
      const n = applicableQuestions(flow, { unitKind, answers: new Map() }).length;
      lines.push(`  ${unitKind}: ${n} câu (chưa tính các câu hỏi phụ thuộc câu trả lời)`);
    }
  }
  return lines;
}
