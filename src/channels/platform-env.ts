import { z } from 'zod';

/**
 * The block of the environment every platform adapter reads, named after its prefix P:
 * `P_BOT_TOKEN` (enables the platform), `P_API_ROOT`, `P_WEBHOOK_URL` + `P_WEBHOOK_SECRET`
 * (webhook mode; polling otherwise) and `SECRETARIAT_P_IDS`. An adapter says only what differs:
 * the form of its token and secret, its API root and how to name them in error messages.
 */
export interface PlatformEnvSpec {
  /** `TELEGRAM` → TELEGRAM_BOT_TOKEN, TELEGRAM_API_ROOT, …, SECRETARIAT_TELEGRAM_IDS. */
  prefix: string;
  token: { pattern: RegExp; error: string };
  apiRoot: { default: string; describe: string };
  /** What the webhook URL is, for its error message ("the public HTTPS address Telegram should call"). */
  webhookUrl: string;
  webhookSecret: z.ZodType<string, string>;
}

/** A platform's configuration: present when its token is set. */
export interface PlatformConfig {
  token: string;
  apiRoot: string;
  /** Webhook mode needs both the URL and its secret. */
  webhook: { url: string; secret: string } | undefined;
  secretariatIds: string[];
}

export const optionalString = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === '' ? undefined : value.trim()));

export const urlString = (what: string) => z.url({ error: `expected ${what} (an http(s) URL)` });

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

function names(spec: PlatformEnvSpec) {
  return {
    token: `${spec.prefix}_BOT_TOKEN`,
    apiRoot: `${spec.prefix}_API_ROOT`,
    webhookUrl: `${spec.prefix}_WEBHOOK_URL`,
    webhookSecret: `${spec.prefix}_WEBHOOK_SECRET`,
    secretariatIds: `SECRETARIAT_${spec.prefix}_IDS`,
  };
}

/** The zod shape of a platform's variables, to merge into the environment's schema. */
export function platformEnvShape(spec: PlatformEnvSpec): Record<string, z.ZodType> {
  const name = names(spec);
  return {
    [name.token]: optionalString.pipe(
      z.string().regex(spec.token.pattern, { error: spec.token.error }).optional(),
    ),
    [name.apiRoot]: urlString(spec.apiRoot.describe).default(spec.apiRoot.default),
    [name.webhookUrl]: optionalString.pipe(urlString(spec.webhookUrl).optional()),
    [name.webhookSecret]: optionalString.pipe(spec.webhookSecret.optional()),
    [name.secretariatIds]: commaSeparatedIds.default([]),
  };
}

/** A webhook URL without its secret is refused: every webhook request is checked against it. */
export function platformEnvProblems(
  spec: PlatformEnvSpec,
  env: Record<string, unknown>,
): z.core.$ZodRawIssue[] {
  const name = names(spec);
  if (!env[name.webhookUrl] || env[name.webhookSecret]) return [];
  return [
    {
      code: 'custom',
      input: env,
      path: [name.webhookSecret],
      message: `required when ${name.webhookUrl} is set (every webhook request is checked against it)`,
    },
  ];
}

/** A platform is enabled by its token; webhook mode needs both the URL and its secret. */
export function platformConfigOf(
  spec: PlatformEnvSpec,
  env: Record<string, unknown>,
): PlatformConfig | undefined {
  const name = names(spec);
  const token = env[name.token] as string | undefined;
  if (!token) return undefined;
  const webhookUrl = env[name.webhookUrl] as string | undefined;
  const webhookSecret = env[name.webhookSecret] as string | undefined;
  return {
    token,
    apiRoot: (env[name.apiRoot] as string).replace(/\/+$/, ''),
    webhook: webhookUrl && webhookSecret ? { url: webhookUrl, secret: webhookSecret } : undefined,
    secretariatIds: env[name.secretariatIds] as string[],
  };
}
