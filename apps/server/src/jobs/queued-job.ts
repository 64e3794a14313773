import { resetJobSchema, type ResetJobType } from '@pwreset/contract';
import { z } from 'zod';

export const RESET_QUEUE_NAME = 'reset-jobs';

/** Every kind of job (the `type` of its payload), from the contract's schema. */
export const RESET_JOB_TYPES = resetJobSchema.options.map((option) => option.shape.type.value) as [ResetJobType, ...ResetJobType[]];

/**
 * What one BullMQ job carries: the contract's payload, plus the tokenId an attempt issued. Tolerant
 * of fields it does not know, as the payloads are (see jobs.ts), so a rolling deploy strands no job.
 */
export const queuedJobSchema = z.object({
  job: resetJobSchema,
  /** A keyed hash (never a secret), so a retry can tell whether the link is still worth mailing. */
  issuedTokenId: z.string().max(64).optional(),
  /** X-Request-Id of the request that queued the job, so the worker's log lines carry it too. */
  requestId: z.string().max(128).optional(),
  /**
   * An earlier BullMQ job of the same id may have run (and been removed since): set by the intake mover
   * on the requests it takes over from a mover that died before acknowledging them (see mayHaveRunBefore).
   */
  mayHaveRun: z.literal(true).optional(),
});

export type QueuedJob = z.infer<typeof queuedJobSchema>;

/**
 * Whether a job may have run before under its id, so that its delivery record must be read first: an
 * earlier start of this very job (a retry, or a stalled start: BullMQ counts starts in attemptsStarted,
 * this one included), or an earlier job of the same id (mayHaveRun). A first start of a job queued once
 * cannot find a record of its own, and skips that read: one Redis command less per mail.
 */
export function mayHaveRunBefore(job: { readonly attemptsStarted: number; readonly attemptsMade: number }, data: QueuedJob): boolean {
  return job.attemptsStarted > 1 || job.attemptsMade > 0 || data.mayHaveRun === true;
}
