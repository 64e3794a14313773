import { fail, succeed, type ResetResult } from '../result.js';
import type { CompleteResetOutput } from '../schemas.js';
import { findActiveReset, type ResetScope } from './find-active-reset.js';
import { finishPasswordReset } from './finish-password-reset.js';
import { isCurrentPassword, policyRefusals } from './password-refusals.js';
import type { Requester, ResetPorts } from './ports.js';
import { exceededSecretAttemptLimit } from './secret-attempt-limit.js';
import { RESET_ERROR_BY_TOKEN_STATUS } from './token-failures.js';

export interface AccountResetCompletion {
  readonly email: string;
  readonly token: string;
  readonly password: string;
}

/**
 * Completes a reset where the caller names the account as well as the secret (Teen Quotes),
 * checking in the order its document gives: the account, then the password, then the secret,
 * which must belong to that account and to the calling client. Reuse of the current password
 * is checked last, once the secret is known valid, so the order leaks nothing about it.
 */
export async function completePasswordResetForAccount(
  ports: ResetPorts,
  input: AccountResetCompletion,
  requester: Requester,
  scope: ResetScope & {
    readonly clientId: string;
    /**
     * LEGACY_HIDE_UNKNOWN_ACCOUNTS: an unknown account is not named as such; it goes through the
     * password check like a known one and ends as a secret that does not fit, so the answer
     * says nothing about which addresses have accounts.
     */
    readonly hideUnknownAccounts?: boolean;
  },
): Promise<ResetResult<CompleteResetOutput>> {
  const throttled = await exceededSecretAttemptLimit(ports, 'complete', requester);
  if (throttled) return throttled;
  const [user, client] = await Promise.all([ports.users.findByEmail(input.email), ports.clients.findById(scope.clientId)]);
  if (!user || user.disabled || !client) {
    const hidden = scope.hideUnknownAccounts === true && client !== null;
    const stranger = { id: '', email: input.email, disabled: false };
    const reasons = hidden ? policyRefusals(ports, stranger, client, input.password, scope.passwordPolicy) : [];
    const code = !hidden ? 'ACCOUNT_NOT_FOUND' : reasons.length > 0 ? 'PASSWORD_REJECTED' : 'TOKEN_INVALID';
    await ports.audit.record({ action: 'complete', outcome: 'refused', reason: 'ACCOUNT_NOT_FOUND', clientId: scope.clientId, ip: requester.ip });
    return fail(code, reasons.length > 0 ? { reasons } : {});
  }
  const audit = { action: 'complete', clientId: client.id, userId: user.id, ip: requester.ip } as const;
  const reasons = policyRefusals(ports, user, client, input.password, scope.passwordPolicy);
  if (reasons.length > 0) {
    await ports.audit.record({ ...audit, outcome: 'refused', reason: reasons.join(',') });
    return fail('PASSWORD_REJECTED', { reasons });
  }
  const found = await findActiveReset(ports, input.token, scope);
  // A secret of another account looks exactly like an unknown one.
  const failure = !found.ok ? found.error.code : found.value.user.id !== user.id ? 'TOKEN_INVALID' : null;
  if (failure) {
    await ports.audit.record({ ...audit, outcome: 'refused', reason: failure });
    return fail(failure);
  }
  // Only now, with a valid secret shown, may the answer say the password is the current one.
  if (await isCurrentPassword(ports, user, input.password)) {
    const { locked } = await ports.tokens.recordFailedAttempt(input.token, ports.limits.maxFailedAttemptsPerSecret);
    await ports.audit.record({ ...audit, outcome: locked ? 'locked' : 'refused', reason: 'REUSED' });
    return fail('PASSWORD_REJECTED', { reasons: ['REUSED'] });
  }
  const consumed = await ports.tokens.consume(input.token);
  if (consumed.status !== 'active') {
    await ports.audit.record({ ...audit, outcome: 'refused', reason: RESET_ERROR_BY_TOKEN_STATUS[consumed.status] });
    return fail(RESET_ERROR_BY_TOKEN_STATUS[consumed.status]);
  }
  await finishPasswordReset(ports, { user, client }, input.password, requester.ip);
  return succeed({ completed: true });
}
