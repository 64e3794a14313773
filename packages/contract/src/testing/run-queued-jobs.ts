import type { ResetJob } from '../jobs.js';
import { processResetJob, type ResetJobOutcome } from '../engine/process-job.js';
import type { ResetPorts } from '../engine/ports.js';
import type { InMemoryJobQueue } from './in-memory-job-queue.js';

export interface RanJob {
  readonly job: ResetJob;
  readonly outcome: ResetJobOutcome;
}

/**
 * The worker's half of the flow, run now: every queued job, and the jobs those queue (a completion
 * queues a password-changed mail), until the queue is empty. Each job runs once, as a first attempt.
 */
export async function runQueuedJobs(ports: ResetPorts, queue: InMemoryJobQueue): Promise<RanJob[]> {
  const ran: RanJob[] = [];
  let counter = 0;
  for (let batch = queue.takeAll(); batch.length > 0; batch = queue.takeAll()) {
    for (const job of batch) {
      counter += 1;
      const outcome = await processResetJob(ports, job, { jobId: `job_test${counter}`, rememberIssuedToken: async () => undefined });
      ran.push({ job, outcome });
    }
  }
  return ran;
}
