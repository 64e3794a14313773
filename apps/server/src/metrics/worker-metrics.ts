import type { ResetJobType } from '@pwreset/contract';
import type { ResetJobOutcome } from '@pwreset/contract/engine';
import type { Job, Queue, Worker } from 'bullmq';
import { readMailQueueCounts } from '../jobs/mail-queue-counts.js';
import { isParked } from '../jobs/parked-job.js';
import type { RedisConnection } from '../redis/redis-connection-factory.js';
import type { DeliveryOutcome, ServiceMetrics } from './service-metrics.js';

/** What a job delivers, as the `kind` label; a job for an unreachable address delivers nothing. */
const DELIVERY_KIND: Readonly<Record<ResetJobType, string | null>> = {
  'reset-requested': 'password-reset',
  'temporary-password-requested': 'temporary-password',
  'reset-code-requested': 'reset-code',
  'unreachable-address-requested': null,
  'password-changed': 'password-changed',
  webhook: 'webhook',
};

/** A finished job's delivery outcome; null when there was nothing to deliver (no account, no webhook…). */
const DELIVERY_BY_JOB_OUTCOME: Readonly<Record<ResetJobOutcome, DeliveryOutcome | null>> = {
  'mail-sent': 'sent',
  'webhook-sent': 'sent',
  'request-expired': 'dropped',
  'secret-settled': 'dropped',
  'no-account': null,
  'account-disabled': null,
  'client-unknown': null,
  'no-webhook': null,
  // Held back on purpose (a disputed change): nothing was to be delivered.
  'dispute-locked': null,
};

function kindOf(job: Job): string | null {
  return job.name in DELIVERY_KIND ? DELIVERY_KIND[job.name as ResetJobType] : null;
}

function clientOf(job: Job): string {
  const data: unknown = job.data;
  const clientId = (data as { job?: { clientId?: unknown } } | null)?.job?.clientId;
  return typeof clientId === 'string' ? clientId : 'none';
}

/**
 * Counts what the worker did, after the callers had their answers: deliveries by outcome, and
 * requests for addresses without an account (the per-client signal of enumeration or mail
 * bombing, which the request path must not show in any way).
 */
export function observeResetWorker(worker: Worker, metrics: ServiceMetrics): void {
  worker.on('completed', (job, outcome: unknown) => {
    if (outcome === 'no-account') metrics.unknownAccountRequests.inc({ client: clientOf(job) });
    const kind = kindOf(job);
    const delivery =
      typeof outcome === 'string' && outcome in DELIVERY_BY_JOB_OUTCOME ? DELIVERY_BY_JOB_OUTCOME[outcome as ResetJobOutcome] : null;
    if (kind !== null && delivery !== null) metrics.mailDeliveries.inc({ kind, outcome: delivery });
  });
  worker.on('failed', (job, error) => {
    const kind = job ? kindOf(job) : null;
    if (!job || kind === null) return;
    metrics.mailDeliveries.inc({ kind, outcome: isParked(job, error) ? 'parked' : 'retried' });
  });
}

/** Reads pwreset_queue_jobs from the queue at each scrape. */
export function measureQueueJobs(queue: Queue, redis: RedisConnection, intakeKey: string, metrics: ServiceMetrics): void {
  metrics.measureQueueJobsWith(() => readMailQueueCounts(queue, redis, intakeKey));
}
