import type { AdminResetDelivery, StartAdminResetOutput } from '../admin-schemas.js';
import { normalizeEmail } from '../normalize-email.js';
import { buildResetLink } from '../reset-secret.js';
import { succeed, type ResetFailure, type ResetResult } from '../result.js';
import type { AuditEvent, ResetClient, ResetPorts, UserAccount } from './ports.js';
import { resetRequestJob } from './reset-request-job.js';
import { chooseResetUrl } from './reset-urls.js';

/** Whom an admin-started reset is for, in the client's directory. */
export type AdminResetTarget = { readonly email: string } | { readonly userId: string };

export interface AdminResetStart {
  /** The client the link is for: its directory, reset page, templates and lifetime. */
  readonly client: ResetClient;
  readonly target: AdminResetTarget;
  /** Default and maximum: the client's link lifetime. */
  readonly ttlSeconds?: number | undefined;
  readonly deliver: AdminResetDelivery;
  readonly locale?: string | undefined;
  /**
   * Who starts it: `cli`, an operator holding the registry (no client permission needed), or
   * `client`, the client itself through `admin.startReset` (scope already checked by the router).
   */
  readonly startedBy: 'cli' | 'client';
}

/**
 * Starts a reset on an operator's or a back office's behalf. Unlike a user's request it answers
 * the real outcome (no such account, disabled): the caller is authenticated and every start is
 * audited. A mailed link goes through the same job, secret rules and templates as any reset mail;
 * a returned one is issued here and handed over once. Either kills the user's older links.
 */
export async function startAdminReset(
  ports: Pick<ResetPorts, 'users' | 'tokens' | 'jobs' | 'audit' | 'clock' | 'disputes'>,
  start: AdminResetStart,
): Promise<ResetResult<StartAdminResetOutput>> {
  const { client, deliver } = start;
  const audited = { action: 'admin-start', clientId: client.id, actor: start.startedBy === 'cli' ? 'cli' : client.id, deliver } as const;
  const refuse = async (failure: ResetFailure, event: Partial<AuditEvent> = {}) => {
    await ports.audit.record({ ...audited, ...event, outcome: 'refused', reason: failure.code });
    return { ok: false, error: failure } as const;
  };

  if (deliver === 'return' && start.startedBy === 'client' && client.allowAdminLinks !== true) return refuse({ code: 'FORBIDDEN' });
  const ttlSeconds = start.ttlSeconds ?? client.resetTokenTtlSeconds;
  if (ttlSeconds > client.resetTokenTtlSeconds) return refuse({ code: 'INVALID_INPUT' });

  const users = ports.users.named(client.directory);
  const byEmail = 'email' in start.target ? normalizeEmail(start.target.email) : undefined;
  const user: UserAccount | null =
    'email' in start.target ? await users.findByEmail(start.target.email.trim()) : await users.findById(start.target.userId);
  const who = { directory: client.directory, ...(byEmail === undefined ? {} : { email: byEmail }) };
  if (!user) return refuse({ code: 'ACCOUNT_NOT_FOUND' }, 'userId' in start.target ? { ...who, userId: start.target.userId } : who);
  const account = { ...who, userId: user.id, email: normalizeEmail(user.email) };
  if (user.disabled) return refuse({ code: 'ACCOUNT_DISABLED' }, account);

  // An operator or back office deciding to reset overrides a dispute's lock ("this wasn't me"):
  // they are the ones who checked who the user is. Lifted before the job is queued, so it mails.
  if (await ports.disputes.liftResetLock({ directory: client.directory, userId: user.id })) {
    await ports.audit.record({ ...audited, ...account, action: 'dispute', outcome: 'lock-lifted', reason: 'admin-start' });
  }

  const now = ports.clock.now();
  const expiresAt = new Date(now.getTime() + ttlSeconds * 1000);
  const started = { userId: user.id, directory: client.directory, expiresAt: expiresAt.toISOString() };
  if (deliver === 'mail') {
    // The job issues the secret (killing older ones) and mails it: the queue, templates and retries of any reset.
    const job = resetRequestJob({
      email: account.email,
      address: user.email,
      delivery: 'link',
      locale: start.locale,
      clientId: client.id,
      requestedAt: now.toISOString(),
      ttlSeconds,
    });
    await ports.jobs.enqueue(job);
    await ports.audit.record({ ...audited, ...account, outcome: 'mail-queued' });
    return succeed({ deliver: 'mail', ...started });
  }
  const { secret } = await ports.tokens.issue({ userId: user.id, directory: client.directory, clientId: client.id, expiresAt });
  await ports.audit.record({ ...audited, ...account, outcome: 'link-returned' });
  return succeed({ deliver: 'return', ...started, link: buildResetLink(chooseResetUrl(client, undefined), secret) });
}
