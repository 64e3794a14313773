import { describeResetRequestIntakeConformance } from '@pwreset/contract/testing/conformance';
import type { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { usePrivateRedisPerFile } from '../../test/support/private-redis-per-file.js';
import { bullmqJobQueue, type BullmqJobQueue } from '../jobs/bullmq-job-queue.js';
import { queuedJobSchema } from '../jobs/queued-job.js';
import { createLogger } from '../logger.js';
import { failClosed } from '../redis/fail-closed.js';
import { redisKeys } from '../redis/redis-keys.js';
import { streamEntryFields } from '../redis/stream-entry-fields.js';
import { singleKeyRing } from '../tokens/key-ring.js';
import { startIntakeMover, type IntakeMover } from './intake-mover.js';
import { redisResetRequestIntake } from './redis-reset-request-intake.js';

const privateRedis = usePrivateRedisPerFile();
const RETRY = { maxAttempts: 3, baseDelayMs: 1000, maxDelayMs: 10_000 };
const started: Array<{ mover: IntakeMover; queue: BullmqJobQueue; reader: Redis }> = [];
afterAll(async () => {
  for (const { mover, queue, reader } of started) {
    await mover.close();
    reader.disconnect();
    await queue.close();
  }
});

/** An intake over a fresh prefix, with a mover into a BullMQ queue, as the server and its worker run them. */
async function intakeWithMover(settings: { requestsPerAddress: number; requestsPerClient: number; requestsPerIp: number }) {
  const connection = await privateRedis.separateConnection();
  const keys = redisKeys(privateRedis.freshPrefix());
  const hour = (points: number) => ({ points, durationSeconds: 3600 });
  const intake = redisResetRequestIntake({
    redis: connection,
    keys,
    keyRing: singleKeyRing('p'.repeat(32)),
    settings: {
      requestsPerAddress: hour(settings.requestsPerAddress),
      requestsPerClient: hour(settings.requestsPerClient),
      requestsPerIp: hour(settings.requestsPerIp),
      secretAttemptsPerIp: hour(100),
      maxFailedAttemptsPerSecret: 5,
    },
    auditMaxEntries: 1000,
  });
  const queue = bullmqJobQueue({ connection: privateRedis.redis(), prefix: keys.queuePrefix(), retry: RETRY });
  const reader = privateRedis.redis().duplicate({ maxRetriesPerRequest: null });
  const mover = startIntakeMover({
    reader,
    key: keys.resetRequestIntake(),
    queue: queue.queue,
    retry: RETRY,
    logger: createLogger({ level: 'silent' }),
  });
  started.push({ mover, queue, reader });
  const moved = async () => {
    const deadline = Date.now() + 5000;
    while ((await privateRedis.redis().xlen(keys.resetRequestIntake())) > 0) {
      if (Date.now() > deadline) throw new Error('the intake was not moved');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };
  return { intake: failClosed(connection, intake), connection, keys, queue, moved };
}

describeResetRequestIntakeConformance('Redis (one script, then moved into BullMQ)', async (settings) => {
  const { intake, connection, keys, queue, moved } = await intakeWithMover(settings);
  return {
    intake,
    // BullMQ lists the newest first.
    queued: async () => {
      await moved();
      return (await queue.queue.getJobs(['waiting'])).reverse().map((job) => queuedJobSchema.parse(job.data).job);
    },
    audited: async () =>
      (await privateRedis.redis().xrange(keys.auditStream(), '-', '+')).map(
        ([, flat]) => streamEntryFields(flat) as { action: string; outcome: string },
      ),
    makeUnavailable: async () => connection.disconnect(),
  };
});

/** Commands Redis executed since `before` (INFO commandstats: the script's own calls included). */
async function commandsExecuted(redis: Redis, before: number): Promise<number> {
  return (await totalCommands(redis)) - before;
}
async function totalCommands(redis: Redis): Promise<number> {
  const stats = await redis.info('commandstats');
  return [...stats.matchAll(/^cmdstat_(\w+):calls=(\d+)/gm)]
    .filter(([, name]) => name !== 'info')
    .reduce((sum, [, , calls]) => sum + Number(calls), 0);
}

describe('the Redis intake', () => {
  it('does one request in one script of nine commands, the same accepted or throttled, for any address', async () => {
    const { intake, queue } = await intakeWithMover({ requestsPerAddress: 1, requestsPerClient: 100, requestsPerIp: 100 });
    // The movers' own reads (this test's and the earlier tests') would be counted too: every one stopped first.
    for (const { mover } of started) await mover.close();
    const redis = privateRedis.redis();
    const job = (email: string) => ({ type: 'reset-requested', email, clientId: 'cl_1', requestedAt: new Date().toISOString() }) as const;
    const counts: number[] = [];
    for (const email of ['known@example.com', 'known@example.com', 'other@example.com']) {
      const before = await totalCommands(redis);
      await intake.admit({ email, clientId: 'cl_1', ip: '192.0.2.1', job: job(email) });
      counts.push(await commandsExecuted(redis, before));
    }
    // Accepted, throttled, accepted: the same count each time (EVAL, SET NX and INCR per throttle, two XADDs or XADD and PTTL).
    expect(counts).toEqual([9, 9, 9]);
    expect(await queue.queue.getWaitingCount()).toBe(0);
  });
});
