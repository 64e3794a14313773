import { maskEmail } from '../normalize-email.js';
import { describePasswordPolicy } from '../password-policy.js';
import { succeed, type ResetResult } from '../result.js';
import type { InspectResetInput, InspectResetOutput } from '../schemas.js';
import { effectivePasswordPolicy } from './effective-password-policy.js';
import { findActiveResetUnlessThrottled, type ResetScope } from './find-active-reset.js';
import type { Requester, ResetPorts } from './ports.js';

/** Tells the reset page whether a secret still works and what the new password must meet. Never consumes. */
export async function inspectPasswordReset(
  ports: Pick<ResetPorts, 'tokens' | 'users' | 'clients' | 'limits' | 'audit' | 'breachedPasswords'>,
  input: InspectResetInput,
  requester: Requester,
  scope: ResetScope = {},
): Promise<ResetResult<InspectResetOutput>> {
  const checked = await findActiveResetUnlessThrottled(ports, 'inspect', requester, input.token, scope);
  if ('throttled' in checked) return checked.throttled;
  const { found } = checked;
  if (!found.ok) {
    await ports.audit.record({ action: 'inspect', outcome: 'refused', reason: found.error.code, ip: requester.ip });
    return found;
  }
  const { record, user, client, directory } = found.value;
  await ports.audit.record({
    action: 'inspect',
    outcome: 'valid',
    clientId: client.id,
    directory: client.directory,
    userId: user.id,
    ip: requester.ip,
  });
  return succeed({
    expiresAt: record.expiresAt.toISOString(),
    maskedEmail: maskEmail(user.email),
    applicationName: client.name,
    // What the completion will check: a legacy scope's policy where it has one, narrowed by the directory.
    policy: describePasswordPolicy(effectivePasswordPolicy(scope.passwordPolicy ?? client.passwordPolicy, directory), {
      checksBreaches: ports.breachedPasswords !== undefined,
    }),
  });
}
