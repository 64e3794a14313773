import type { ResetJob } from '../jobs.js';
import { chooseLocale } from '../locale.js';
import type { ResetJobOutcome } from './job-outcome.js';
import type { JobAttempt, ResetPorts } from './ports.js';
import { buildResetLink } from '../reset-secret.js';
import { DISPUTE_SECRET_LIFETIME_SECONDS } from './dispute-port.js';
import { providerTemplate } from './provider-template.js';

/**
 * Tells the user their password was changed, and what to do if it was not them: the mail carries a
 * dispute link ("this wasn't me", our `/secure` page, valid 7 days). The user is looked up in the
 * directory the job names, where the password was written: were the client re-bound since, the
 * client's new directory could give the same id to someone else.
 */
export async function sendPasswordChangedMail(
  ports: ResetPorts,
  job: Extract<ResetJob, { type: 'password-changed' }>,
  attempt: JobAttempt,
): Promise<ResetJobOutcome> {
  const [client, user] = await Promise.all([ports.clients.findById(job.clientId), ports.users.named(job.directory).findById(job.userId)]);
  if (!client) return 'client-unknown';
  if (!user) return 'no-account';
  const locale = chooseLocale(user.locale, client.defaultLocale);
  const changedAt = new Date(job.changedAt);
  // Issued here, not queued (a queue may hold no secret). A retry issues another one: only a keyed
  // hash is kept, and one undelivered is held by no one. Its 7 days count from the change.
  const { secret } = await ports.disputes.issue({
    userId: user.id,
    directory: job.directory,
    clientId: client.id,
    changedAt,
    expiresAt: new Date(changedAt.getTime() + DISPUTE_SECRET_LIFETIME_SECONDS * 1000),
  });
  await ports.mail.send(
    {
      kind: 'password-changed',
      to: user.email,
      ...(user.name === undefined ? {} : { recipientName: user.name }),
      locale,
      ...providerTemplate(client, 'password-changed', locale),
      applicationName: client.name,
      senderName: client.senderName,
      changedAt,
      disputeLink: buildResetLink(ports.disputeSettings.pageUrl, secret),
    },
    { idempotencyKey: attempt.jobId },
  );
  return 'mail-sent';
}
