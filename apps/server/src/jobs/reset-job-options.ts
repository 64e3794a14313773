import { resetJobSchema, type ResetJob } from '@pwreset/contract';
import type { JobsOptions } from 'bullmq';
import { randomIdText } from '../ids/random-id-text.js';
import type { RetryPolicy } from '../delivery/retry-delay.js';
import { currentRequestContext } from '../observability/request-context.js';
import type { QueuedJob } from './queued-job.js';

/** A new job's id: random, so that it is also the job's at-most-once key (see at-most-once.ts). */
export function newResetJobId(): string {
  return `job_${randomIdText(12, 'hex')}`;
}

/**
 * What a queued job carries, checked here so that a malformed job fails the request that made it,
 * not a worker later; with the X-Request-Id of the request queuing it, for the worker's log lines.
 */
export function queuedJobPayload(job: ResetJob): QueuedJob {
  const requestId = currentRequestContext()?.requestId;
  return { job: resetJobSchema.parse(job), ...(requestId === undefined ? {} : { requestId }) };
}

/** Every reset job's BullMQ options, whichever way it reaches the queue (an add, or the intake's move). */
export function resetJobOptions(retry: RetryPolicy, jobId: string): JobsOptions {
  return {
    jobId,
    attempts: retry.maxAttempts,
    backoff: { type: 'delivery' },
    removeOnComplete: { age: 86_400, count: 10_000 },
    // Parked jobs stay for an operator (`pnpm cli mail failed`), a month at most.
    removeOnFail: { age: 30 * 86_400 },
  };
}
