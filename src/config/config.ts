import { IANAZone } from 'luxon';
import { z } from 'zod';
import { type OrganisationConfig, organisationConfig, organisationEnv } from './organisation';

/** Accepts the usual spellings of a boolean in an environment variable. */
const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', ''], { error: 'expected true or false' })
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const commaSeparatedIds = z
  .string()
  .transform((value) =>
    value
      .split(',')
      .map((part) => part.trim())
      .filter((part) => part.length > 0),
  )
  .pipe(
    z.array(
      z.string().regex(/^-?\d+$|^[A-Za-z0-9_-]+$/, { error: 'expected a comma-separated list of user ids' }),
    ),
  );

const optionalString = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === '' ? undefined : value.trim()));

const urlString = (what: string) => z.url({ error: `expected ${what} (an http(s) URL)` });

/**
 * The whole environment, validated once at start. Every variable is documented in .env.example;
 * keep both in step.
 */
export const envSchema = z
  .object({
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

    TELEGRAM_BOT_TOKEN: optionalString.pipe(
      z
        .string()
        .regex(/^\d+:[A-Za-z0-9_-]{20,}$/, {
          error: 'expected a token from @BotFather, like 123456:ABC-DEF…',
        })
        .optional(),
    ),
    TELEGRAM_API_ROOT: urlString('the Bot API root').default('https://api.telegram.org'),
    TELEGRAM_WEBHOOK_URL: optionalString.pipe(
      urlString('the public HTTPS address Telegram should call').optional(),
    ),
    TELEGRAM_WEBHOOK_SECRET: optionalString.pipe(
      z
        .string()
        .regex(/^[A-Za-z0-9_-]{16,256}$/, { error: 'expected 16–256 characters of A–Z, a–z, 0–9, _ or -' })
        .optional(),
    ),
    SECRETARIAT_TELEGRAM_IDS: commaSeparatedIds.default([]),

    ZALO_BOT_TOKEN: optionalString.pipe(
      z
        .string()
        .regex(/^[^:\s]+:[^\s]+$/, { error: 'expected a Zalo bot token of the form <bot_id>:<secret>' })
        .optional(),
    ),
    ZALO_API_ROOT: urlString('the Zalo Bot API root').default('https://bot-api.zaloplatforms.com'),
    ZALO_WEBHOOK_URL: optionalString.pipe(urlString('the public HTTPS address Zalo should call').optional()),
    ZALO_WEBHOOK_SECRET: optionalString.pipe(
      z
        .string()
        .min(8, { error: 'expected 8–256 characters' })
        .max(256, { error: 'expected 8–256 characters' })
        .optional(),
    ),
    SECRETARIAT_ZALO_IDS: commaSeparatedIds.default([]),

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
  })
  .superRefine((env, ctx) => {
    if (env.TELEGRAM_WEBHOOK_URL && !env.TELEGRAM_WEBHOOK_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['TELEGRAM_WEBHOOK_SECRET'],
        message: 'required when TELEGRAM_WEBHOOK_URL is set (every webhook request is checked against it)',
      });
    }
    if (env.ZALO_WEBHOOK_URL && !env.ZALO_WEBHOOK_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['ZALO_WEBHOOK_SECRET'],
        message: 'required when ZALO_WEBHOOK_URL is set (every webhook request is checked against it)',
      });
    }
  });

export type Env = z.infer<typeof envSchema>;

export interface Config {
  logLevel: Env['LOG_LEVEL'];
  timeZone: string;
  dataDir: string;
  flowsDir: string;
  unitsFile: string;
  mongodbUri: string | undefined;
  mongodbDb: string;
  http: { host: string; port: number; publicUrl: string | undefined };
  telegram:
    | {
        token: string;
        apiRoot: string;
        webhook: { url: string; secret: string } | undefined;
        secretariatIds: string[];
      }
    | undefined;
  zalo:
    | {
        token: string;
        apiRoot: string;
        webhook: { url: string; secret: string } | undefined;
        secretariatIds: string[];
      }
    | undefined;
  inviteTtlDays: number;
  maxAttachmentBytes: number;
  /** Longest wait for one Telegram or Zalo API call (a hung call delays one reply by at most this). */
  botApiTimeoutSeconds: number;
  reminders: { enabled: boolean; cron: string };
  organisation: OrganisationConfig;
}

export type ConfigResult = { ok: true; config: Config } | { ok: false; problems: string[] };

/** Pure: turns an environment (process.env or a test's object) into a Config or a list of problems. */
export function createConfig(environment: Record<string, string | undefined>): ConfigResult {
  // Empty strings mean "not set" (a blank line copied from .env.example).
  const cleaned: Record<string, string> = {};
  for (const [key, value] of Object.entries(environment)) {
    if (value !== undefined && value.trim() !== '') cleaned[key] = value;
  }
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) => {
        const name = issue.path.join('.') || '(environment)';
        const value = typeof issue.path[0] === 'string' ? cleaned[issue.path[0]] : undefined;
        const shown = value === undefined ? '' : ` = "${redact(name, value)}"`;
        return `${name}${shown}: ${issue.message}`;
      }),
    };
  }
  const env = parsed.data;
  return {
    ok: true,
    config: {
      logLevel: env.LOG_LEVEL,
      timeZone: env.TZ,
      dataDir: env.DATA_DIR,
      flowsDir: env.FLOWS_DIR,
      unitsFile: env.UNITS_FILE,
      mongodbUri: env.MONGODB_URI,
      mongodbDb: env.MONGODB_DB,
      http: { host: env.HTTP_HOST, port: env.HTTP_PORT, publicUrl: env.PUBLIC_URL },
      telegram: platformConfig(
        env.TELEGRAM_BOT_TOKEN,
        env.TELEGRAM_API_ROOT,
        env.TELEGRAM_WEBHOOK_URL,
        env.TELEGRAM_WEBHOOK_SECRET,
        env.SECRETARIAT_TELEGRAM_IDS,
      ),
      zalo: platformConfig(
        env.ZALO_BOT_TOKEN,
        env.ZALO_API_ROOT,
        env.ZALO_WEBHOOK_URL,
        env.ZALO_WEBHOOK_SECRET,
        env.SECRETARIAT_ZALO_IDS,
      ),
      inviteTtlDays: env.INVITE_TTL_DAYS,
      maxAttachmentBytes: Math.round(env.MAX_ATTACHMENT_MB * 1024 * 1024),
      botApiTimeoutSeconds: env.BOT_API_TIMEOUT_SECONDS,
      reminders: { enabled: env.REMINDERS_ENABLED, cron: env.REMINDER_CRON },
      organisation: organisationConfig(env),
    },
  };
}

/** A platform is enabled by its token; webhook mode needs both the URL and its secret. */
function platformConfig(
  token: string | undefined,
  apiRoot: string,
  webhookUrl: string | undefined,
  webhookSecret: string | undefined,
  secretariatIds: string[],
): NonNullable<Config['telegram']> | undefined {
  if (!token) return undefined;
  return {
    token,
    apiRoot: apiRoot.replace(/\/+$/, ''),
    webhook: webhookUrl && webhookSecret ? { url: webhookUrl, secret: webhookSecret } : undefined,
    secretariatIds,
  };
}

/** Secrets never appear in error messages, even when they are malformed. */
function redact(name: string, value: string): string {
  if (/TOKEN|SECRET|URI/.test(name)) return value.length > 6 ? `${value.slice(0, 3)}…` : '…';
  return value.length > 80 ? `${value.slice(0, 77)}…` : value;
}
