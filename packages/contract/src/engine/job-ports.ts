import type { ResetJob } from '../jobs.js';

export type { ResetJob };

/** What a job's run knows about its earlier attempts. */
export interface JobAttempt {
  /** The same for every attempt of one job. */
  readonly jobId: string;
  /** The secret an earlier attempt issued (its tokenId, never the secret), if any. */
  readonly issuedTokenId?: string;
  /** Records the secret this attempt issued, before the mail leaves. */
  rememberIssuedToken(tokenId: string): Promise<void>;
}

/** Work done after the request has been answered, so its timing says nothing. */
export interface ResetJobQueue {
  /** Accepts the job for later processing; resolves once it is durably queued, not when done. */
  enqueue(job: ResetJob): Promise<void>;
}
