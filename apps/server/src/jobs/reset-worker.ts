import { processResetJob, type ResetPorts } from '@pwreset/contract/engine';
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import { isRedisUnavailable } from '../redis/fail-closed.js';
import type { RedisConnection } from '../redis/redis-connection-factory.js';
import type { DeliveryState } from '../delivery/at-most-once.js';
import { PermanentDeliveryError } from '../delivery/delivery-errors.js';
import { retryDelayMs, type RetryPolicy } from '../delivery/retry-delay.js';
import type { Logger } from '../logger.js';
import { createOutageLog } from '../observability/outage-log.js';
import { runInRequestContext } from '../observability/request-context.js';
import { queueTelemetry } from '../observability/tracing/queue-telemetry.js';
import { jobLockSettings } from './job-lock.js';
import { isParked } from './parked-job.js';
import { mayHaveRunBefore, queuedJobSchema, RESET_QUEUE_NAME } from './queued-job.js';

/** The worker's own connection (BullMQ's blocking reads), reported apart from the request path's. */
const WORKER_REDIS = 'redis (worker connection)';

export interface ResetWorkerOptions {
  /** A connection of the worker's own, with maxRetriesPerRequest: null (BullMQ blocks on it). */
  readonly connection: RedisConnection;
  readonly prefix: string;
  /** The engine's ports, with mail and webhooks already behind the at-most-once gate. */
  readonly ports: ResetPorts;
  readonly deliveryState: (idempotencyKey: string) => Promise<DeliveryState>;
  readonly retry: RetryPolicy;
  readonly logger: Logger;
  readonly concurrency?: number;
  /** BullMQ's lock on a running job, in milliseconds (MAIL_JOB_LOCK_DURATION); default 30 s. See jobLockSettings. */
  readonly lockDurationMs?: number;
}

/** Runs queued jobs: reset mails, changed mails, webhooks. Permanent failures are parked at once. */
export function startResetWorker({
  connection,
  prefix,
  ports,
  deliveryState,
  retry,
  logger,
  concurrency = 5,
  lockDurationMs,
}: ResetWorkerOptions): Worker {
  async function run(job: Job): Promise<string> {
    const parsed = queuedJobSchema.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError('the payload does not match the job contract');
    const jobId = job.id ?? '';
    // Before anything else (a reset job issues a secret): a job already delivered, or whose
    // earlier attempt died mid-send, must not run again. Only a job that may have run can be either.
    if (mayHaveRunBefore(job, parsed.data)) {
      const state = await deliveryState(jobId);
      if (state === 'delivered') return 'already-delivered';
      if (state === 'outcome-unknown')
        throw new UnrecoverableError('an earlier attempt began sending and did not finish; parked so it is not sent twice');
    }
    const { job: payload, issuedTokenId } = parsed.data;
    try {
      const outcome = await processResetJob(ports, payload, {
        jobId,
        ...(issuedTokenId === undefined ? {} : { issuedTokenId }),
        rememberIssuedToken: (tokenId) => job.updateData({ ...parsed.data, issuedTokenId: tokenId }),
      });
      await ports.audit.record({
        action: 'mail',
        outcome,
        clientId: payload.clientId,
        // Every job that starts a reset names its address (as a keyed hash in the audit), so a
        // skipped one (`dispute-locked`) is found by `audit tail --email` whichever way it mails.
        ...('email' in payload ? { email: payload.email } : {}),
        // Ids repeat across directories: the audit names the directory with the id.
        ...(payload.type === 'password-changed' ? { directory: payload.directory, userId: payload.userId } : {}),
        ...(payload.type === 'webhook' ? { directory: payload.event.directory, userId: payload.event.userId, reason: 'webhook' } : {}),
      });
      return outcome;
    } catch (error) {
      if (error instanceof PermanentDeliveryError) throw new UnrecoverableError(error.message);
      throw error;
    }
  }

  const reqIdOf = (job: Job | undefined) => queuedJobSchema.safeParse(job?.data).data?.requestId;
  const clientIdOf = (job: Job | undefined) => queuedJobSchema.safeParse(job?.data).data?.job.clientId;
  // A job runs as part of the request that queued it: its log lines carry that request's id.
  const runAsPartOfItsRequest = (job: Job) => {
    const requestId = reqIdOf(job);
    return requestId === undefined ? run(job) : runInRequestContext({ requestId }, () => run(job));
  };
  const worker = new Worker(RESET_QUEUE_NAME, runAsPartOfItsRequest, {
    connection,
    prefix,
    concurrency,
    ...jobLockSettings(lockDurationMs),
    ...queueTelemetry(),
    settings: { backoffStrategy: (attemptsMade, _type, error) => retryDelayMs(retry, attemptsMade, error) },
  });
  worker.on('completed', (job, outcome) => logger.info({ reqId: reqIdOf(job), jobId: job.id, job: job.name, outcome }, 'job done'));
  worker.on('failed', (job, error) => {
    const parked = job ? isParked(job, error) : true;
    const fields = { reqId: reqIdOf(job), jobId: job?.id, job: job?.name, attempt: job?.attemptsMade, parked, reason: error.message };
    // A parked job needs an operator (`pnpm cli mail failed`): one error line, with what to look for.
    if (parked) logger.error({ ...fields, kind: job?.name, client: clientIdOf(job) }, 'job parked');
    else logger.warn(fields, 'job failed; will retry');
  });
  // Redis away is an outage, not an incident: one warn line when the worker's connection loses
  // Redis and one when it is back, instead of an error (or a warn) per reconnect attempt.
  const outages = createOutageLog(logger);
  connection.on('error', () => outages.unavailable(WORKER_REDIS));
  connection.on('ready', () => outages.answered(WORKER_REDIS));
  worker.on('error', (error) => {
    if (isRedisUnavailable(connection, error)) outages.unavailable(WORKER_REDIS);
    else logger.error({ err: { message: error.message } }, 'worker error');
  });
  return worker;
}
