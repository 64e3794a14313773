import { DEFAULT_PASSWORD_POLICY } from '@pwreset/contract';
import { processResetJob, type Mailer, type ResetPorts } from '@pwreset/contract/engine';
import type { Express } from 'express';
import type { Redis } from 'ioredis';
import { redisClientRegistry, type ClientRegistry } from './clients/redis-client-registry.js';
import type { ServerConfig } from './config/load-config.js';
import { createApp } from './http/create-app.js';
import { redisAccessTokenStore } from './oauth/access-token-store.js';
import { inProcessJobQueue, type InProcessJobQueue } from './jobs/in-process-job-queue.js';
import type { Logger } from './logger.js';
import { outboxMailer } from './mail/outbox-mailer.js';
import { sendGridMailer } from './mail/sendgrid-mailer.js';
import { commonPasswordList } from './passwords/common-passwords.js';
import { redisKeys } from './redis/redis-keys.js';
import { redisResetTokenStore } from './tokens/redis-reset-token-store.js';
import { redisUserDirectory } from './users/redis-user-directory.js';

export interface ComposedServer {
  readonly app: Express;
  readonly ports: ResetPorts;
  readonly jobs: InProcessJobQueue;
  readonly clients: ClientRegistry;
}

export interface ComposeOptions {
  readonly config: ServerConfig;
  readonly redis: Redis;
  readonly logger: Logger;
  /** Prints a development reset link for a person to click; see outboxMailer. */
  readonly onDevelopmentResetLink?: (to: string, link: string) => void;
}

export function createMailer({ config, onDevelopmentResetLink }: Pick<ComposeOptions, 'config' | 'onDevelopmentResetLink'>): Mailer {
  if (config.sendgrid) return sendGridMailer({ ...config.sendgrid, from: config.mailFrom });
  return outboxMailer({
    dir: config.mailOutboxDir,
    from: config.mailFrom,
    ...(config.nodeEnv === 'development' && onDevelopmentResetLink ? { onResetLink: onDevelopmentResetLink } : {}),
  });
}

/** Wires real adapters into the ports and the app. Reads no environment: config comes in. */
export function composeServer(options: ComposeOptions): ComposedServer {
  const { config, redis, logger } = options;
  const keys = redisKeys(config.redisKeyPrefix);
  const clock = { now: () => new Date() };
  const clients = redisClientRegistry({
    redis,
    keys,
    pepper: config.tokenPepper,
    defaults: { hostedResetPageUrl: config.hostedResetPageUrl, resetTokenTtlSeconds: config.resetTokenTtlSeconds },
  });
  const accessTokens = redisAccessTokenStore({ redis, keys, pepper: config.tokenPepper, clients, ttlSeconds: config.accessTokenTtlSeconds });

  // The queue needs the ports and the ports need the queue: the handler closes over `ports`,
  // which exists before the first job can run.
  const jobs = inProcessJobQueue({
    handle: async (job) => {
      const outcome = await processResetJob(ports, job);
      logger.info({ job: job.type, clientId: job.clientId, outcome }, 'job done');
    },
    onFailure: (job, error, attempt) => logger.warn({ job: job.type, clientId: job.clientId, attempt, err: error }, 'job failed'),
  });
  const ports: ResetPorts = {
    tokens: redisResetTokenStore({ redis, keys, pepper: config.tokenPepper, clock }),
    users: redisUserDirectory({ redis, keys }),
    clients,
    jobs,
    mail: createMailer(options),
    clock,
    commonPasswords: commonPasswordList(),
  };

  const app = createApp({
    ports,
    logger,
    defaultPasswordPolicy: DEFAULT_PASSWORD_POLICY,
    clients,
    accessTokens,
    verifyAccessToken: (accessToken) => accessTokens.verify(accessToken),
    isReady: async () => (await redis.ping().catch(() => null)) === 'PONG',
  });
  return { app, ports, jobs, clients };
}
