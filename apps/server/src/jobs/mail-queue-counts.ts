import type { Queue } from 'bullmq';
import type { RedisConnection } from '../redis/redis-connection-factory.js';

/** The states counted, in the order `mail status` prints them: the intake first, as it comes first. */
export const MAIL_QUEUE_STATES = ['intake', 'waiting', 'active', 'delayed', 'prioritized', 'failed', 'completed'] as const;

export type MailQueueCounts = Readonly<Record<(typeof MAIL_QUEUE_STATES)[number], number>>;

/**
 * What waits for the workers and what they did: `intake`, requests accepted and not yet moved into the
 * queue (see intake-mover.ts); then BullMQ's own states (`failed`: parked). One reading for the
 * `pwreset_queue_jobs` gauge and for `pnpm cli mail status`.
 */
export async function readMailQueueCounts(queue: Queue, redis: RedisConnection, intakeKey: string): Promise<MailQueueCounts> {
  const [intake, counts] = await Promise.all([
    redis.xlen(intakeKey),
    queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'failed', 'completed'),
  ]);
  return {
    intake,
    waiting: counts.waiting ?? 0,
    active: counts.active ?? 0,
    delayed: counts.delayed ?? 0,
    prioritized: counts.prioritized ?? 0,
    failed: counts.failed ?? 0,
    completed: counts.completed ?? 0,
  };
}
