import type { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { usePrivateRedisPerFile } from '../../test/support/private-redis-per-file.js';
import { bullmqJobQueue, type BullmqJobQueue } from '../jobs/bullmq-job-queue.js';
import { pino } from 'pino';
import { redisKeys } from '../redis/redis-keys.js';
import { INTAKE_MOVERS_GROUP, startIntakeMover, type IntakeMover } from './intake-mover.js';

const privateRedis = usePrivateRedisPerFile();
const RETRY = { maxAttempts: 3, baseDelayMs: 1000, maxDelayMs: 10_000 };
const job = (email: string) => ({ job: { type: 'reset-requested', email, clientId: 'cl_1', requestedAt: new Date().toISOString() } });
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

function world() {
  const redis = privateRedis.redis();
  const keys = redisKeys(privateRedis.freshPrefix());
  const key = keys.resetRequestIntake();
  const queue: BullmqJobQueue = bullmqJobQueue({ connection: redis, prefix: keys.queuePrefix(), retry: RETRY });
  const lines: string[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(line) });
  cleanups.push(() => queue.close());
  const append = (id: string, data: string) => redis.xadd(key, '*', 'id', id, 'name', 'reset-requested', 'data', data);
  const start = (options: { claimIdleMs?: number; claimEveryMs?: number } = {}): IntakeMover => {
    const reader: Redis = redis.duplicate({ maxRetriesPerRequest: null });
    const mover = startIntakeMover({ reader, key, queue: queue.queue, retry: RETRY, logger, ...options });
    cleanups.unshift(async () => {
      await mover.close();
      reader.disconnect();
    });
    return mover;
  };
  const moved = async () => {
    const deadline = Date.now() + 5000;
    while ((await redis.xlen(key)) > 0) {
      if (Date.now() > deadline) throw new Error('the intake was not moved');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };
  return { redis, key, queue, lines, append, start, moved };
}

describe('the intake mover', () => {
  it('moves requests accepted before any mover ran, each under the id its request chose, and deletes them', async () => {
    const { append, start, moved, queue, redis, key } = world();
    await append('job_before-1', JSON.stringify(job('a@example.com')));
    await append('job_before-2', JSON.stringify(job('b@example.com')));
    start();
    await moved();
    const waiting = await queue.queue.getWaiting();
    expect(waiting.map((entry) => entry.id).sort()).toEqual(['job_before-1', 'job_before-2']);
    expect(waiting.map((entry) => entry.opts.attempts)).toEqual([RETRY.maxAttempts, RETRY.maxAttempts]);
    expect(await redis.xpending(key, INTAKE_MOVERS_GROUP)).toEqual([0, null, null, null]);
    // Read once, by this mover: no earlier job can have had their ids, and their workers skip the delivery read.
    expect(waiting.map((entry) => (entry.data as { mayHaveRun?: true }).mayHaveRun)).toEqual([undefined, undefined]);
  });

  it('adds a request moved twice (a mover died between adding and acknowledging) once', async () => {
    const { append, start, moved, queue } = world();
    start();
    await append('job_twice', JSON.stringify(job('a@example.com')));
    await moved();
    await append('job_twice', JSON.stringify(job('a@example.com')));
    await moved();
    expect((await queue.queue.getWaiting()).map((entry) => entry.id)).toEqual(['job_twice']);
  });

  it('takes over the requests a dead mover read and never acknowledged', async () => {
    const { append, start, moved, queue, redis, key } = world();
    await redis.xgroup('CREATE', key, INTAKE_MOVERS_GROUP, '0', 'MKSTREAM');
    await append('job_orphan', JSON.stringify(job('a@example.com')));
    // A mover that read the entry and died: it is pending for that consumer, and no new read returns it.
    await redis.xreadgroup('GROUP', INTAKE_MOVERS_GROUP, 'dead-mover', 'COUNT', 10, 'STREAMS', key, '>');
    start({ claimIdleMs: 200, claimEveryMs: 100 });
    await moved();
    const waiting = await queue.queue.getWaiting();
    expect(waiting.map((entry) => entry.id)).toEqual(['job_orphan']);
    // The dead mover may have added it, and it may have run and been removed since: its worker reads the record first.
    expect(waiting.map((entry) => (entry.data as { mayHaveRun?: true }).mayHaveRun)).toEqual([true]);
  });

  it('drops an unreadable entry with an error line, and moves the others', async () => {
    const { append, start, moved, queue, lines } = world();
    await append('job_bad', '{"job":{"type":"no-such-job"}}');
    await append('job_good', JSON.stringify(job('a@example.com')));
    start();
    await moved();
    expect((await queue.queue.getWaiting()).map((entry) => entry.id)).toEqual(['job_good']);
    expect(lines.filter((line) => line.includes('intake entry dropped'))).toHaveLength(1);
  });
});
