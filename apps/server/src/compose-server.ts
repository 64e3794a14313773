import { loadCommonPasswordList } from '@pwreset/common-passwords';
import { DEFAULT_PASSWORD_POLICY } from '@pwreset/contract';
import type { Mailer, ResetPorts, WebhookSender } from '@pwreset/contract/engine';
import type { Express } from 'express';
import type { Worker } from 'bullmq';
import type { ClientRegistry } from './clients/client-registry.js';
import { redisClientRegistry } from './clients/redis-client-registry.js';
import type { ServerConfig } from './config/load-config.js';
import { redisAuditLog } from './audit/redis-audit-log.js';
import { atMostOnce, type AtMostOnceGate } from './delivery/at-most-once.js';
import { redisRateLimits } from './limits/redis-rate-limits.js';
import { clientSnapshots } from './clients/client-snapshots.js';
import { currentClientDirectory } from './clients/current-client-directory.js';
import { startIntakeMover } from './intake/intake-mover.js';
import { redisResetRequestIntake } from './intake/redis-reset-request-intake.js';
import { failClosed, isRedisUnavailable } from './redis/fail-closed.js';
import { createOutageLog, watchOutages } from './observability/outage-log.js';
import { createApp } from './http/create-app.js';
import { serviceReadiness } from './directory-registry/service-readiness.js';
import { createUserDirectoryRegistry, type UserDirectoryRegistry } from './directory-registry/user-directory-registry.js';
import { bullmqJobQueue, type BullmqJobQueue } from './jobs/bullmq-job-queue.js';
import { startResetWorker } from './jobs/reset-worker.js';
import type { Logger } from './logger.js';
import { outboxMailer } from './mail/outbox-mailer.js';
import { sendGridMailer } from './mail/sendgrid-mailer.js';
import type { MailReadiness } from './mail/mail-readiness.js';
import { redisAccessTokenStore, type AccessTokenStore } from './oauth/access-token-store.js';
import { redisConnectionFactory, type RedisConnection } from './redis/redis-connection-factory.js';
import { redisKeys } from './redis/redis-keys.js';
import { replicaWaitForConfig } from './redis/replica-wait-for-config.js';
import { replication } from './redis/replicated-ports.js';
import { redisDisputeStore } from './disputes/redis-dispute-store.js';
import { redisResetTokenStore } from './tokens/redis-reset-token-store.js';
import { redisResetCodeFlowStore } from './tokens/redis-reset-code-flow-store.js';
import { redisTemporaryPasswordStore } from './tokens/redis-temporary-password-store.js';
import { httpWebhookSender } from './webhooks/http-webhook-sender.js';
import type { ServiceMetrics } from './metrics/service-metrics.js';
import { observedPorts } from './metrics/observed-ports.js';
import { measureQueueJobs, observeResetWorker } from './metrics/worker-metrics.js';
import { notingClient } from './observability/noting-client.js';
import { alertOnParkedJobs } from './alerts/parked-job-alerts.js';
import { pwnedPasswordsCheck } from './breach/pwned-passwords-check.js';

export interface ComposeOptions {
  readonly config: ServerConfig;
  /** The request-path connection (fails fast). */
  readonly redis: RedisConnection;
  readonly logger: Logger;
  /** Prints a development reset link for a person to click; see outboxMailer. */
  readonly onDevelopmentResetLink?: (to: string, link: string) => void;
  /** Where the process counts (issue 14); without, nothing is counted. */
  readonly metrics?: ServiceMetrics;
  /**
   * Whether mail can go out, for /readyz (main.ts passes the SendGrid key watcher's). Without it:
   * `outbox` without SendGrid, else `unknown` (nothing checks the key in this process).
   */
  readonly mailReadiness?: () => MailReadiness;
  /** True once shutdown has begun, so that /readyz turns 503 before the listener closes. */
  readonly stopping?: () => boolean;
}

export interface ComposedPorts {
  readonly ports: ResetPorts;
  readonly clients: ClientRegistry;
  readonly accessTokens: AccessTokenStore;
  readonly jobs: BullmqJobQueue;
  /** Every user directory of USER_DIRECTORIES_FILE; `close()` it on shutdown. */
  readonly directories: UserDirectoryRegistry;
  /** The at-most-once gate every mail and webhook passes; the worker asks it before a job runs. */
  readonly deliveries: AtMostOnceGate;
  /** Reset requests accepted and not yet moved into BullMQ's queue (see intake-mover.ts): they count as waiting. */
  intakeBacklog(): Promise<number>;
}

export function createMailer({ config, onDevelopmentResetLink }: Pick<ComposeOptions, 'config' | 'onDevelopmentResetLink'>): Mailer {
  if (config.sendgrid) return sendGridMailer({ ...config.sendgrid, from: config.mailFrom });
  return outboxMailer({
    dir: config.mailOutboxDir,
    from: config.mailFrom,
    ...(config.nodeEnv === 'development' && onDevelopmentResetLink ? { onResetLink: onDevelopmentResetLink } : {}),
  });
}

/** Wires the real adapters into the engine's ports. Reads no environment: config comes in. */
export function composePorts(options: ComposeOptions): ComposedPorts {
  const { config, redis } = options;
  const keys = redisKeys(config.redisKeyPrefix);
  const clock = { now: () => new Date() };
  const clients = redisClientRegistry({
    redis,
    keys,
    keyRing: config.keyRing,
    defaults: { hostedResetPageUrl: config.hostedResetPageUrl, resetTokenTtlSeconds: config.resetTokenTtlSeconds },
  });
  // One copy of each client in memory, for the access tokens and the engine alike (see client-snapshots.ts).
  const snapshots = clientSnapshots({ registry: clients });
  const accessTokens = redisAccessTokenStore({
    redis,
    keys,
    keyRing: config.keyRing,
    clients,
    snapshots,
    ttlSeconds: config.accessTokenTtlSeconds,
  });
  // One warn line per outage of Redis or of a directory, not an error per refused request.
  const outages = createOutageLog(options.logger);
  // The connection's own events bound the outage too: its first failed reconnect opens it (once,
  // not a line per attempt), and being ready again closes it even when no call came meanwhile.
  redis.on('error', () => outages.unavailable('redis'));
  redis.on('ready', () => outages.answered('redis'));
  const redisPort = <Port extends object>(port: Port): Port => watchOutages(outages, 'redis', failClosed(redis, port));
  // REDIS_WAIT_REPLICAS: a request answers only once what it queued or issued is on a replica, and a
  // mail or webhook leaves only once its claim and its secret are (a failover then loses neither).
  const replicated = replication(replicaWaitForConfig({ config, redis, keys, outages }));
  const jobs = bullmqJobQueue({
    connection: redis,
    prefix: keys.queuePrefix(),
    retry: config.mailRetry,
    // Redis away is part of the outage (logged once); anything else from the queue is a real error.
    onError: (error) =>
      isRedisUnavailable(redis, error)
        ? outages.unavailable('redis')
        : options.logger.error({ err: { message: error.message } }, 'queue error'),
  });
  // Every mail and webhook goes through the at-most-once gate, keyed by its job.
  const deliveries = atMostOnce({ redis, keys });
  const mailer = replicated.sending(createMailer(options));
  // Embedded directories fail closed on Redis themselves; SQL and HTTP ones throw DirectoryUnavailableError.
  const directories = createUserDirectoryRegistry({ directories: config.userDirectories, redis, keys, logger: options.logger, outages });
  const webhookSender = replicated.sending(httpWebhookSender({ clients }));
  const mail: Mailer = {
    send: (message, opts) => deliveries.deliverOnce(opts.idempotencyKey, () => mailer.send(message, opts)).then(() => undefined),
  };
  const webhooks: WebhookSender = {
    deliver: (clientId, event, opts) =>
      deliveries.deliverOnce(opts.idempotencyKey, () => webhookSender.deliver(clientId, event, opts)).then(() => undefined),
  };
  // Every port that needs Redis fails closed: unreachable Redis is a 503, never a 500 or a guess.
  const ports: ResetPorts = {
    tokens: redisPort(redisResetTokenStore({ redis, keys, keyRing: config.keyRing, clock })),
    temporaryPasswords: redisPort(redisTemporaryPasswordStore({ redis, keys, keyRing: config.keyRing, clock })),
    codeFlows: redisPort(
      redisResetCodeFlowStore({ redis, keys, keyRing: config.keyRing, clock, lifetimeSeconds: config.resetCodeTtlSeconds }),
    ),
    // A dispute answers once its lock, its kills and its consumed secret are on the replicas (one
    // wait after the consume, the last of them, covers every write before it).
    disputes: redisPort(replicated.answering(redisDisputeStore({ redis, keys, keyRing: config.keyRing, clock }), ['consume'])),
    disputeSettings: { pageUrl: config.hostedDisputePageUrl, lockSeconds: config.disputeLockSeconds },
    users: directories,
    // From memory while the registry revision stays (one shared counter read instead of a record per lookup).
    clients: redisPort(currentClientDirectory({ redis, keys, snapshots })),
    jobs: redisPort(replicated.answering(jobs, ['enqueue'])),
    limits: redisPort(redisRateLimits({ redis, keys, keyRing: config.keyRing, settings: config.rateLimits })),
    // A request's throttles, audit entry and job in one script; REDIS_WAIT_REPLICAS waits as for a queued job.
    intake: redisPort(
      replicated.answering(
        redisResetRequestIntake({
          redis,
          keys,
          keyRing: config.keyRing,
          settings: config.rateLimits,
          auditMaxEntries: config.auditMaxEntries,
        }),
        ['admit'],
      ),
    ),
    audit: redisAuditLog({
      redis,
      key: keys.auditStream(),
      keyRing: config.keyRing,
      maxEntries: config.auditMaxEntries,
      logger: options.logger,
    }),
    mail,
    webhooks,
    clock,
    // Over 250,000 entries, loaded once per process (about 0.1 s), looked up in O(1).
    commonPasswords: loadCommonPasswordList(),
    ...(config.pwnedPasswords
      ? {
          breachedPasswords: pwnedPasswordsCheck({
            baseUrl: config.pwnedPasswords.url,
            timeoutMs: config.pwnedPasswords.timeoutMs,
            minCount: config.pwnedPasswords.minCount,
            onFailure: (reason) => options.metrics?.breachCheckFailures.inc({ reason }),
          }),
        }
      : {}),
  };
  if (options.metrics) measureQueueJobs(jobs.queue, redis, keys.resetRequestIntake(), options.metrics);
  return {
    ports: options.metrics ? observedPorts(ports, options.metrics) : ports,
    clients: redisPort(clients),
    accessTokens: notingClient(redisPort(replicated.answering(accessTokens, ['issue']))),
    jobs,
    directories,
    deliveries,
    intakeBacklog: () => redis.xlen(keys.resetRequestIntake()),
  };
}

export interface ComposedServer extends ComposedPorts {
  readonly app: Express;
}

export function composeServer(options: ComposeOptions): ComposedServer {
  const composed = composePorts(options);
  const mailWithoutWatcher: MailReadiness = { mail: options.config.sendgrid ? 'unknown' : 'outbox' };
  const app = createApp({
    ports: composed.ports,
    logger: options.logger,
    defaultPasswordPolicy: DEFAULT_PASSWORD_POLICY,
    clients: composed.clients,
    accessTokens: composed.accessTokens,
    verifyAccessToken: (accessToken) => composed.accessTokens.authorize(accessToken),
    readiness: serviceReadiness({
      redis: options.redis,
      directories: composed.directories,
      logger: options.logger,
      mail: options.mailReadiness ?? (() => mailWithoutWatcher),
      ...(options.stopping ? { stopping: options.stopping } : {}),
    }),
    trustProxy: options.config.trustProxy,
    legacyHideUnknownAccounts: options.config.legacyHideUnknownAccounts,
    observability: {
      ...(options.metrics ? { metrics: options.metrics } : {}),
      ...(options.config.metrics.port === null ? { metricsOnThisPort: { token: options.config.metrics.token } } : {}),
    },
  });
  return { ...composed, app };
}

/** What startWorker started; `close()` stops it, waiting for running jobs. */
export interface StartedWorker {
  readonly worker: Worker;
  close(): Promise<void>;
}

/**
 * Starts a mail worker over the composed ports, on a connection of its own: BullMQ's blocking
 * reads need `maxRetriesPerRequest: null`, unlike the fail-fast request path. With it (unless
 * `moveIntake` is false), an intake mover on another such connection moves accepted requests into
 * the queue: wherever mail is sent, requests reach the queue.
 */
export function startWorker(
  config: ServerConfig,
  composed: ComposedPorts,
  logger: Logger,
  metrics?: ServiceMetrics,
  { moveIntake = true }: { readonly moveIntake?: boolean } = {},
): StartedWorker {
  const keys = redisKeys(config.redisKeyPrefix);
  const factory = redisConnectionFactory(config.redis);
  const connection = factory.blocking('pwreset-worker');
  // Its errors (Redis away) go to the worker's outage log (startResetWorker): one line per outage.
  const worker = startResetWorker({
    connection,
    prefix: keys.queuePrefix(),
    ports: composed.ports,
    deliveryState: (idempotencyKey) => composed.deliveries.checkState(idempotencyKey, connection),
    retry: config.mailRetry,
    logger,
    lockDurationMs: config.mailJobLockMs,
    concurrency: config.mailWorkerConcurrency,
  });
  if (metrics) observeResetWorker(worker, metrics);
  if (config.alertWebhook) alertOnParkedJobs(worker, { ...config.alertWebhook, logger });
  const mover = moveIntake ? startIntakeMoverFor(config, composed, logger) : null;
  return {
    worker,
    async close() {
      await mover?.close();
      await worker.close();
      await connection.quit().catch(() => undefined);
    },
  };
}

/** Moves accepted reset requests into BullMQ's queue (see startIntakeMover), on a blocking connection of its own. */
export function startIntakeMoverFor(config: ServerConfig, composed: ComposedPorts, logger: Logger): { close(): Promise<void> } {
  const reader = redisConnectionFactory(config.redis).blocking('pwreset-intake');
  // Redis away: the mover says so once and retries; the connection's own errors would say it per attempt.
  reader.on('error', () => undefined);
  const mover = startIntakeMover({
    reader,
    key: redisKeys(config.redisKeyPrefix).resetRequestIntake(),
    queue: composed.jobs.queue,
    retry: config.mailRetry,
    logger,
  });
  return {
    async close() {
      await mover.close();
      // Not QUIT: with Redis away it would wait for Redis; the loop has ended, nothing is left to send.
      reader.disconnect();
    },
  };
}
