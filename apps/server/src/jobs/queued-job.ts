import { resetJobSchema } from '@pwreset/contract';
import { z } from 'zod';

export const RESET_QUEUE_NAME = 'reset-jobs';

/**
 * What one BullMQ job carries: the contract's payload, plus the tokenId an attempt issued. Tolerant
 * of fields it does not know, as the payloads are (see jobs.ts), so a rolling deploy strands no job.
 */
export const queuedJobSchema = z.object({
  job: resetJobSchema,
  /** A keyed hash (never a secret), so a retry can tell whether the link is still worth mailing. */
  issuedTokenId: z.string().max(64).optional(),
});

export type QueuedJob = z.infer<typeof queuedJobSchema>;
