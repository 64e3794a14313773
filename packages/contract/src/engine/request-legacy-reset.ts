import { normalizeEmail } from '../normalize-email.js';
import { succeed, type ResetResult } from '../result.js';
import type { Requester, ResetClient, ResetPorts } from './ports.js';

export interface LegacyResetRequest {
  readonly email: string;
  readonly locale?: string;
  /** A link to the reset page (Cameramanager, Traffic Ops, Teen Quotes) or Antel's temporary password. */
  readonly delivery: 'link' | 'temporary-password';
}

/**
 * Starts a reset for a legacy API, whose documents answer "no such account". It does the same
 * work whatever the answer — one lookup, the throttles, one queued job — so that when the
 * operator hides unknown accounts (LEGACY_HIDE_UNKNOWN_ACCOUNTS), the route can answer as if
 * the account existed in the same time as well as with the same bytes.
 */
export async function requestLegacyPasswordReset(
  ports: Pick<ResetPorts, 'users' | 'jobs' | 'clock' | 'limits' | 'audit'>,
  client: ResetClient,
  input: LegacyResetRequest,
  requester: Requester,
): Promise<ResetResult<{ readonly accountFound: boolean }>> {
  const email = normalizeEmail(input.email);
  const account = await ports.users.findByEmail(email);
  const decision = await ports.limits.allowResetRequest({ email, clientId: client.id, ip: requester.ip });
  if (decision.allowed) {
    await ports.jobs.enqueue({
      type: input.delivery === 'link' ? 'reset-requested' : 'temporary-password-requested',
      email,
      ...(input.locale === undefined ? {} : { locale: input.locale }),
      clientId: client.id,
      requestedAt: ports.clock.now().toISOString(),
    });
  }
  await ports.audit.record({ action: 'request', outcome: decision.allowed ? 'accepted' : 'throttled', clientId: client.id, email, ip: requester.ip });
  return succeed({ accountFound: account !== null && !account.disabled });
}
