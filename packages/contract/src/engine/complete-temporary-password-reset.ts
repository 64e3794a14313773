import type { ResetErrorCode } from '../error-codes.js';
import { fail, succeed, type ResetResult } from '../result.js';
import type { CompleteResetOutput } from '../schemas.js';
import { findNamedAccount, NO_ACCOUNT_ID } from './find-named-account.js';
import { finishPasswordReset } from './finish-password-reset.js';
import { answerForUnknownAccount, type LegacyEngineOptions } from './legacy-engine-options.js';
import { passwordRefusals } from './password-refusals.js';
import type { Requester, ResetPorts, TemporaryPasswordLookup } from './ports.js';
import { exceededSecretAttemptLimit } from './secret-attempt-limit.js';

export interface TemporaryPasswordCompletion {
  readonly temporaryPassword: string;
  /** Optional in Antel's document; when given, wrong codes count against that account's code. */
  readonly email?: string;
  readonly password: string;
}

const ERROR_BY_CODE_STATUS = {
  unknown: 'TOKEN_INVALID',
  mismatch: 'TOKEN_INVALID',
  expired: 'TOKEN_EXPIRED',
  used: 'TOKEN_USED',
  locked: 'TOKEN_LOCKED',
} as const satisfies Record<Exclude<TemporaryPasswordLookup['status'], 'active'>, ResetErrorCode>;

/**
 * Completes Antel's flow: the temporary password mailed by `forgot`, then the new password.
 * Same order as every reset: the code is checked, the policy, and only then is the code
 * consumed (atomically), so a refused password leaves it usable. A named address without an
 * account is checked against a code no one holds, the work a known account's wrong code costs,
 * and answered as `options` say (see answerForUnknownAccount).
 */
export async function completeTemporaryPasswordReset(
  ports: ResetPorts,
  input: TemporaryPasswordCompletion,
  requester: Requester,
  scope: { readonly clientId: string },
  options: LegacyEngineOptions,
): Promise<ResetResult<CompleteResetOutput>> {
  const throttled = await exceededSecretAttemptLimit(ports, 'complete', requester);
  if (throttled) return throttled;
  const named = input.email === undefined ? undefined : await findNamedAccount(ports, input.email);
  const unknownNamed = named !== undefined && named.account === null;
  const refuse = async (code: ResetErrorCode): Promise<ResetResult<never>> => {
    const reason = unknownNamed ? 'ACCOUNT_NOT_FOUND' : code;
    await ports.audit.record({ action: 'complete', outcome: 'refused', reason, clientId: scope.clientId, ip: requester.ip });
    return unknownNamed ? answerForUnknownAccount(options, fail(code)) : fail(code);
  };
  const lookup = await ports.temporaryPasswords.verify({
    code: input.temporaryPassword,
    ...(named ? { userId: named.account?.id ?? NO_ACCOUNT_ID } : {}),
    maxFailedAttempts: ports.limits.maxFailedAttemptsPerSecret,
  });
  if (lookup.status !== 'active') return refuse(ERROR_BY_CODE_STATUS[lookup.status]);
  // One client's code is unknown to another client's routes.
  if (lookup.record.clientId !== scope.clientId || unknownNamed) return refuse('TOKEN_INVALID');
  const [user, client] = await Promise.all([ports.users.findById(lookup.record.userId), ports.clients.findById(scope.clientId)]);
  if (!user || user.disabled || !client) return refuse('TOKEN_INVALID');

  const reasons = await passwordRefusals(ports, user, client, input.password);
  if (reasons.length > 0) {
    await ports.audit.record({
      action: 'complete',
      outcome: 'refused',
      reason: reasons.join(','),
      clientId: client.id,
      userId: user.id,
      ip: requester.ip,
    });
    return fail('PASSWORD_REJECTED', { reasons });
  }
  const consumed = await ports.temporaryPasswords.consume({ code: input.temporaryPassword, userId: user.id });
  if (consumed.status !== 'active') return refuse(ERROR_BY_CODE_STATUS[consumed.status]);
  await finishPasswordReset(ports, { user, client }, input.password, requester.ip);
  return succeed({ completed: true });
}
