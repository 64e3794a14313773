import type { ResetJob } from '../jobs.js';
import { chooseLocale } from '../locale.js';
import { buildResetLink } from '../reset-secret.js';
import type { JobAttempt, ResetClient, ResetPorts } from './ports.js';
import { chooseResetUrl } from './reset-urls.js';

/** What a job did, for logs and audit: never the secret. */
export type ResetJobOutcome =
  | 'mail-sent'
  | 'webhook-sent'
  | 'no-account'
  | 'account-disabled'
  | 'client-unknown'
  | 'no-webhook'
  /** The link's lifetime, counted from the request, ran out before the mail could leave. */
  | 'request-expired'
  /** The secret an earlier attempt issued was used, or killed by a newer request: the mail is moot. */
  | 'secret-settled';

/** The client's provider template for this mail and locale, if it registered one. */
function providerTemplate(client: ResetClient, kind: 'password-reset' | 'password-changed', locale: string): { providerTemplateId?: string } {
  const templateId = client.mailTemplateIds?.[`${kind}.${locale}`];
  return templateId === undefined ? {} : { providerTemplateId: templateId };
}

/** Runs one queued job: the half of the flow that happens after the caller has its answer. */
export async function processResetJob(ports: ResetPorts, job: ResetJob, attempt: JobAttempt): Promise<ResetJobOutcome> {
  switch (job.type) {
    case 'reset-requested':
      return sendResetMail(ports, job, attempt);
    case 'temporary-password-requested':
      return sendTemporaryPasswordMail(ports, job, attempt);
    case 'password-changed':
      return sendPasswordChangedMail(ports, job, attempt);
    case 'webhook':
      return deliverWebhook(ports, job, attempt);
  }
}

async function sendResetMail(
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
  const expiresAt = new Date(new Date(job.requestedAt).getTime() + client.resetTokenTtlSeconds * 1000);
  if (expiresAt.getTime() <= ports.clock.now().getTime()) return 'request-expired';
  const user = await ports.users.findByEmail(job.email);
  if (!user) return 'no-account';
  if (user.disabled) return 'account-disabled';
  // Only a keyed hash was kept of an earlier attempt's secret, so a retry issues a new one
  // (killing the undelivered one); its lifetime still counts from the request.
  const { secret, tokenId } = await ports.tokens.issue({ userId: user.id, clientId: client.id, expiresAt });
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

/** A typed code is weaker than a link: it lives at most an hour, whatever the client's link lifetime. */
const TEMPORARY_PASSWORD_MAX_LIFETIME_MS = 3600 * 1000;

async function sendTemporaryPasswordMail(
  ports: ResetPorts,
  job: Extract<ResetJob, { type: 'temporary-password-requested' }>,
  attempt: JobAttempt,
): Promise<ResetJobOutcome> {
  const client = await ports.clients.findById(job.clientId);
  if (!client) return 'client-unknown';
  const lifetimeMs = Math.min(client.resetTokenTtlSeconds * 1000, TEMPORARY_PASSWORD_MAX_LIFETIME_MS);
  const expiresAt = new Date(new Date(job.requestedAt).getTime() + lifetimeMs);
  if (expiresAt.getTime() <= ports.clock.now().getTime()) return 'request-expired';
  const user = await ports.users.findByEmail(job.email);
  if (!user) return 'no-account';
  if (user.disabled) return 'account-disabled';
  if (attempt.issuedTokenId !== undefined) {
    const earlier = await ports.temporaryPasswords.inspectById(attempt.issuedTokenId, user.id);
    if (earlier.status !== 'active' && earlier.status !== 'unknown') return 'secret-settled';
  }
  const { code, codeId } = await ports.temporaryPasswords.issue({ userId: user.id, clientId: client.id, expiresAt });
  await attempt.rememberIssuedToken(codeId);
  const locale = chooseLocale(job.locale, user.locale, client.defaultLocale);
  await ports.mail.send(
    {
      kind: 'temporary-password',
      to: user.email,
      ...(user.name === undefined ? {} : { recipientName: user.name }),
      locale,
      applicationName: client.name,
      senderName: client.senderName,
      temporaryPassword: code,
      expiresAt,
    },
    { idempotencyKey: attempt.jobId },
  );
  return 'mail-sent';
}

async function sendPasswordChangedMail(
  ports: ResetPorts,
  job: Extract<ResetJob, { type: 'password-changed' }>,
  attempt: JobAttempt,
): Promise<ResetJobOutcome> {
  const [client, user] = await Promise.all([ports.clients.findById(job.clientId), ports.users.findById(job.userId)]);
  if (!client) return 'client-unknown';
  if (!user) return 'no-account';
  const locale = chooseLocale(user.locale, client.defaultLocale);
  await ports.mail.send(
    {
      kind: 'password-changed',
      to: user.email,
      ...(user.name === undefined ? {} : { recipientName: user.name }),
      locale,
      ...providerTemplate(client, 'password-changed', locale),
      applicationName: client.name,
      senderName: client.senderName,
      changedAt: new Date(job.changedAt),
    },
    { idempotencyKey: attempt.jobId },
  );
  return 'mail-sent';
}

async function deliverWebhook(
  ports: ResetPorts,
  job: Extract<ResetJob, { type: 'webhook' }>,
  attempt: JobAttempt,
): Promise<ResetJobOutcome> {
  const client = await ports.clients.findById(job.clientId);
  if (!client) return 'client-unknown';
  if (!client.webhookUrl) return 'no-webhook';
  await ports.webhooks.deliver(client.id, job.event, { idempotencyKey: attempt.jobId });
  return 'webhook-sent';
}
