import type { ResetJob } from '../jobs.js';
import { chooseLocale } from '../locale.js';
import type { ResetJobOutcome } from './job-outcome.js';
import type { JobAttempt, ResetPorts } from './ports.js';
import { providerTemplate } from './provider-template.js';
import { resetsLockedByDispute } from './reset-lock.js';
import { addressToLookUp } from './reset-request-job.js';

/**
 * Mails a code flow's code. The flow was opened when the request was answered, for every address
 * alike; only here, after the answer, is the account looked up, and only a found one gives the flow
 * a code. A flow without an account keeps the code no one holds, and fails as a real one does.
 */
export async function sendResetCodeMail(
  ports: ResetPorts,
  job: Extract<ResetJob, { type: 'reset-code-requested' }>,
  attempt: JobAttempt,
): Promise<ResetJobOutcome> {
  const client = await ports.clients.findById(job.clientId);
  if (!client) return 'client-unknown';
  // The job names no directory: the address is resolved in the client's one now (see resetRequestedJobSchema).
  const user = await ports.users.named(client.directory).findByEmail(addressToLookUp(job));
  if (!user) return 'no-account';
  if (user.disabled) return 'account-disabled';
  // The flow then keeps the code no one holds, and fails as one for an unknown address does.
  if (await resetsLockedByDispute(ports, { directory: client.directory, userId: user.id })) return 'dispute-locked';
  // A retry issues a new code (only a keyed hash of the earlier one was kept); a flow that ended,
  // locked or expired meanwhile gets none, and its mail is moot.
  const issued = await ports.codeFlows.issueCode({ flowRef: job.flowRef, user: { directory: client.directory, userId: user.id } });
  if (!issued) return 'secret-settled';
  const locale = chooseLocale(job.locale, user.locale, client.defaultLocale);
  await ports.mail.send(
    {
      kind: 'reset-code',
      to: user.email,
      ...(user.name === undefined ? {} : { recipientName: user.name }),
      locale,
      ...providerTemplate(client, 'reset-code', locale),
      applicationName: client.name,
      senderName: client.senderName,
      code: issued.code,
      expiresAt: issued.expiresAt,
    },
    { idempotencyKey: attempt.jobId },
  );
  return 'mail-sent';
}
