import { describeJobQueueConformance } from '@pwreset/contract/testing/conformance';
import { afterAll } from 'vitest';
import { usePrivateRedisPerFile } from '../../test/support/private-redis-per-file.js';
import { redisKeys } from '../redis/redis-keys.js';
import { bullmqJobQueue, type BullmqJobQueue } from './bullmq-job-queue.js';
import { queuedJobSchema } from './queued-job.js';

const privateRedis = usePrivateRedisPerFile();
const opened: BullmqJobQueue[] = [];
afterAll(async () => {
  for (const queue of opened) await queue.close();
});

describeJobQueueConformance('BullMQ', async () => {
  const queue = bullmqJobQueue({
    connection: privateRedis.redis(),
    prefix: redisKeys(privateRedis.freshPrefix()).queuePrefix(),
    retry: { maxAttempts: 3, baseDelayMs: 1000, maxDelayMs: 10_000 },
  });
  opened.push(queue);
  return {
    queue,
    // No worker runs here, so every job is still waiting; BullMQ lists the newest first.
    queued: async () => (await queue.queue.getJobs(['waiting'])).reverse().map((job) => queuedJobSchema.parse(job.data).job),
  };
});
