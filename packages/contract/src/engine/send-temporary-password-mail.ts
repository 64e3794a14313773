import type { ResetJob } from '../jobs.js';
import { chooseLocale } from '../locale.js';
import type { ResetJobOutcome } from './job-outcome.js';
import type { JobAttempt, ResetPorts } from './ports.js';
import { providerTemplate } from './provider-template.js';
import { resetsLockedByDispute } from './reset-lock.js';
import { addressToLookUp } from './reset-request-job.js';

/** A typed code is weaker than a link: it lives at most an hour, whatever the client's link lifetime. */
const TEMPORARY_PASSWORD_MAX_LIFETIME_MS = 3600 * 1000;

/** Mails Antel's temporary password, issued now. */
export async function sendTemporaryPasswordMail(
  ports: ResetPorts,
  job: Extract<ResetJob, { type: 'temporary-password-requested' }>,
  attempt: JobAttempt,
): Promise<ResetJobOutcome> {
  const client = await ports.clients.findById(job.clientId);
  if (!client) return 'client-unknown';
  const lifetimeMs = Math.min(client.resetTokenTtlSeconds * 1000, TEMPORARY_PASSWORD_MAX_LIFETIME_MS);
  const expiresAt = new Date(new Date(job.requestedAt).getTime() + lifetimeMs);
  if (expiresAt.getTime() <= ports.clock.now().getTime()) return 'request-expired';
  // The job names no directory: the address is resolved in the client's one now (see resetRequestedJobSchema).
  const user = await ports.users.named(client.directory).findByEmail(addressToLookUp(job));
  if (!user) return 'no-account';
  if (user.disabled) return 'account-disabled';
  const userRef = { directory: client.directory, userId: user.id };
  if (await resetsLockedByDispute(ports, userRef)) return 'dispute-locked';
  if (attempt.issuedTokenId !== undefined) {
    const earlier = await ports.temporaryPasswords.inspectById(attempt.issuedTokenId, userRef);
    if (earlier.status !== 'active' && earlier.status !== 'unknown') return 'secret-settled';
  }
  const { code, codeId } = await ports.temporaryPasswords.issue({ ...userRef, clientId: client.id, expiresAt });
  await attempt.rememberIssuedToken(codeId);
  const locale = chooseLocale(job.locale, user.locale, client.defaultLocale);
  await ports.mail.send(
    {
      kind: 'temporary-password',
      to: user.email,
      ...(user.name === undefined ? {} : { recipientName: user.name }),
      locale,
      ...providerTemplate(client, 'temporary-password', locale),
      applicationName: client.name,
      senderName: client.senderName,
      temporaryPassword: code,
      expiresAt,
    },
    { idempotencyKey: attempt.jobId },
  );
  return 'mail-sent';
}
