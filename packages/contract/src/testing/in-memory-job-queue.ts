import { DependencyUnavailableError } from '../dependency-unavailable-error.js';
import type { ResetJob, ResetJobQueue } from '../engine/ports.js';
import { resetJobSchema } from '../jobs.js';

export interface InMemoryJobQueue extends ResetJobQueue {
  /** Jobs queued and not yet taken, oldest first. */
  readonly queued: readonly ResetJob[];
  /** Removes and returns every queued job, oldest first. */
  takeAll(): ResetJob[];
  clear(): void;
  /** While unavailable, enqueue rejects (the request fails closed with 503). */
  setUnavailable(unavailable: boolean): void;
}

/** The queue in an array. Payloads are checked with the contract's schema when enqueued, as the BullMQ queue does. */
export function inMemoryJobQueue(): InMemoryJobQueue {
  const queued: ResetJob[] = [];
  let unavailable = false;
  return {
    queued,
    async enqueue(job) {
      if (unavailable) throw new DependencyUnavailableError('job queue');
      // Checked here too, so a malformed job fails the request that made it, not a worker later.
      queued.push(resetJobSchema.parse(job));
    },
    takeAll: () => queued.splice(0, queued.length),
    clear() {
      queued.length = 0;
    },
    setUnavailable(value) {
      unavailable = value;
    },
  };
}
