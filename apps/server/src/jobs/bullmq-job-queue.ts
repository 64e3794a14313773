import type { ResetJobQueue } from '@pwreset/contract/engine';
import { Queue } from 'bullmq';
import type { RedisConnection } from '../redis/redis-connection-factory.js';
import type { RetryPolicy } from '../delivery/retry-delay.js';
import { queueTelemetry } from '../observability/tracing/queue-telemetry.js';
import { RESET_QUEUE_NAME } from './queued-job.js';
import { newResetJobId, queuedJobPayload, resetJobOptions } from './reset-job-options.js';

export interface BullmqJobQueueOptions {
  /** A request-path connection: it fails fast, so an unreachable Redis answers 503 rather than hanging. */
  readonly connection: RedisConnection;
  /** BullMQ key prefix, in hash-tag braces (see redisKeys().queuePrefix). */
  readonly prefix: string;
  readonly retry: RetryPolicy;
  /**
   * The queue's connection errors (Redis away, once per reconnect attempt). Without a listener
   * BullMQ prints each with its stack on stderr, outside the log.
   */
  readonly onError?: (error: Error) => void;
}

export interface BullmqJobQueue extends ResetJobQueue {
  readonly queue: Queue;
  close(): Promise<void>;
}

/** The durable queue: a job survives restarts of the server and of the workers. */
export function bullmqJobQueue({ connection, prefix, retry, onError = () => undefined }: BullmqJobQueueOptions): BullmqJobQueue {
  const queue = new Queue(RESET_QUEUE_NAME, { connection, prefix, ...queueTelemetry() });
  queue.on('error', onError);
  return {
    queue,
    async enqueue(job) {
      await queue.add(job.type, queuedJobPayload(job), resetJobOptions(retry, newResetJobId()));
    },
    close: () => queue.close(),
  };
}
