import { z } from 'zod';
import { limitSettingSchema } from '../limits/limit-setting.js';
import { formatDurationSeconds, parseDurationSeconds } from './duration.js';

/** A development pepper, so the demo runs with no set-up; refused in production. */
export const DEVELOPMENT_TOKEN_PEPPER = 'development-pepper-do-not-use-in-production-0000000000';

const THREE_DAYS_SECONDS = 3 * 86_400;

const durationSeconds = (min: number, max: number) =>
  z
    .string()
    .transform((text, ctx) => {
      const seconds = parseDurationSeconds(text);
      if (seconds === undefined) {
        ctx.addIssue({ code: 'custom', message: `"${text}" is not a duration such as 3600, 90m, 24h or 3d` });
        return z.NEVER;
      }
      return seconds;
    })
    .pipe(
      z
        .number()
        .min(min, `must be at least ${min} s`)
        .max(max, `must be at most ${formatDurationSeconds(max)}`),
    );

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'must be true or false' })
  .transform((value) => ['true', '1', 'yes'].includes(value));

/**
 * A whole number in a range, named with the value that was given: `PORT "abc" is not…`. Only for
 * numeric variables, which never hold a secret.
 */
const wholeNumber = (min: number, max: number) =>
  z.string().transform((text, ctx) => {
    const value = /^\d+$/.test(text.trim()) ? Number(text.trim()) : Number.NaN;
    if (Number.isSafeInteger(value) && value >= min && value <= max) return value;
    ctx.addIssue({ code: 'custom', message: `must be a whole number from ${min} to ${max}, got ${JSON.stringify(text.slice(0, 40))}` });
    return z.NEVER;
  });

const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });

/** The environment, as the README's "Configuration" table: every variable, its meaning and its default. */
export const environmentSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: wholeNumber(0, 65_535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  REDIS_URL: z.url({ protocol: /^rediss?$/, error: 'must be a redis:// or rediss:// URL' }).default('redis://127.0.0.1:6379'),
  /** Key prefix in Redis, so several deployments can share one server. */
  REDIS_KEY_PREFIX: z
    .string()
    .regex(/^[a-z0-9-]{1,32}$/, 'must be 1-32 of a-z, 0-9, -')
    .default('pwreset'),
  PUBLIC_BASE_URL: httpUrl.optional(),
  TOKEN_PEPPER: z.string().min(32, 'must be at least 32 characters').optional(),
  SENDGRID_API_KEY: z.string().min(1).optional(),
  SENDGRID_API_URL: httpUrl.default('https://api.sendgrid.com'),
  MAIL_FROM: z.email({ error: 'must be an email address' }).default('no-reply@pwreset.localhost'),
  MAIL_OUTBOX_DIR: z.string().min(1).default('var/outbox'),
  RESET_TOKEN_TTL: durationSeconds(1, THREE_DAYS_SECONDS).default(86_400),
  /** Lifetime of an OAuth2 access token issued at /oauth/token. */
  ACCESS_TOKEN_TTL: durationSeconds(1, 86_400).default(3600),
  LEGACY_HIDE_UNKNOWN_ACCOUNTS: booleanFlag.default(false),
  /** JSON file of named user directories (see user-directories/); unset: one embedded `default` directory. */
  USER_DIRECTORIES_FILE: z.string().min(1).optional(),
  /** Whether this process also runs the mail worker; `false` when workers run apart (`pnpm worker`). */
  MAIL_WORKER: booleanFlag.default(true),
  /** Attempts per mail or webhook before it is parked. */
  MAIL_MAX_ATTEMPTS: wholeNumber(1, 100).default(20),
  /** First retry delay; it doubles per attempt (with jitter) up to MAIL_RETRY_MAX_DELAY. */
  MAIL_RETRY_BASE_DELAY: durationSeconds(0, 3600).default(5),
  MAIL_RETRY_MAX_DELAY: durationSeconds(1, 86_400).default(600),
  /** Reset mails per target address (whether or not it has an account). */
  RATE_LIMIT_REQUESTS_PER_ADDRESS: limitSettingSchema.default({ points: 3, durationSeconds: 3600 }),
  RATE_LIMIT_REQUESTS_PER_CLIENT: limitSettingSchema.default({ points: 10_000, durationSeconds: 3600 }),
  RATE_LIMIT_REQUESTS_PER_IP: limitSettingSchema.default({ points: 30, durationSeconds: 3600 }),
  /** inspect + complete calls per IP, whatever the secret. */
  RATE_LIMIT_SECRET_ATTEMPTS_PER_IP: limitSettingSchema.default({ points: 60, durationSeconds: 900 }),
  /** Refused passwords a reset link survives before it is locked. */
  RESET_SECRET_MAX_FAILED_ATTEMPTS: wholeNumber(1, 100).default(10),
  /** Proxies whose X-Forwarded-For is believed: comma-separated IPs, CIDRs, or loopback/linklocal/uniquelocal. */
  TRUST_PROXY: z
    .string()
    .transform((text) =>
      text
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean),
    )
    .pipe(
      z.array(
        z.union([z.ipv4(), z.ipv6(), z.cidrv4(), z.cidrv6(), z.enum(['loopback', 'linklocal', 'uniquelocal'])], {
          error: 'must list IPs, CIDRs or loopback/linklocal/uniquelocal',
        }),
      ),
    )
    .default([]),
  /** Entries the audit stream keeps (approximately). */
  AUDIT_MAX_ENTRIES: wholeNumber(100, 10_000_000).default(100_000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // Observability (issue 14).
  /** A port of its own for /metrics; unset, /metrics is served on PORT. */
  METRICS_PORT: wholeNumber(0, 65_535).optional(),
  /** The bearer token /metrics wants; unset, it answers loopback peers only, and never through a proxy. */
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  /** Where the standalone worker (`pnpm worker`) serves its own /metrics. */
  WORKER_METRICS_PORT: wholeNumber(0, 65_535).default(9464),
  /** Where a notice of each parked mail or webhook is POSTed, signed with ALERT_WEBHOOK_SECRET. */
  ALERT_WEBHOOK_URL: httpUrl.optional(),
  ALERT_WEBHOOK_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** OTLP http/protobuf collector; set, the server and the worker export traces (see register-tracing.ts). */
  OTEL_EXPORTER_OTLP_ENDPOINT: httpUrl.optional(),
  OTEL_SERVICE_NAME: z.string().min(1).max(100).default('pwreset'),
  /** How often the server asks SendGrid whether its API key may still send (GET /v3/scopes); /readyz reports it. */
  MAIL_KEY_CHECK_INTERVAL: durationSeconds(1, 86_400).default(300),
  /** After SIGTERM, how long /readyz answers 503 while the listener still serves, so a balancer stops sending first. */
  SHUTDOWN_DRAIN: durationSeconds(0, 600).default(5),
  /** From the signal on, the longest a shutdown may take before the process exits anyway (exit code 1, logged). */
  SHUTDOWN_DEADLINE: durationSeconds(1, 3600).default(10),
  /** The longest a client may take to send one whole request, headers and body; then 408 and the connection closes. */
  REQUEST_TIMEOUT: durationSeconds(1, 3600).default(30),
});

/** Variables that only make sense together; listed with every other problem, like production's. */
export function pairedVariableProblems(environment: Readonly<Record<string, string | undefined>>): string[] {
  return environment.ALERT_WEBHOOK_URL && !environment.ALERT_WEBHOOK_SECRET
    ? ['ALERT_WEBHOOK_SECRET is required with ALERT_WEBHOOK_URL (every notice is signed)']
    : [];
}

/**
 * What production needs beyond valid values. Checked on the raw environment, apart from the schema,
 * so that these are listed together with any malformed value (a refinement of the schema would
 * only run once every value had parsed).
 */
export function productionRequirementProblems(environment: Readonly<Record<string, string | undefined>>): string[] {
  if (environment.NODE_ENV !== 'production') return [];
  return [
    ...(environment.TOKEN_PEPPER ? [] : ['TOKEN_PEPPER is required when NODE_ENV=production']),
    ...(environment.SENDGRID_API_KEY ? [] : ['SENDGRID_API_KEY is required when NODE_ENV=production (the dev outbox is for development)']),
    ...(environment.PUBLIC_BASE_URL ? [] : ['PUBLIC_BASE_URL is required when NODE_ENV=production']),
  ];
}
