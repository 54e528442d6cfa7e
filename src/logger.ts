import pino from 'pino';

export type Logger = pino.Logger;

/** One JSON logger for the process; features take child loggers (`logger.child({ update_id })`). */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: undefined,
      redact: {
        paths: ['token', '*.token', 'config.telegram.token', 'config.zalo.token'],
        censor: '[redacted]',
      },
    },
    destination,
  );
}
