import { chooseLocale } from '../locale.js';
import { buildResetLink } from '../reset-secret.js';
import { chooseResetUrl } from './reset-urls.js';
import type { ResetJob, ResetPorts } from './ports.js';

/** What a job did, for logs and audit: never the secret. */
export type ResetJobOutcome = 'mail-sent' | 'no-account' | 'account-disabled' | 'client-unknown';

/** Runs one queued job: the half of the flow that happens after the caller has its answer. */
export async function processResetJob(ports: ResetPorts, job: ResetJob): Promise<ResetJobOutcome> {
  switch (job.type) {
    case 'reset-requested':
      return sendResetMail(ports, job);
    case 'password-changed':
      return sendPasswordChangedMail(ports, job);
  }
}

async function sendResetMail(
  ports: ResetPorts,
  job: Extract<ResetJob, { type: 'reset-requested' }>,
): Promise<ResetJobOutcome> {
  const client = await ports.clients.findById(job.clientId);
  if (!client) return 'client-unknown';
  const user = await ports.users.findByEmail(job.email);
  if (!user) return 'no-account';
  if (user.disabled) return 'account-disabled';
  const { secret, expiresAt } = await ports.tokens.issue({
    userId: user.id,
    clientId: client.id,
    ttlSeconds: client.resetTokenTtlSeconds,
  });
  await ports.mail.send({
    kind: 'password-reset',
    to: user.email,
    ...(user.name === undefined ? {} : { recipientName: user.name }),
    locale: chooseLocale(job.locale, user.locale, client.defaultLocale),
    applicationName: client.name,
    senderName: client.senderName,
    resetLink: buildResetLink(chooseResetUrl(client, job.resetUrl), secret),
    expiresAt,
  });
  return 'mail-sent';
}

async function sendPasswordChangedMail(
  ports: ResetPorts,
  job: Extract<ResetJob, { type: 'password-changed' }>,
): Promise<ResetJobOutcome> {
  const [client, user] = await Promise.all([ports.clients.findById(job.clientId), ports.users.findById(job.userId)]);
  if (!client) return 'client-unknown';
  if (!user) return 'no-account';
  await ports.mail.send({
    kind: 'password-changed',
    to: user.email,
    ...(user.name === undefined ? {} : { recipientName: user.name }),
    locale: chooseLocale(user.locale, client.defaultLocale),
    applicationName: client.name,
    senderName: client.senderName,
    changedAt: new Date(job.changedAt),
  });
  return 'mail-sent';
}
