import type { ResetJob } from '../jobs.js';
import { chooseLocale } from '../locale.js';
import { buildResetLink } from '../reset-secret.js';
import type { ResetJobOutcome } from './job-outcome.js';
import type { JobAttempt, ResetPorts } from './ports.js';
import { providerTemplate } from './provider-template.js';
import { addressToLookUp } from './reset-request-job.js';
import { chooseResetUrl } from './reset-urls.js';

/** Mails a reset link: the secret is issued now, its lifetime counted from the request. */
export async function sendResetMail(
  ports: ResetPorts,
  job: Extract<ResetJob, { type: 'reset-requested' }>,
  attempt: JobAttempt,
): Promise<ResetJobOutcome> {
  // A retry must not revive a link that was used, superseded or has expired meanwhile.
  if (attempt.issuedTokenId !== undefined) {
    const earlier = await ports.tokens.inspectById(attempt.issuedTokenId);
    if (earlier.status !== 'active' && earlier.status !== 'unknown') return 'secret-settled';
  }
  const client = await ports.clients.findById(job.clientId);
  if (!client) return 'client-unknown';
  // An admin-started reset may choose a shorter lifetime, never a longer one than the client's.
  const lifetimeSeconds = Math.min(job.ttlSeconds ?? client.resetTokenTtlSeconds, client.resetTokenTtlSeconds);
  const expiresAt = new Date(new Date(job.requestedAt).getTime() + lifetimeSeconds * 1000);
  if (expiresAt.getTime() <= ports.clock.now().getTime()) return 'request-expired';
  // The job names no directory: the address is resolved in the client's one now (see resetRequestedJobSchema).
  const user = await ports.users.named(client.directory).findByEmail(addressToLookUp(job));
  if (!user) return 'no-account';
  if (user.disabled) return 'account-disabled';
  // Only a keyed hash was kept of an earlier attempt's secret, so a retry issues a new one
  // (killing the undelivered one); its lifetime still counts from the request. A dispute's lock
  // (resetsLockedByDispute) is checked by the issue itself: the store reads it with the generation.
  const issued = await ports.tokens.issueUnlessResetsLocked({
    userId: user.id,
    directory: client.directory,
    clientId: client.id,
    expiresAt,
  });
  if (issued.status === 'dispute-locked') return 'dispute-locked';
  const { secret, tokenId } = issued;
  await attempt.rememberIssuedToken(tokenId);
  const locale = chooseLocale(job.locale, user.locale, client.defaultLocale);
  await ports.mail.send(
    {
      kind: 'password-reset',
      to: user.email,
      ...(user.name === undefined ? {} : { recipientName: user.name }),
      locale,
      ...providerTemplate(client, 'password-reset', locale),
      applicationName: client.name,
      senderName: client.senderName,
      resetLink: buildResetLink(chooseResetUrl(client, job.resetUrl), secret),
      expiresAt,
    },
    { idempotencyKey: attempt.jobId },
  );
  return 'mail-sent';
}
