import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { pino } from 'pino';
import { loadConfig } from '../config/load-config.js';
import { startIntakeMover } from '../intake/intake-mover.js';
import { RESET_QUEUE_NAME } from '../jobs/queued-job.js';
import { redisKeys } from '../redis/redis-keys.js';

/** The server's default retry policy, as its jobs carry it (their options are part of what is weighed). */
function defaultRetry() {
  const loaded = loadConfig({ NODE_ENV: 'test' });
  if (!loaded.ok) throw new Error(loaded.problems.join('; '));
  return loaded.config.mailRetry;
}

/** Moves every request waiting in the intake into BullMQ's queue, as a worker's mover would, then stops. */
export async function moveIntakeOnce(redis: Redis): Promise<void> {
  const keys = redisKeys('pwreset');
  const queue = new Queue(RESET_QUEUE_NAME, { connection: redis, prefix: keys.queuePrefix() });
  const reader = redis.duplicate({ maxRetriesPerRequest: null });
  const mover = startIntakeMover({ reader, key: keys.resetRequestIntake(), queue, retry: defaultRetry(), logger: pino({ level: 'warn' }) });
  try {
    const deadline = Date.now() + 120_000;
    while ((await redis.xlen(keys.resetRequestIntake())) > 0) {
      if (Date.now() > deadline) throw new Error('the intake was not moved within 2 minutes');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    await mover.close();
    reader.disconnect();
    await queue.close();
  }
}
