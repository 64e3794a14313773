import { UnrecoverableError, type Job } from 'bullmq';

/** Whether a failed attempt parked its job: no attempts left, or a failure no retry can cure. */
export function isParked(job: Job, error: Error): boolean {
  return job.attemptsMade >= (job.opts.attempts ?? 1) || error instanceof UnrecoverableError;
}
