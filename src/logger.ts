import pino from 'pino';

export type Logger = pino.Logger;

/**
 * One logger for the process; features take child loggers (`logger.child({ update_id })`).
 * JSON lines for a supervisor or a log collector; when stdout is a terminal (someone ran
 * `npm start` by hand) the same records are printed as short readable lines instead.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: undefined,
      redact: {
        // Every platform's block of the configuration (config.telegram, config.zalo, …) has a token.
        paths: ['token', '*.token', 'config.*.token'],
        censor: '[redacted]',
      },
    },
    destination ?? (process.stdout.isTTY ? prettyStream(process.stdout) : undefined),
  );
}

const LEVEL_NAMES: Record<number, [name: string, color: string]> = {
  10: ['TRACE', '90'],
  20: ['DEBUG', '90'],
  30: ['INFO ', '32'],
  40: ['WARN ', '33'],
  50: ['ERROR', '31'],
  60: ['FATAL', '35'],
};

/** A pino destination that turns each JSON record into one readable line (no dependency needed). */
export function prettyStream(out: NodeJS.WritableStream & { isTTY?: boolean }): pino.DestinationStream {
  const color = out.isTTY === true && !process.env.NO_COLOR;
  return { write: (line: string) => void out.write(prettyLine(line, color)) };
}

/** `08:15:00 INFO  reminder pass  sent=3 failed=0`; an error's stack follows on its own lines. */
export function prettyLine(json: string, color: boolean): string {
  let record: Record<string, unknown>;
  try {
    record = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json;
  }
  const { level, time, msg, err, ...fields } = record;
  const [name, code] = LEVEL_NAMES[level as number] ?? [String(level), '0'];
  const clock = new Date(time as number).toTimeString().slice(0, 8);
  const paint = (text: string, ansi: string) => (color ? `\x1b[${ansi}m${text}\x1b[0m` : text);
  const extras = Object.entries(fields)
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(' ');
  let text = `${paint(clock, '90')} ${paint(name, code)} ${msg ?? ''}${extras ? `  ${paint(extras, '90')}` : ''}\n`;
  if (err && typeof err === 'object') {
    const { stack, message } = err as { stack?: string; message?: string };
    text += `${stack ?? message ?? JSON.stringify(err)}\n`;
  }
  return text;
}
