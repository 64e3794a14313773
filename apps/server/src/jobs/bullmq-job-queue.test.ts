import { describeJobQueueConformance } from '@pwreset/contract/testing/conformance';
import { afterAll } from 'vitest';
import { usePrivateRedisPerFile } from '../../test/support/private-redis-per-file.js';
import { failClosed } from '../redis/fail-closed.js';
import { redisKeys } from '../redis/redis-keys.js';
import { bullmqJobQueue, type BullmqJobQueue } from './bullmq-job-queue.js';
import { queuedJobSchema } from './queued-job.js';

const privateRedis = usePrivateRedisPerFile();
const opened: BullmqJobQueue[] = [];
afterAll(async () => {
  for (const queue of opened) await queue.close();
});

describeJobQueueConformance('BullMQ', async () => {
  // A connection of its own, so making Redis unreachable for this queue leaves the others alone.
  const connection = await privateRedis.separateConnection();
  const bullmq = bullmqJobQueue({
    connection,
    prefix: redisKeys(privateRedis.freshPrefix()).queuePrefix(),
    retry: { maxAttempts: 3, baseDelayMs: 1000, maxDelayMs: 10_000 },
  });
  opened.push(bullmq);
  return {
    // As the server composes it: an unreachable Redis surfaces as DependencyUnavailableError.
    queue: failClosed(connection, bullmq),
    // No worker runs here, so every job is still waiting; BullMQ lists the newest first.
    queued: async () => (await bullmq.queue.getJobs(['waiting'])).reverse().map((job) => queuedJobSchema.parse(job.data).job),
    makeUnavailable: async () => connection.disconnect(),
  };
});
