import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import YAML from 'yaml';
import { validateFlow } from './check-flow';
import type { Flow } from './flow-schema';

/** Raised when any flow file is broken; `problems` name the file and the path inside it. */
export class FlowLoadError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`Invalid flows:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'FlowLoadError';
    this.problems = problems;
  }
}

/** The validated flows, by id. */
export interface FlowCatalog {
  get(id: string): Flow | undefined;
  /** Like `get`, but throws when the id is unknown (a programming or configuration fault). */
  require(id: string): Flow;
  list(): Flow[];
}

export function createFlowCatalog(flows: readonly Flow[]): FlowCatalog {
  const byId = new Map(flows.map((f) => [f.id, f]));
  return {
    get: (id) => byId.get(id),
    require: (id) => {
      const f = byId.get(id);
      if (!f) throw new Error(`Unknown flow "${id}"`);
      return f;
    },
    list: () => [...byId.values()],
  };
}

const FLOW_FILE = /\.(ya?ml|json)$/i;
/**
 * Files of the flows folder that are not flows: the reporting schedule lives next to the
 * flows (owned by the scheduler), and a leading "_" or "." marks drafts and notes.
 */
export function isFlowFileName(name: string): boolean {
  return FLOW_FILE.test(name) && !/^[_.]/.test(name) && !/^schedule\./i.test(name);
}

/** Parses one file's text (YAML or JSON) and validates it. */
export function parseFlowText(text: string, source: string): { flow?: Flow; problems: string[] } {
  let raw: unknown;
  try {
    const doc = YAML.parseDocument(text, { prettyErrors: true, uniqueKeys: true });
    const err = doc.errors[0];
    if (err) {
      const pos = err.linePos?.[0];
      const where = pos ? `line ${pos.line}, column ${pos.col}` : 'YAML';
      return { problems: [`${source}: ${where}: invalid YAML: ${err.message.split('\n')[0]}`] };
    }
    raw = doc.toJS();
  } catch (e) {
    return { problems: [`${source}: invalid YAML: ${e instanceof Error ? e.message : String(e)}`] };
  }
  return validateFlow(raw, source);
}

/** Reads every flow file of `dir` and returns the problems found in each, plus the valid flows. */
export async function readFlowsDir(dir: string): Promise<{ flows: Flow[]; problems: string[] }> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter(isFlowFileName).sort();
  } catch (e) {
    return {
      flows: [],
      problems: [`${dir}: cannot read the folder (${(e as NodeJS.ErrnoException).code ?? e})`],
    };
  }
  if (names.length === 0) return { flows: [], problems: [`${dir}: no flow files (*.yaml, *.yml, *.json)`] };
  const flows: Flow[] = [];
  const problems: string[] = [];
  const owner = new Map<string, string>();
  for (const name of names) {
    const source = path.join(dir, name);
    const result = parseFlowText(await readFile(source, 'utf8'), source);
    problems.push(...result.problems);
    if (!result.flow) continue;
    const other = owner.get(result.flow.id);
    if (other) problems.push(`${source}: id: flow id "${result.flow.id}" is also used by ${other}`);
    else {
      owner.set(result.flow.id, source);
      flows.push(result.flow);
    }
  }
  return { flows, problems };
}

/** Loads and validates all flows at start-up; throws `FlowLoadError` listing every problem. */
export async function loadFlows(dir: string): Promise<FlowCatalog> {
  const { flows, problems } = await readFlowsDir(dir);
  if (problems.length > 0) throw new FlowLoadError(problems);
  return createFlowCatalog(flows);
}
