import { fail, succeed, type ResetResult } from '../result.js';
import type { CompleteLinkResetInput, CompleteResetOutput } from '../schemas.js';
import { findActiveResetUnlessThrottled, type ResetScope } from './find-active-reset.js';
import { finishPasswordReset } from './finish-password-reset.js';
import { passwordRefusals } from './password-refusals.js';
import type { Requester, ResetPorts } from './ports.js';
import { skipReuseAfterUncertainWrite } from './reuse-after-uncertain-write.js';
import { RESET_ERROR_BY_TOKEN_STATUS } from './token-failures.js';
import { reservedResetSecret, writePasswordWhileReserved } from './write-password-while-reserved.js';

/**
 * Sets the new password. The policy is checked before the secret is touched, so a refused
 * password leaves the link usable (up to a bounded number of refusals, so a stolen link cannot
 * be used to probe the current password). The secret is then reserved atomically, so of
 * concurrent completions with one secret exactly one writes a password, and consumed only once
 * the directory wrote it: a failed write leaves the link usable and completes nothing.
 */
export async function completePasswordReset(
  ports: ResetPorts,
  input: CompleteLinkResetInput,
  requester: Requester,
  scope: ResetScope = {},
): Promise<ResetResult<CompleteResetOutput>> {
  const checked = await findActiveResetUnlessThrottled(ports, 'complete', requester, input.token, scope);
  if ('throttled' in checked) return checked.throttled;
  const { found } = checked;
  if (!found.ok) {
    await ports.audit.record({ action: 'complete', outcome: 'refused', reason: found.error.code, ip: requester.ip });
    return found;
  }
  const reset = found.value;
  const audit = {
    action: 'complete',
    clientId: reset.client.id,
    directory: reset.client.directory,
    userId: reset.user.id,
    ip: requester.ip,
  } as const;

  const refusals = await passwordRefusals(ports, reset.directory, reset.user, reset.client, input.password, {
    policy: scope.passwordPolicy,
    isCurrentPassword: reset.isCurrentPassword,
  });
  // An earlier write that timed out may have landed: its retry must not be refused as REUSED.
  const reasons = skipReuseAfterUncertainWrite(refusals, reset.record);
  if (reasons.length > 0) {
    const { locked } = await ports.tokens.recordFailedAttempt(input.token, ports.limits.maxFailedAttemptsPerSecret);
    await ports.audit.record({ ...audit, outcome: locked ? 'locked' : 'refused', reason: reasons.join(',') });
    return fail('PASSWORD_REJECTED', { reasons });
  }

  const written = await writePasswordWhileReserved(
    // The record names its user (directory and id): the owner the store may read beside its scripts.
    reservedResetSecret(ports.tokens, input.token, reset.record),
    reset.directory,
    reset.user.id,
    input.password,
  );
  if (written.status !== 'active') {
    await ports.audit.record({ ...audit, outcome: 'refused', reason: RESET_ERROR_BY_TOKEN_STATUS[written.status] });
    return fail(RESET_ERROR_BY_TOKEN_STATUS[written.status]);
  }

  await finishPasswordReset(ports, reset, requester.ip);
  return succeed({ completed: true });
}
