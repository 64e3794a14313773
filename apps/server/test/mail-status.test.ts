import { startPrivateRedis, type PrivateRedis } from '@pwreset/testing';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCliContext, type CliContext } from '../src/cli/cli-context.js';
import { showMailQueueStatus } from '../src/cli/commands/mail-queue-commands.js';
import { loadConfig } from '../src/config/load-config.js';
import { bullmqJobQueue, type BullmqJobQueue } from '../src/jobs/bullmq-job-queue.js';
import { redisKeys } from '../src/redis/redis-keys.js';

// `pnpm cli mail status`: requests accepted and not yet moved into the queue (no worker runs here)
// are counted apart from the jobs the queue holds.
describe('mail status', () => {
  let redis: PrivateRedis;
  let connection: Redis;
  let queue: BullmqJobQueue;
  let context: CliContext;
  const printed: unknown[] = [];

  beforeAll(async () => {
    redis = await startPrivateRedis();
    const loaded = loadConfig({ NODE_ENV: 'test', REDIS_URL: redis.url, LOG_LEVEL: 'silent' });
    if (!loaded.ok) throw new Error(loaded.problems.join('; '));
    const keys = redisKeys(loaded.config.redisKeyPrefix);
    connection = new Redis(redis.url);
    queue = bullmqJobQueue({ connection, prefix: keys.queuePrefix(), retry: loaded.config.mailRetry });
    context = { ...createCliContext(loaded.config), output: (_json, value) => printed.push(value) };
    for (const id of ['job_a', 'job_b'])
      await connection.xadd(keys.resetRequestIntake(), '*', 'id', id, 'name', 'reset-requested', 'data', '{}');
    await queue.enqueue({ type: 'unreachable-address-requested', clientId: 'cl_1', requestedAt: new Date().toISOString() });
  });
  afterAll(async () => {
    await context.close();
    await queue.close();
    connection.disconnect();
    await redis.stop();
  });

  it('counts the intake apart from the waiting, running, delayed, parked and completed jobs', async () => {
    expect(await showMailQueueStatus(context, ['--json'])).toBe(0);
    expect(printed.at(-1)).toEqual({ intake: 2, waiting: 1, active: 0, delayed: 0, prioritized: 0, failed: 0, completed: 0 });
  });
});
