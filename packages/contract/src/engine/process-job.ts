import type { ResetJob } from '../jobs.js';
import { deliverWebhook } from './deliver-webhook.js';
import type { ResetJobOutcome } from './job-outcome.js';
import type { JobAttempt, ResetPorts } from './ports.js';
import { sendPasswordChangedMail } from './send-password-changed-mail.js';
import { sendResetCodeMail } from './send-reset-code-mail.js';
import { sendResetMail } from './send-reset-mail.js';
import { sendTemporaryPasswordMail } from './send-temporary-password-mail.js';

export type { ResetJobOutcome } from './job-outcome.js';

/** Runs one queued job: the half of the flow that happens after the caller has its answer. */
export async function processResetJob(ports: ResetPorts, job: ResetJob, attempt: JobAttempt): Promise<ResetJobOutcome> {
  switch (job.type) {
    case 'reset-requested':
      return sendResetMail(ports, job, attempt);
    case 'temporary-password-requested':
      return sendTemporaryPasswordMail(ports, job, attempt);
    case 'reset-code-requested':
      return sendResetCodeMail(ports, job, attempt);
    case 'unreachable-address-requested':
      // Queued only so the request did the same work as any other: no account has the address.
      return 'no-account';
    case 'password-changed':
      return sendPasswordChangedMail(ports, job, attempt);
    case 'webhook':
      return deliverWebhook(ports, job, attempt);
  }
}
