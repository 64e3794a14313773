import type { ResetJob, ResetJobQueue } from '@pwreset/contract/engine';

export interface InProcessJobQueueOptions {
  /** Runs one job; a rejection is retried up to `maxAttempts` times with a growing delay. */
  readonly handle: (job: ResetJob) => Promise<unknown>;
  readonly onFailure: (job: ResetJob, error: unknown, attempt: number) => void;
  readonly maxAttempts?: number;
  /** Milliseconds before the first retry; doubles each time. Default 200. */
  readonly retryDelayMs?: number;
}

export interface InProcessJobQueue extends ResetJobQueue {
  /** Resolves when every job accepted so far has finished (for shutdown and tests). */
  idle(): Promise<void>;
}

/**
 * Runs jobs in this process, one at a time, after the caller has its answer. It keeps nothing
 * across a restart; the durable queue comes with the mail queue.
 */
export function inProcessJobQueue({ handle, onFailure, maxAttempts = 3, retryDelayMs = 200 }: InProcessJobQueueOptions): InProcessJobQueue {
  let tail: Promise<void> = Promise.resolve();

  async function runWithRetries(job: ResetJob): Promise<void> {
    for (let attempt = 1; attempt <= maxAttempts; attempt += 1) {
      try {
        await handle(job);
        return;
      } catch (error) {
        onFailure(job, error, attempt);
        if (attempt < maxAttempts) await new Promise((resolve) => setTimeout(resolve, retryDelayMs * 2 ** (attempt - 1)));
      }
    }
  }

  return {
    enqueue(job) {
      // Chained, not awaited: the request that enqueued it does not wait for it.
      tail = tail.then(() => runWithRetries(job));
      return Promise.resolve();
    },
    idle: () => tail,
  };
}
