import type { Job, Worker } from 'bullmq';
import { isParked } from '../jobs/parked-job.js';
import { queuedJobSchema } from '../jobs/queued-job.js';
import type { Logger } from '../logger.js';
import { tracedFetch } from '../observability/tracing/traced-fetch.js';
import { RESET_SIGNATURE_HEADER, signPayload } from '../signing/sign-payload.js';

/** What ALERT_WEBHOOK_URL receives when a mail or webhook is parked: never an address or a secret. */
export interface ParkedJobNotice {
  readonly type: 'pwreset.job_parked';
  readonly jobId: string;
  /** The job's type: `reset-requested`, `password-changed`, `webhook`… */
  readonly kind: string;
  readonly clientId: string | null;
  readonly attempts: number;
  readonly reason: string;
  readonly parkedAt: string;
}

export interface ParkedJobAlertOptions {
  readonly url: string;
  /** ALERT_WEBHOOK_SECRET: the key of the `Reset-Signature` HMAC, as for client webhooks. */
  readonly secret: string;
  readonly logger: Logger;
  /** Milliseconds before a notice is given up. Default 5 s. */
  readonly timeoutMs?: number;
  readonly now?: () => Date;
}

function noticeOf(job: Job, error: Error, now: Date): ParkedJobNotice {
  const payload = queuedJobSchema.safeParse(job.data).data?.job;
  return {
    type: 'pwreset.job_parked',
    jobId: job.id ?? '',
    kind: payload?.type ?? job.name,
    clientId: payload?.clientId ?? null,
    attempts: job.attemptsMade,
    reason: error.message,
    parkedAt: now.toISOString(),
  };
}

/**
 * POSTs a signed notice for each job the worker parks, for operators without Prometheus. One
 * attempt per notice: the error line of the worker and `pnpm cli mail failed` remain the record,
 * and a retry loop here could only pile up behind a receiver that is down.
 */
export function alertOnParkedJobs(
  worker: Worker,
  { url, secret, logger, timeoutMs = 5_000, now = () => new Date() }: ParkedJobAlertOptions,
): void {
  worker.on('failed', (job, error) => {
    if (!job || !isParked(job, error)) return;
    const at = now();
    const body = JSON.stringify(noticeOf(job, error, at));
    tracedFetch({ target: 'parked-job alert' }, url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'pwreset-alerts/1',
        [RESET_SIGNATURE_HEADER]: signPayload(secret, body, at),
      },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    }).then(
      async (response) => {
        await response.body?.cancel();
        if (!response.ok) logger.warn({ jobId: job.id, status: response.status }, 'parked-job alert refused by ALERT_WEBHOOK_URL');
      },
      (error: unknown) =>
        logger.warn({ jobId: job.id, err: { message: error instanceof Error ? error.name : 'error' } }, 'parked-job alert not delivered'),
    );
  });
}
