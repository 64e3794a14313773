import { DEFAULT_USER_DIRECTORY } from '@pwreset/contract/engine';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppRouter } from '@pwreset/contract/router';
import { createTRPCClient, httpLink, type TRPCClient } from '@trpc/client';
import type { ClientSettings } from '../../src/clients/client-settings.js';
import { composeServer, startIntakeMoverFor, startWorker, type ComposedServer } from '../../src/compose-server.js';
import { loadConfig, type ServerConfig } from '../../src/config/load-config.js';
import { createLogger } from '../../src/logger.js';
import type { ServiceMetrics } from '../../src/metrics/service-metrics.js';
import { readOutbox, type OutboxMail } from '../../src/mail/outbox.js';
import { connectRedis } from '../../src/redis/create-redis-client.js';
import { redisConnectionFactory, type RedisConnection } from '../../src/redis/redis-connection-factory.js';
import { redisKeys } from '../../src/redis/redis-keys.js';
import { startTestRedis, type TestRedis } from './test-redis.js';
import { redisUserDirectory, type ManagedUserDirectory } from '../../src/users/redis-user-directory.js';

export interface TestServer {
  readonly url: string;
  /** Authenticated as `client` with a bearer token from /oauth/token. */
  readonly trpc: TRPCClient<AppRouter>;
  /** No credentials: what the hosted page and anyone else can call. */
  readonly publicTrpc: TRPCClient<AppRouter>;
  readonly client: { readonly clientId: string; readonly clientSecret: string; readonly apiKey: string; readonly accessToken: string };
  readonly config: ServerConfig;
  readonly redis: RedisConnection;
  readonly users: ManagedUserDirectory;
  readonly composed: ComposedServer;
  /** Waits until no job is waiting, running or due for a retry, then returns every mail in the outbox. */
  mails(): Promise<OutboxMail[]>;
  /** Stops the in-process mail worker (jobs stay queued in Redis; requests are still moved into the queue). */
  stopWorker(): Promise<void>;
  /** Starts a new in-process mail worker. */
  startWorker(): void;
  /** Stops moving accepted requests into the queue too (they stay in the intake), for a test that records every Redis command. */
  stopIntakeMover(): Promise<void>;
  startIntakeMover(): void;
  close(): Promise<void>;
}

/**
 * The real app on a real port, over a private redis-server (a private Redis Cluster with
 * PWRESET_TEST_REDIS=cluster, see test-redis.ts) and a temporary outbox.
 */
export async function startTestServer(
  environment: Record<string, string> = {},
  { metrics }: { readonly metrics?: ServiceMetrics } = {},
): Promise<TestServer & { privateRedis: TestRedis }> {
  const privateRedis = await startTestRedis();
  const outboxDir = await mkdtemp(join(tmpdir(), 'pwreset-outbox-'));
  const loaded = loadConfig({
    NODE_ENV: 'test',
    ...privateRedis.environment,
    MAIL_OUTBOX_DIR: outboxDir,
    LOG_LEVEL: 'silent',
    // Every test calls from 127.0.0.1: throttles are loose unless a test is about them.
    RATE_LIMIT_REQUESTS_PER_ADDRESS: '1000/1h',
    RATE_LIMIT_REQUESTS_PER_IP: '100000/1h',
    RATE_LIMIT_SECRET_ATTEMPTS_PER_IP: '100000/1h',
    ...environment,
  });
  if (!loaded.ok) throw new Error(loaded.problems.join('; '));
  const config = loaded.config;
  const redis = redisConnectionFactory(config.redis).requestPath('test');
  redis.on('error', () => undefined);
  await connectRedis(redis);
  const logger = createLogger({ level: 'silent' });
  const composed = composeServer({ config, redis, logger, ...(metrics ? { metrics } : {}) });
  // Requests reach BullMQ's queue whether or not the worker runs, so a test can look at them there (see intakeMoved).
  let mover: ReturnType<typeof startIntakeMoverFor> | null = startIntakeMoverFor(config, composed, logger);
  let worker: ReturnType<typeof startWorker> | null = startWorker(config, composed, logger, undefined, { moveIntake: false });
  const server = composed.app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = await registerClient(composed, url, { name: 'Test App' });
  return {
    url,
    client,
    trpc: trpcClientFor(url, client.accessToken),
    publicTrpc: trpcClientFor(url),
    config,
    redis,
    users: redisUserDirectory({ redis, keys: redisKeys(config.redisKeyPrefix), directory: DEFAULT_USER_DIRECTORY }),
    composed,
    privateRedis,
    async mails() {
      await waitForQueueToDrain(composed);
      return readOutbox(outboxDir);
    },
    async stopWorker() {
      await worker?.close();
      worker = null;
    },
    startWorker() {
      worker ??= startWorker(config, composed, logger, undefined, { moveIntake: false });
    },
    async stopIntakeMover() {
      await mover?.close();
      mover = null;
    },
    startIntakeMover() {
      mover ??= startIntakeMoverFor(config, composed, logger);
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await mover?.close();
      await worker?.close();
      await composed.jobs.close();
      await composed.directories.close();
      redis.disconnect();
      await privateRedis.stop();
      await rm(outboxDir, { recursive: true, force: true });
    },
  };
}

export function trpcClientFor(url: string, accessToken?: string): TRPCClient<AppRouter> {
  return createTRPCClient<AppRouter>({
    links: [httpLink({ url: `${url}/trpc`, headers: () => (accessToken ? { authorization: `Bearer ${accessToken}` } : {}) })],
  });
}

/** Registers a client and fetches an access token for it over HTTP, as an application would. */
export async function registerClient(
  composed: ComposedServer,
  url: string,
  settings: Partial<ClientSettings> & { name: string },
): Promise<TestServer['client']> {
  const added = await composed.clients.add({ resetUrls: [], defaultLocale: 'en', minPasswordLength: 8, legacyApis: [], ...settings });
  if (!added.ok) throw new Error(`cannot add client: ${added.reason}`);
  const response = await fetch(`${url}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: added.client.clientId, client_secret: added.clientSecret }),
  });
  const { access_token: accessToken } = (await response.json()) as { access_token: string };
  return { clientId: added.client.clientId, clientSecret: added.clientSecret, apiKey: added.apiKey, accessToken };
}

/** Polls until no accepted request awaits its move into the queue (bounded: 15 s): then a test sees its job in BullMQ. */
export async function intakeMoved(composed: Pick<ComposedServer, 'intakeBacklog'>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await composed.intakeBacklog()) > 0) {
    if (Date.now() > deadline) throw new Error('the intake was not moved into the queue');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Polls the intake and the queue until nothing is waiting, running or delayed (bounded: 15 s). */
export async function waitForQueueToDrain(composed: Pick<ComposedServer, 'jobs' | 'intakeBacklog'>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const counts = {
      intake: await composed.intakeBacklog(),
      ...(await composed.jobs.queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'waiting-children')),
    };
    if (Object.values(counts).every((count) => count === 0)) return;
    if (Date.now() > deadline) throw new Error(`queue did not drain: ${JSON.stringify(counts)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The secret from a reset mail's link (`…/reset#token=<secret>`). */
export function secretFromMail(mail: OutboxMail): string {
  const match = /#token=([A-Za-z0-9_-]{43})/.exec(mail.text);
  if (!match?.[1]) throw new Error(`no reset link in mail: ${mail.subject}`);
  return match[1];
}
