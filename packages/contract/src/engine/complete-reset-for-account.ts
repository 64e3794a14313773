import type { ResetErrorCode } from '../error-codes.js';
import { fail, succeed, type ResetFailure, type ResetResult } from '../result.js';
import type { CompleteResetOutput } from '../schemas.js';
import { findActiveReset, type ResetScope } from './find-active-reset.js';
import { findNamedAccount, strangerAt } from './find-named-account.js';
import { finishPasswordReset } from './finish-password-reset.js';
import { answerForUnknownAccount, type LegacyEngineOptions } from './legacy-engine-options.js';
import { isCurrentPassword, policyRefusals } from './password-refusals.js';
import type { Requester, ResetPorts } from './ports.js';
import { exceededSecretAttemptLimit } from './secret-attempt-limit.js';
import { RESET_ERROR_BY_TOKEN_STATUS } from './token-failures.js';
import { reservedResetSecret, writePasswordWhileReserved } from './write-password-while-reserved.js';

export interface AccountResetCompletion {
  readonly email: string;
  readonly token: string;
  readonly password: string;
}

/**
 * Completes a reset where the caller names the account as well as the secret (Teen Quotes),
 * checking in the order its document gives: the account, then the password, then the secret,
 * which must belong to that account, to the calling client and to its directory. Reuse of the current password
 * is checked last, once the secret is known valid, so the order leaks nothing about it.
 *
 * An unknown account goes through every check a known one does (as a stranger that owns no
 * secret), so it costs the same lookups, and is answered at the end as `options` say: the
 * document's "no such account" first of all, or, hidden, whatever a known account would get.
 * The password is written while the secret is reserved (see writePasswordWhileReserved).
 */
export async function completePasswordResetForAccount(
  ports: ResetPorts,
  input: AccountResetCompletion,
  requester: Requester,
  scope: ResetScope & { readonly clientId: string },
  options: LegacyEngineOptions,
): Promise<ResetResult<CompleteResetOutput>> {
  const throttled = await exceededSecretAttemptLimit(ports, 'complete', requester);
  if (throttled) return throttled;
  // The client first: the account is looked up in its directory, and nowhere else.
  const client = await ports.clients.findById(scope.clientId);
  // The calling client went away mid-call: there is no policy to check against (nothing to hide either).
  if (!client) {
    await ports.audit.record({
      action: 'complete',
      outcome: 'refused',
      reason: 'ACCOUNT_NOT_FOUND',
      clientId: scope.clientId,
      ip: requester.ip,
    });
    return fail('ACCOUNT_NOT_FOUND');
  }
  const { email, account, directory } = await findNamedAccount(ports, client, input.email);
  const user = account ?? strangerAt(email);
  const audit = {
    action: 'complete',
    clientId: client.id,
    ...(account ? { directory: client.directory, userId: account.id } : {}),
    ip: requester.ip,
  } as const;
  type Details = Omit<ResetFailure, 'code'>;
  const refuse = async (code: ResetErrorCode, details: Details = {}, reason: string = code): Promise<ResetResult<never>> => {
    await ports.audit.record({ ...audit, outcome: 'refused', reason: account ? reason : 'ACCOUNT_NOT_FOUND' });
    return account ? fail(code, details) : answerForUnknownAccount(options, fail(code, details));
  };
  const reasons = await policyRefusals(ports, directory, user, client, input.password, scope.passwordPolicy);
  if (reasons.length > 0) return refuse('PASSWORD_REJECTED', { reasons }, reasons.join(','));
  const found = await findActiveReset(ports, input.token, scope);
  // A secret of another account looks exactly like an unknown one; a stranger owns none. The
  // secret's user is in this client's directory (findActiveReset checks it), so the ids compare.
  const failure = !found.ok ? found.error.code : found.value.user.id !== user.id || !account ? 'TOKEN_INVALID' : null;
  if (failure) return refuse(failure);
  // Only now, with a valid secret shown, may the answer say the password is the current one.
  // An earlier write that timed out may have landed: its retry is not refused as REUSED (see skipReuseAfterUncertainWrite).
  if (!(found.ok && found.value.record.writeUncertain) && (await isCurrentPassword(directory, user, input.password))) {
    const { locked } = await ports.tokens.recordFailedAttempt(input.token, ports.limits.maxFailedAttemptsPerSecret);
    await ports.audit.record({ ...audit, outcome: locked ? 'locked' : 'refused', reason: 'REUSED' });
    return fail('PASSWORD_REJECTED', { reasons: ['REUSED'] });
  }
  const owner = { directory: client.directory, userId: user.id };
  const written = await writePasswordWhileReserved(
    reservedResetSecret(ports.tokens, input.token, owner),
    directory,
    user.id,
    input.password,
  );
  if (written.status !== 'active') return refuse(RESET_ERROR_BY_TOKEN_STATUS[written.status]);
  await finishPasswordReset(ports, { user, client }, requester.ip);
  return succeed({ completed: true });
}
