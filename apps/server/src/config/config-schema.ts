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
    .pipe(z.number().min(min, `must be at least ${min} s`).max(max, `must be at most ${formatDurationSeconds(max)}`));

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'must be true or false' })
  .transform((value) => ['true', '1', 'yes'].includes(value));

const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });

/** The environment, as DESIGN.md's table: every variable, its meaning and its default. */
export const environmentSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
    HOST: z.string().min(1).default('127.0.0.1'),
    REDIS_URL: z.url({ protocol: /^rediss?$/, error: 'must be a redis:// or rediss:// URL' }).default('redis://127.0.0.1:6379'),
    /** Key prefix in Redis, so several deployments can share one server. */
    REDIS_KEY_PREFIX: z.string().regex(/^[a-z0-9-]{1,32}$/, 'must be 1-32 of a-z, 0-9, -').default('pwreset'),
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
    /** Whether this process also runs the mail worker; `false` when workers run apart (`pnpm worker`). */
    MAIL_WORKER: booleanFlag.default(true),
    /** Attempts per mail or webhook before it is parked. */
    MAIL_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(20),
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
    RESET_SECRET_MAX_FAILED_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(10),
    /** Proxies whose X-Forwarded-For is believed: comma-separated IPs, CIDRs, or loopback/linklocal/uniquelocal. */
    TRUST_PROXY: z
      .string()
      .transform((text) => text.split(',').map((part) => part.trim()).filter(Boolean))
      .pipe(z.array(z.union([z.ipv4(), z.ipv6(), z.cidrv4(), z.cidrv6(), z.enum(['loopback', 'linklocal', 'uniquelocal'])], { error: 'must list IPs, CIDRs or loopback/linklocal/uniquelocal' })))
      .default([]),
    /** Entries the audit stream keeps (approximately). */
    AUDIT_MAX_ENTRIES: z.coerce.number().int().min(100).max(10_000_000).default(100_000),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV !== 'production') return;
    if (!env.TOKEN_PEPPER) ctx.addIssue({ code: 'custom', path: ['TOKEN_PEPPER'], message: 'is required when NODE_ENV=production' });
    if (!env.SENDGRID_API_KEY)
      ctx.addIssue({ code: 'custom', path: ['SENDGRID_API_KEY'], message: 'is required when NODE_ENV=production (the dev outbox is for development)' });
    if (!env.PUBLIC_BASE_URL)
      ctx.addIssue({ code: 'custom', path: ['PUBLIC_BASE_URL'], message: 'is required when NODE_ENV=production' });
  });
