import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { type Schedule, scheduleSchema } from './schedule-schema';

/** Where the shipped schedule lives, relative to the project root. */
export const DEFAULT_SCHEDULE_PATH = 'flows/schedule.yaml';

/**
 * A schedule file that cannot be used. `problems` holds one line per problem, each naming the
 * file and the path inside it (`flows/schedule.yaml: rounds[1].opens: expected "dd/mm"`), so
 * staff who edited the file know exactly where to look.
 */
export class ScheduleError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(
      problems.length === 1 ? problems[0] : `${file}: ${problems.length} problems\n${problems.join('\n')}`,
    );
    this.name = 'ScheduleError';
  }
}

/** `rounds[1].reminders[0].stage` from a zod issue path. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    out += typeof part === 'number' ? `[${part}]` : `${out ? '.' : ''}${String(part)}`;
  }
  return out || '(top level)';
}

function describeIssues(file: string, issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.map((issue) => `${file}: ${formatIssuePath(issue.path)}: ${issue.message}`);
}

/**
 * Parses and validates schedule text. Pure (no file access), so tests and `flows:check` can use it.
 * @param fileLabel how the file is named in error messages.
 * @throws {ScheduleError} for YAML syntax errors and schema violations (all of them, not just the first).
 */
export function parseSchedule(text: string, fileLabel: string = DEFAULT_SCHEDULE_PATH): Schedule {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { prettyErrors: false, lineCounter });
  if (doc.errors.length > 0) {
    throw new ScheduleError(
      fileLabel,
      doc.errors.map((e) => {
        const { line, col } = lineCounter.linePos(e.pos[0]);
        return `${fileLabel}: line ${line}, column ${col}: ${e.message.split('\n')[0]}`;
      }),
    );
  }
  // An empty file means "all defaults" except rounds, which the schema then reports as missing.
  const data: unknown = doc.toJS() ?? {};
  const result = scheduleSchema.safeParse(data);
  if (!result.success) throw new ScheduleError(fileLabel, describeIssues(fileLabel, result.error.issues));
  return result.data;
}

/**
 * Reads and validates a schedule file; meant to run once at start so a broken file stops the bot
 * with a clear message instead of sending wrong reminders.
 * @param filePath path to read; also used as the label in errors unless `label` is given.
 */
export function loadSchedule(filePath: string = DEFAULT_SCHEDULE_PATH, label: string = filePath): Schedule {
  let text: string;
  try {
    text = readFileSync(filePath, 'utf8');
  } catch (cause) {
    throw new ScheduleError(label, [`${label}: cannot read the file (${(cause as Error).message})`]);
  }
  return parseSchedule(text, label);
}
