import { maskEmail } from '../normalize-email.js';
import { describePasswordPolicy } from '../password-policy.js';
import { succeed, type ResetResult } from '../result.js';
import type { InspectResetInput, InspectResetOutput } from '../schemas.js';
import { findActiveReset, type ResetScope } from './find-active-reset.js';
import type { ResetPorts } from './ports.js';

/** Tells the reset page whether a secret still works and what the new password must meet. Never consumes. */
export async function inspectPasswordReset(
  ports: Pick<ResetPorts, 'tokens' | 'users' | 'clients'>,
  input: InspectResetInput,
  scope: ResetScope = {},
): Promise<ResetResult<InspectResetOutput>> {
  const found = await findActiveReset(ports, input.token, scope);
  if (!found.ok) return found;
  const { record, user, client } = found.value;
  return succeed({
    expiresAt: record.expiresAt.toISOString(),
    maskedEmail: maskEmail(user.email),
    applicationName: client.name,
    policy: describePasswordPolicy(client.passwordPolicy),
  });
}
