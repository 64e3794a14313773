import type { RateLimitSettings } from '../limits/redis-rate-limits.js';
import { environmentSchema, DEVELOPMENT_TOKEN_PEPPER, pairedVariableProblems, productionRequirementProblems } from './config-schema.js';
import { createKeyRing, singleKeyRing, type KeyRing } from '../tokens/key-ring.js';
import { redisConnectionSettings, redisModeProblems, type RedisConnectionSettings } from './redis-connection-settings.js';
import { loadUserDirectories, type UserDirectoriesConfig } from './user-directories/load-user-directories.js';

export interface ServerConfig {
  readonly nodeEnv: 'development' | 'test' | 'production';
  readonly port: number;
  readonly host: string;
  /** REDIS_URL, REDIS_CLUSTER_NODES or REDIS_SENTINELS, with their credentials; see redis-connection-factory.ts. */
  readonly redis: RedisConnectionSettings;
  readonly redisKeyPrefix: string;
  /** Origin of the hosted reset page in mailed links; never taken from a request. */
  readonly publicBaseUrl: string;
  /** TOKEN_PEPPERS, or TOKEN_PEPPER (or the development pepper) as the one key `pepper`: every keyed hash's keys. */
  readonly keyRing: KeyRing;
  readonly usesDevelopmentPepper: boolean;
  readonly sendgrid: { readonly apiKey: string; readonly apiUrl: string } | null;
  readonly mailFrom: string;
  readonly mailOutboxDir: string;
  readonly resetTokenTtlSeconds: number;
  /** Lifetime of a code flow (RESET_CODE_TTL), in seconds. */
  readonly resetCodeTtlSeconds: number;
  /** DISPUTE_LOCK, in seconds: how long a dispute blocks reset mails to the user. */
  readonly disputeLockSeconds: number;
  /** Our "this wasn't me" page in mailed dispute links (`${PUBLIC_BASE_URL}/secure`). */
  readonly hostedDisputePageUrl: string;
  /** Lifetime of an OAuth2 access token, in seconds. */
  readonly accessTokenTtlSeconds: number;
  /** Our hosted reset page, always an allowed link target. */
  readonly hostedResetPageUrl: string;
  readonly legacyHideUnknownAccounts: boolean;
  readonly mailWorkerInProcess: boolean;
  /** MAIL_WORKER_CONCURRENCY: jobs one worker process runs at once. */
  readonly mailWorkerConcurrency: number;
  /** PASSWORD_HASH_CONCURRENCY: password hashes this process computes at once. */
  readonly passwordHashConcurrency: number;
  readonly rateLimits: RateLimitSettings;
  /** Proxies whose X-Forwarded-For is believed; empty: the socket address counts. */
  readonly trustProxy: readonly string[];
  readonly auditMaxEntries: number;
  /** REDIS_WAIT_REPLICAS and REDIS_WAIT_TIMEOUT_MS; null (0 replicas): writes are not waited for. */
  readonly redisWait: { readonly replicas: number; readonly timeoutMs: number } | null;
  readonly mailRetry: { readonly maxAttempts: number; readonly baseDelayMs: number; readonly maxDelayMs: number };
  /** MAIL_JOB_LOCK_DURATION, in milliseconds: BullMQ's lock on a running job (see jobs/job-lock.ts). */
  readonly mailJobLockMs: number;
  readonly logLevel: string;
  /** The directories of USER_DIRECTORIES_FILE, validated and with `{"env"}` values resolved; else the one embedded `default`. */
  readonly userDirectories: UserDirectoriesConfig;
  /** METRICS_PORT (null: the main port), METRICS_TOKEN (null: loopback only), WORKER_METRICS_PORT. */
  readonly metrics: { readonly port: number | null; readonly token: string | null; readonly workerPort: number };
  /** ALERT_WEBHOOK_URL and its signing key ALERT_WEBHOOK_SECRET; null: parked jobs are only logged. */
  readonly alertWebhook: { readonly url: string; readonly secret: string } | null;
  /** OTEL_EXPORTER_OTLP_ENDPOINT set: traces are exported, as OTEL_SERVICE_NAME; null: tracing is off. */
  readonly tracing: { readonly serviceName: string } | null;
  /** MAIL_KEY_CHECK_INTERVAL, in milliseconds: how often the SendGrid key is checked (only with SendGrid). */
  readonly mailKeyCheckIntervalMs: number;
  /** SHUTDOWN_DRAIN and SHUTDOWN_DEADLINE, in milliseconds; the deadline counts from the signal and exceeds the drain. */
  readonly shutdown: { readonly drainMs: number; readonly deadlineMs: number };
  /** REQUEST_TIMEOUT, in milliseconds: the longest a client may take to send one request (see createServerWithRequestTimeouts). */
  readonly requestTimeoutMs: number;
  /** PWNED_PASSWORDS_URL, _TIMEOUT (ms) and _MIN_COUNT; null: no breach corpus, the local rules alone. */
  readonly pwnedPasswords: { readonly url: string; readonly timeoutMs: number; readonly minCount: number } | null;
}

export type ConfigResult = { ok: true; config: ServerConfig } | { ok: false; problems: string[] };

/** Validates the whole environment at once, so an operator sees every problem in one go. */
export function loadConfig(environment: Record<string, string | undefined>): ConfigResult {
  // An empty variable means "not set": shells and env files often leave `FOO=` behind.
  const present = Object.fromEntries(Object.entries(environment).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = environmentSchema.safeParse(present);
  // Read even when another variable is wrong, so that the file's problems are listed with the rest.
  const directories = loadUserDirectories(present.USER_DIRECTORIES_FILE, present);
  const problems = [
    ...(parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.') || 'environment'} ${issue.message}`)),
    ...productionRequirementProblems(present),
    ...(directories.ok ? [] : directories.problems),
    ...pairedVariableProblems(present),
    ...redisModeProblems(present),
    // A deadline inside the drain would end every shutdown as a failure, before the listener even closed.
    ...(parsed.success && parsed.data.SHUTDOWN_DEADLINE <= parsed.data.SHUTDOWN_DRAIN
      ? ['SHUTDOWN_DEADLINE must be longer than SHUTDOWN_DRAIN (the drain is part of the shutdown)']
      : []),
  ];
  if (!parsed.success || !directories.ok || problems.length > 0) return { ok: false, problems };
  const env = parsed.data;
  const publicBaseUrl = (env.PUBLIC_BASE_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, '');
  return {
    ok: true,
    config: {
      nodeEnv: env.NODE_ENV,
      port: env.PORT,
      host: env.HOST,
      redis: redisConnectionSettings(env),
      redisKeyPrefix: env.REDIS_KEY_PREFIX,
      publicBaseUrl,
      keyRing: env.TOKEN_PEPPERS ? createKeyRing(env.TOKEN_PEPPERS) : singleKeyRing(env.TOKEN_PEPPER ?? DEVELOPMENT_TOKEN_PEPPER),
      usesDevelopmentPepper: env.TOKEN_PEPPER === undefined && env.TOKEN_PEPPERS === undefined,
      sendgrid: env.SENDGRID_API_KEY ? { apiKey: env.SENDGRID_API_KEY, apiUrl: env.SENDGRID_API_URL } : null,
      mailFrom: env.MAIL_FROM,
      mailOutboxDir: env.MAIL_OUTBOX_DIR,
      resetTokenTtlSeconds: env.RESET_TOKEN_TTL,
      resetCodeTtlSeconds: env.RESET_CODE_TTL,
      disputeLockSeconds: env.DISPUTE_LOCK,
      hostedDisputePageUrl: `${publicBaseUrl}/secure`,
      accessTokenTtlSeconds: env.ACCESS_TOKEN_TTL,
      hostedResetPageUrl: `${publicBaseUrl}/reset`,
      legacyHideUnknownAccounts: env.LEGACY_HIDE_UNKNOWN_ACCOUNTS,
      mailWorkerInProcess: env.MAIL_WORKER,
      mailWorkerConcurrency: env.MAIL_WORKER_CONCURRENCY,
      passwordHashConcurrency: env.PASSWORD_HASH_CONCURRENCY,
      rateLimits: {
        requestsPerAddress: env.RATE_LIMIT_REQUESTS_PER_ADDRESS,
        requestsPerClient: env.RATE_LIMIT_REQUESTS_PER_CLIENT,
        requestsPerIp: env.RATE_LIMIT_REQUESTS_PER_IP,
        secretAttemptsPerIp: env.RATE_LIMIT_SECRET_ATTEMPTS_PER_IP,
        maxFailedAttemptsPerSecret: env.RESET_SECRET_MAX_FAILED_ATTEMPTS,
      },
      trustProxy: env.TRUST_PROXY,
      auditMaxEntries: env.AUDIT_MAX_ENTRIES,
      redisWait: env.REDIS_WAIT_REPLICAS === 0 ? null : { replicas: env.REDIS_WAIT_REPLICAS, timeoutMs: env.REDIS_WAIT_TIMEOUT_MS },
      mailRetry: {
        maxAttempts: env.MAIL_MAX_ATTEMPTS,
        baseDelayMs: env.MAIL_RETRY_BASE_DELAY * 1000,
        maxDelayMs: env.MAIL_RETRY_MAX_DELAY * 1000,
      },
      mailJobLockMs: env.MAIL_JOB_LOCK_DURATION * 1000,
      logLevel: env.LOG_LEVEL,
      userDirectories: directories.directories,
      tracing: env.OTEL_EXPORTER_OTLP_ENDPOINT ? { serviceName: env.OTEL_SERVICE_NAME } : null,
      alertWebhook:
        env.ALERT_WEBHOOK_URL && env.ALERT_WEBHOOK_SECRET ? { url: env.ALERT_WEBHOOK_URL, secret: env.ALERT_WEBHOOK_SECRET } : null,
      metrics: {
        port: env.METRICS_PORT === undefined || env.METRICS_PORT === env.PORT ? null : env.METRICS_PORT,
        token: env.METRICS_TOKEN ?? null,
        workerPort: env.WORKER_METRICS_PORT,
      },
      mailKeyCheckIntervalMs: env.MAIL_KEY_CHECK_INTERVAL * 1000,
      shutdown: { drainMs: env.SHUTDOWN_DRAIN * 1000, deadlineMs: env.SHUTDOWN_DEADLINE * 1000 },
      requestTimeoutMs: env.REQUEST_TIMEOUT * 1000,
      pwnedPasswords: env.PWNED_PASSWORDS_URL
        ? { url: env.PWNED_PASSWORDS_URL, timeoutMs: env.PWNED_PASSWORDS_TIMEOUT, minCount: env.PWNED_PASSWORDS_MIN_COUNT }
        : null,
    },
  };
}

/** For entry points: the config, or every problem on stderr and exit code 2. */
export function loadConfigOrExit(environment: Record<string, string | undefined> = process.env): ServerConfig {
  const result = loadConfig(environment);
  if (result.ok) return result.config;
  return exitWithConfigurationProblems(result.problems);
}

/** Every problem on stderr and exit code 2; also for those found later (the clients' directory bindings, read from Redis). */
export function exitWithConfigurationProblems(problems: readonly string[]): never {
  process.stderr.write(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}\n`);
  process.exit(2);
}
