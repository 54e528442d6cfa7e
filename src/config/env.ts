import { IANAZone } from 'luxon';
import { z } from 'zod';
import { optionalString, urlString } from '../channels/platform-env';
import { organisationEnv } from './organisation';

/** Accepts the usual spellings of a boolean in an environment variable. */
const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', ''], { error: 'expected true or false' })
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

/**
 * The environment apart from the platforms' blocks (those come from src/channels/registry.ts),
 * validated once at start. Every variable is documented in .env.example;
 * keep both in step.
 */
export const coreEnvShape = {
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      error: 'expected one of fatal, error, warn, info, debug, trace, silent',
    })
    .default('info'),
  TZ: z
    .string()
    .default('Asia/Ho_Chi_Minh')
    .refine((zone) => IANAZone.isValidZone(zone), {
      error: 'expected an IANA time zone such as Asia/Ho_Chi_Minh',
    }),
  DATA_DIR: z.string().min(1, { error: 'expected a folder path' }).default('./data'),
  FLOWS_DIR: z.string().min(1, { error: 'expected a folder path' }).default('./flows'),
  UNITS_FILE: z.string().min(1, { error: 'expected a file path' }).default('./flows/units/don-vi-mau.yaml'),
  MONGODB_URI: optionalString.pipe(
    z
      .string()
      .regex(/^mongodb(\+srv)?:\/\//, {
        error: 'expected a mongodb:// or mongodb+srv:// connection string',
      })
      .optional(),
  ),
  MONGODB_DB: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,60}$/, { error: 'expected a database name (letters, digits, _ or -)' })
    .default('baocao'),

  HTTP_HOST: z.string().min(1).default('127.0.0.1'),
  HTTP_PORT: z.coerce
    .number({ error: 'expected a port number' })
    .int({ error: 'expected a whole port number' })
    .min(0, { error: 'expected a port between 0 and 65535' })
    .max(65535, { error: 'expected a port between 0 and 65535' })
    .default(3000),
  PUBLIC_URL: optionalString.pipe(urlString('the public address of the web dashboard').optional()),

  INVITE_TTL_DAYS: z.coerce
    .number({ error: 'expected a number of days' })
    .int({ error: 'expected a whole number of days' })
    .min(1, { error: 'expected at least 1 day' })
    .max(365, { error: 'expected at most 365 days' })
    .default(14),
  MAX_ATTACHMENT_MB: z.coerce
    .number({ error: 'expected a size in megabytes' })
    .positive({ error: 'expected a positive size in megabytes' })
    .max(20, { error: 'expected at most 20 (the Bot API download limit)' })
    .default(20),
  BOT_API_TIMEOUT_SECONDS: z.coerce
    .number({ error: 'expected a number of seconds' })
    .int({ error: 'expected a whole number of seconds' })
    .min(1, { error: 'expected at least 1 second' })
    .max(120, { error: 'expected at most 120 seconds' })
    .default(10),
  REMINDER_CRON: z
    .string()
    .regex(/^(\S+\s+){4,5}\S+$/, { error: 'expected a cron expression such as */5 * * * *' })
    .default('*/5 * * * *'),
  REMINDERS_ENABLED: booleanFlag.default(true),

  ...organisationEnv,
};
