/** The benchmark's outline (bench/flows/deadline-rush), read the way both bots and the prefill need it. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';

export const FLOWS_DIR = path.join(__dirname, '..', 'flows', 'deadline-rush');
const FLOW_FILE = path.join(FLOWS_DIR, 'bench-100-so.yaml');

/** The questions in order, as written in the flow file. */
export function benchQuestions(): { id: string; prompt: string }[] {
  const flow = YAML.parse(readFileSync(FLOW_FILE, 'utf8')) as {
    sections: { questions: { id: string; prompt: string }[] }[];
  };
  return flow.sections.flatMap((section) => section.questions);
}
