import { DEFAULT_USER_DIRECTORY } from '@pwreset/contract/engine';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ClientRegistry } from '../../../src/clients/client-registry.js';
import { redisClientRegistry } from '../../../src/clients/redis-client-registry.js';
import type { ClientSettings } from '../../../src/clients/client-settings.js';
import { readOutbox, type OutboxMail } from '../../../src/mail/outbox.js';
import type { RedisConnection } from '../../../src/redis/redis-connection-factory.js';
import { redisKeys } from '../../../src/redis/redis-keys.js';
import { redisUserDirectory, type ManagedUserDirectory } from '../../../src/users/redis-user-directory.js';
import { startServerProcess, type ServerProcess } from '../../support/server-process.js';
import { startTestRedis } from '../../support/test-redis.js';
import { singleKeyRing } from '../../../src/tokens/key-ring.js';

const PEPPER = 'legacy-contract-tests-pepper-0123456789abcdef';

export interface LegacyDeployment {
  /** Base URL of the running server process. */
  readonly url: string;
  /** What points a process at the deployment's Redis: REDIS_URL, or REDIS_CLUSTER_NODES (PWRESET_TEST_REDIS=cluster). */
  readonly redisEnvironment: Readonly<Record<string, string>>;
  /** The one node's URL, for the suites that reach into it; they are left out of the cluster pass. */
  redisUrl(): string;
  readonly server: ServerProcess;
  /** The same registry and users the server reads, seeded from the test process. */
  readonly clients: ClientRegistry;
  readonly users: ManagedUserDirectory;
  readonly redis: RedisConnection;
  /** Registers a client allowed to use the given legacy APIs; returns its credentials. */
  addClient(settings: Partial<ClientSettings> & { name: string }): Promise<{ clientId: string; clientSecret: string; apiKey: string }>;
  /** Every mail the server has written to its dev outbox so far. */
  mails(): Promise<OutboxMail[]>;
  /** Waits (bounded) until a mail matching `match` is in the outbox and returns it. */
  waitForMail(match: (mail: OutboxMail) => boolean, timeoutMs?: number): Promise<OutboxMail>;
  close(): Promise<void>;
}

/**
 * The real server process (`pnpm start`'s entry point, built) over a private redis-server, with
 * a dev outbox in a temporary directory: what the provider contract tests talk to.
 */
export async function startLegacyDeployment(environment: Record<string, string> = {}): Promise<LegacyDeployment> {
  const privateRedis = await startTestRedis();
  const outboxDir = await mkdtemp(join(tmpdir(), 'pwreset-legacy-'));
  const server = await startServerProcess({
    NODE_ENV: 'test',
    ...privateRedis.environment,
    MAIL_OUTBOX_DIR: outboxDir,
    TOKEN_PEPPER: PEPPER,
    LOG_LEVEL: 'warn',
    RATE_LIMIT_REQUESTS_PER_ADDRESS: '1000/1h',
    RATE_LIMIT_REQUESTS_PER_IP: '1000000/1h',
    RATE_LIMIT_SECRET_ATTEMPTS_PER_IP: '1000000/1h',
    ...environment,
  });
  const redis = privateRedis.connect();
  const keys = redisKeys('pwreset');
  const clients = redisClientRegistry({
    redis,
    keys,
    keyRing: singleKeyRing(PEPPER),
    defaults: { hostedResetPageUrl: `${server.url}/reset`, resetTokenTtlSeconds: 86_400 },
  });
  const users = redisUserDirectory({ redis, keys, directory: DEFAULT_USER_DIRECTORY });
  const mails = () => readOutbox(outboxDir);
  return {
    url: server.url,
    redisEnvironment: privateRedis.environment,
    redisUrl() {
      if (privateRedis.url === null) throw new Error('this suite needs one Redis node; it does not run on a cluster');
      return privateRedis.url;
    },
    server,
    clients,
    users,
    redis,
    async addClient(settings) {
      const added = await clients.add({ resetUrls: [], defaultLocale: 'en', minPasswordLength: 8, legacyApis: [], ...settings });
      if (!added.ok) throw new Error(`cannot add client: ${added.reason} ${added.detail ?? ''}`);
      return { clientId: added.client.clientId, clientSecret: added.clientSecret, apiKey: added.apiKey };
    },
    mails,
    async waitForMail(match, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = (await mails()).find(match);
        if (found) return found;
        if (Date.now() > deadline) throw new Error('the expected mail did not arrive');
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },
    async close() {
      await server.stop();
      redis.disconnect();
      await privateRedis.stop();
      await rm(outboxDir, { recursive: true, force: true });
    },
  };
}
