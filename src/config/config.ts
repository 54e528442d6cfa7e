import { z } from 'zod';
import { platformConfigOf, platformEnvProblems, platformEnvShape } from '../channels/platform-env';
import { CHANNELS, type PlatformConfigs } from '../channels/registry';
import { coreEnvShape } from './env';
import type { OrganisationConfig } from './organisation';
import { organisationConfig } from './organisation';

/**
 * The whole environment: the core variables (./env.ts) and each platform's block, read from its
 * entry in the channel registry (TELEGRAM_BOT_TOKEN, …, SECRETARIAT_ZALO_IDS). Every variable is
 * documented in .env.example; keep both in step.
 */
export function envSchema() {
  const platformShapes = Object.assign({}, ...CHANNELS.map((entry) => platformEnvShape(entry.env))) as Record<
    string,
    z.ZodType
  >;
  return z.object({ ...coreEnvShape, ...platformShapes }).superRefine((env, ctx) => {
    for (const entry of CHANNELS) {
      for (const issue of platformEnvProblems(entry.env, env)) ctx.addIssue(issue);
    }
  });
}

type CoreEnv = z.infer<z.ZodObject<typeof coreEnvShape>>;

export interface CoreConfig {
  logLevel: CoreEnv['LOG_LEVEL'];
  timeZone: string;
  dataDir: string;
  flowsDir: string;
  unitsFile: string;
  mongodbUri: string | undefined;
  mongodbDb: string;
  http: { host: string; port: number; publicUrl: string | undefined };
  inviteTtlDays: number;
  maxAttachmentBytes: number;
  /** Longest wait for one Telegram or Zalo API call (a hung call delays one reply by at most this). */
  botApiTimeoutSeconds: number;
  reminders: { enabled: boolean; cron: string };
  organisation: OrganisationConfig;
}

/** The whole configuration: the core, and each platform's block under its name (`config.telegram`). */
export type Config = CoreConfig & PlatformConfigs;

export type ConfigResult = { ok: true; config: Config } | { ok: false; problems: string[] };

/** Pure: turns an environment (process.env or a test's object) into a Config or a list of problems. */
export function createConfig(environment: Record<string, string | undefined>): ConfigResult {
  // Empty strings mean "not set" (a blank line copied from .env.example).
  const cleaned: Record<string, string> = {};
  for (const [key, value] of Object.entries(environment)) {
    if (value !== undefined && value.trim() !== '') cleaned[key] = value;
  }
  const parsed = envSchema().safeParse(cleaned);
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
  const env = parsed.data as CoreEnv & Record<string, unknown>;
  const platforms = Object.fromEntries(
    CHANNELS.map((entry) => [entry.platform, platformConfigOf(entry.env, env)]),
  ) as PlatformConfigs;
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
      ...platforms,
      inviteTtlDays: env.INVITE_TTL_DAYS,
      maxAttachmentBytes: Math.round(env.MAX_ATTACHMENT_MB * 1024 * 1024),
      botApiTimeoutSeconds: env.BOT_API_TIMEOUT_SECONDS,
      reminders: { enabled: env.REMINDERS_ENABLED, cron: env.REMINDER_CRON },
      organisation: organisationConfig(env),
    },
  };
}

/** Secrets never appear in error messages, even when they are malformed. */
function redact(name: string, value: string): string {
  if (/TOKEN|SECRET|URI/.test(name)) return value.length > 6 ? `${value.slice(0, 3)}…` : '…';
  return value.length > 80 ? `${value.slice(0, 77)}…` : value;
}
