import { KEY_ID_PATTERN } from '@pwreset/contract';
import { z } from 'zod';
import { limitSettingSchema } from '../limits/limit-setting.js';
import { DEFAULT_PASSWORD_HASH_CONCURRENCY } from '../users/password-hashes/password-hash-slots.js';
import { formatDurationSeconds, parseDurationSeconds } from './duration.js';
import { redisNodeListSchema } from './redis-connection-settings.js';

/** A development pepper, so the demo runs with no set-up; refused in production. */
/** MAIL_WORKER_CONCURRENCY's default: see README "Performance" for the measurement behind it. */
export const DEFAULT_MAIL_WORKER_CONCURRENCY = 50;

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

/** A pepper: TOKEN_PEPPER, or one key of TOKEN_PEPPERS. Never echoed in a message. */
const pepperSchema = z.string().min(32, 'must be at least 32 characters');

/**
 * TOKEN_PEPPERS: `kid:secret,kid:secret`, the first current (see tokens/key-ring.ts). A message
 * names a key by its position and id, never by its secret.
 */
const tokenPeppersSchema = z.string().transform((text, ctx) => {
  const seen = new Set<string>();
  return text.split(',').map((entry, index) => {
    const colon = entry.indexOf(':');
    const id = colon === -1 ? '' : entry.slice(0, colon).trim();
    const secret = colon === -1 ? '' : entry.slice(colon + 1).trim();
    const problem =
      colon === -1
        ? `key ${index + 1} must be <key id>:<secret>`
        : !KEY_ID_PATTERN.test(id)
          ? `key ${index + 1}: the key id must be 1-8 of a-z, 0-9 (got ${JSON.stringify(id.slice(0, 20))})`
          : seen.has(id)
            ? `key id ${id} is listed twice`
            : pepperSchema.safeParse(secret).success
              ? null
              : `key ${id}: the secret must be at least 32 characters`;
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
    seen.add(id);
    return { id, secret };
  });
});

const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });

/** `1.5`, `1.5s` or `1500ms`, in milliseconds: for timeouts shorter than the whole seconds durationSeconds reads. */
const millisecondsDuration = (minMs: number, maxMs: number) =>
  z.string().transform((text, ctx) => {
    const match = /^(\d{1,6}(?:\.\d{1,3})?)\s*(ms|s)?$/.exec(text.trim());
    const ms = match ? Math.round(Number(match[1]) * (match[2] === 'ms' ? 1 : 1000)) : Number.NaN;
    if (ms >= minMs && ms <= maxMs) return ms;
    ctx.addIssue({ code: 'custom', message: `must be a duration from ${minMs} ms to ${maxMs / 1000} s such as 1.5s or 1500ms` });
    return z.NEVER;
  });

/** The environment, as the README's "Configuration" table: every variable, its meaning and its default. */
export const environmentSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: wholeNumber(0, 65_535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  REDIS_URL: z.url({ protocol: /^rediss?$/, error: 'must be a redis:// or rediss:// URL' }).default('redis://127.0.0.1:6379'),
  /** A Redis Cluster's nodes (`host:port,...`; a few are enough, the rest are discovered), instead of REDIS_URL. */
  REDIS_CLUSTER_NODES: redisNodeListSchema.optional(),
  /** Sentinels (`host:port,...`) watching the master named REDIS_SENTINEL_NAME, instead of REDIS_URL. */
  REDIS_SENTINELS: redisNodeListSchema.optional(),
  REDIS_SENTINEL_NAME: z.string().min(1).max(200).optional(),
  /** ACL user and password of the cluster's nodes or Sentinel's master (REDIS_URL carries its own). */
  REDIS_USERNAME: z.string().min(1).optional(),
  REDIS_PASSWORD: z.string().min(1).optional(),
  /** TLS to every cluster node, or to the Sentinels and their master (REDIS_URL says it with rediss://). */
  REDIS_TLS: booleanFlag.default(false),
  /** Key prefix in Redis, so several deployments can share one server. */
  REDIS_KEY_PREFIX: z
    .string()
    .regex(/^[a-z0-9-]{1,32}$/, 'must be 1-32 of a-z, 0-9, -')
    .default('pwreset'),
  PUBLIC_BASE_URL: httpUrl.optional(),
  TOKEN_PEPPER: pepperSchema.optional(),
  /** Several keys for rotation, `kid:secret,...`, the first current; instead of TOKEN_PEPPER (which is the one key `pepper`). */
  TOKEN_PEPPERS: tokenPeppersSchema.optional(),
  SENDGRID_API_KEY: z.string().min(1).optional(),
  SENDGRID_API_URL: httpUrl.default('https://api.sendgrid.com'),
  MAIL_FROM: z.email({ error: 'must be an email address' }).default('no-reply@pwreset.localhost'),
  MAIL_OUTBOX_DIR: z.string().min(1).default('var/outbox'),
  RESET_TOKEN_TTL: durationSeconds(1, THREE_DAYS_SECONDS).default(86_400),
  /** Lifetime of a code flow (`method: "code"`): a typed 8-digit code is weaker than a link, so at most an hour. */
  RESET_CODE_TTL: durationSeconds(1, 3600).default(900),
  /**
   * How long a dispute ("this wasn't me", the `/secure` link of the "password changed" mail) blocks
   * reset mails to the user, unless an admin-started reset lifts it: at most 30 days.
   */
  DISPUTE_LOCK: durationSeconds(1, 30 * 86_400).default(86_400),
  /** Lifetime of an OAuth2 access token issued at /oauth/token. */
  ACCESS_TOKEN_TTL: durationSeconds(1, 86_400).default(3600),
  LEGACY_HIDE_UNKNOWN_ACCOUNTS: booleanFlag.default(false),
  /** JSON file of named user directories (see user-directories/); unset: one embedded `default` directory. */
  USER_DIRECTORIES_FILE: z.string().min(1).optional(),
  /** Whether this process also runs the mail worker; `false` when workers run apart (`pnpm worker`). */
  MAIL_WORKER: booleanFlag.default(true),
  /** Jobs one worker process runs at once (BullMQ's concurrency); the default was chosen by `pnpm bench` (README "Performance"). */
  MAIL_WORKER_CONCURRENCY: wholeNumber(1, 1_000).default(DEFAULT_MAIL_WORKER_CONCURRENCY),
  /** Password hashes (argon2id, bcrypt, scrypt) computed at once; unset: the cores less one (see password-hash-slots.ts). */
  PASSWORD_HASH_CONCURRENCY: wholeNumber(1, 256).default(DEFAULT_PASSWORD_HASH_CONCURRENCY),
  /** Attempts per mail or webhook before it is parked. */
  MAIL_MAX_ATTEMPTS: wholeNumber(1, 100).default(20),
  /** First retry delay; it doubles per attempt (with jitter) up to MAIL_RETRY_MAX_DELAY. */
  MAIL_RETRY_BASE_DELAY: durationSeconds(0, 3600).default(5),
  MAIL_RETRY_MAX_DELAY: durationSeconds(1, 86_400).default(600),
  /**
   * BullMQ's lock on a running job: a worker that dies mid-send lets its job go after this long,
   * and the job is then parked as "outcome unknown" (see jobs/job-lock.ts). Shortened in fault tests.
   */
  MAIL_JOB_LOCK_DURATION: durationSeconds(5, 600).default(30),
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
  /** Replicas that must hold a request's writes before it is answered (Redis WAIT; see wait-for-replicas.ts); 0: no wait. */
  REDIS_WAIT_REPLICAS: wholeNumber(0, 16).default(0),
  /**
   * The longest one wait for REDIS_WAIT_REPLICAS blocks, in milliseconds; fewer acknowledged by then: 503. Below
   * the request path's 2 s command timeout (create-redis-client.ts), so a slow replica is a shortfall, not a timeout.
   */
  REDIS_WAIT_TIMEOUT_MS: wholeNumber(1, 1_500).default(1_000),
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
  // Breached passwords (issue 16).
  /** Base URL of a k-anonymity range API (Have I Been Pwned's, or a mirror); set, the policy refuses breached passwords. */
  PWNED_PASSWORDS_URL: httpUrl.optional(),
  /** The longest one lookup may take; then the local rules decide alone (counted). */
  PWNED_PASSWORDS_TIMEOUT: millisecondsDuration(1, 30_000).default(1500),
  /** A password is refused when the corpus counts it at least this often. */
  PWNED_PASSWORDS_MIN_COUNT: wholeNumber(1, 1_000_000_000).default(1),
});

/** Variables that only make sense together; listed with every other problem, like production's. */
export function pairedVariableProblems(environment: Readonly<Record<string, string | undefined>>): string[] {
  return [
    ...(environment.ALERT_WEBHOOK_URL && !environment.ALERT_WEBHOOK_SECRET
      ? ['ALERT_WEBHOOK_SECRET is required with ALERT_WEBHOOK_URL (every notice is signed)']
      : []),
    // Two sources of keys would leave which one is current to guesswork.
    ...(environment.TOKEN_PEPPER && environment.TOKEN_PEPPERS
      ? ['TOKEN_PEPPER and TOKEN_PEPPERS are both set: set one (TOKEN_PEPPER is the key `pepper` of TOKEN_PEPPERS)']
      : []),
  ];
}

/**
 * What production needs beyond valid values. Checked on the raw environment, apart from the schema,
 * so that these are listed together with any malformed value (a refinement of the schema would
 * only run once every value had parsed).
 */
export function productionRequirementProblems(environment: Readonly<Record<string, string | undefined>>): string[] {
  if (environment.NODE_ENV !== 'production') return [];
  return [
    ...(environment.TOKEN_PEPPER || environment.TOKEN_PEPPERS
      ? []
      : ['TOKEN_PEPPER is required when NODE_ENV=production (or TOKEN_PEPPERS, for several keys)']),
    ...(environment.SENDGRID_API_KEY ? [] : ['SENDGRID_API_KEY is required when NODE_ENV=production (the dev outbox is for development)']),
    ...(environment.PUBLIC_BASE_URL ? [] : ['PUBLIC_BASE_URL is required when NODE_ENV=production']),
  ];
}
