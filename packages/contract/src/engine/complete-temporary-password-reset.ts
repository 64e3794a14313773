import type { ResetErrorCode } from '../error-codes.js';
import { fail, succeed, type ResetResult } from '../result.js';
import type { CompleteResetOutput } from '../schemas.js';
import { findNamedAccount, NO_ACCOUNT_ID } from './find-named-account.js';
import { finishPasswordReset } from './finish-password-reset.js';
import { answerForUnknownAccount, type LegacyEngineOptions } from './legacy-engine-options.js';
import { passwordRefusals } from './password-refusals.js';
import type { Requester, ResetPorts, TemporaryPasswordLookup } from './ports.js';
import { skipReuseAfterUncertainWrite } from './reuse-after-uncertain-write.js';
import { exceededSecretAttemptLimit } from './secret-attempt-limit.js';
import { reservedTemporaryPassword, writePasswordWhileReserved } from './write-password-while-reserved.js';

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
 * reserved (atomically) while the password is written, and consumed once it is: a refused
 * password or a failed write leaves it usable. A named address without an
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
  // The client first: its directory is where the named account, and the code's owner, are looked up.
  const client = await ports.clients.findById(scope.clientId);
  const named = input.email === undefined || !client ? undefined : await findNamedAccount(ports, client, input.email);
  const unknownNamed = named !== undefined && named.account === null;
  const refuse = async (code: ResetErrorCode): Promise<ResetResult<never>> => {
    const reason = unknownNamed ? 'ACCOUNT_NOT_FOUND' : code;
    await ports.audit.record({ action: 'complete', outcome: 'refused', reason, clientId: scope.clientId, ip: requester.ip });
    return unknownNamed ? answerForUnknownAccount(options, fail(code)) : fail(code);
  };
  // The calling client went away mid-call: its codes died with it.
  if (!client) return refuse('TOKEN_INVALID');
  const lookup = await ports.temporaryPasswords.verify({
    code: input.temporaryPassword,
    ...(named ? { user: { directory: client.directory, userId: named.account?.id ?? NO_ACCOUNT_ID } } : {}),
    maxFailedAttempts: ports.limits.maxFailedAttemptsPerSecret,
  });
  if (lookup.status !== 'active') return refuse(ERROR_BY_CODE_STATUS[lookup.status]);
  // One client's code is unknown to another client's routes, and to this client once it is bound
  // to another directory than the code's user.
  const { record } = lookup;
  if (record.clientId !== client.id || record.directory !== client.directory || unknownNamed) return refuse('TOKEN_INVALID');
  const directory = ports.users.named(client.directory);
  const user = await directory.findById(record.userId);
  if (!user || user.disabled) return refuse('TOKEN_INVALID');
  const audit = { action: 'complete', clientId: client.id, directory: client.directory, userId: user.id, ip: requester.ip } as const;

  const refusals = await passwordRefusals(ports, directory, user, client, input.password);
  // An earlier write that timed out may have landed: its retry must not be refused as REUSED.
  const reasons = skipReuseAfterUncertainWrite(refusals, record);
  if (reasons.length > 0) {
    await ports.audit.record({ ...audit, outcome: 'refused', reason: reasons.join(',') });
    return fail('PASSWORD_REJECTED', { reasons });
  }
  const userRef = { directory: client.directory, userId: user.id };
  const code = reservedTemporaryPassword(ports.temporaryPasswords, input.temporaryPassword, userRef);
  const written = await writePasswordWhileReserved(code, directory, user.id, input.password);
  if (written.status !== 'active') return refuse(ERROR_BY_CODE_STATUS[written.status]);
  await finishPasswordReset(ports, { user, client }, requester.ip);
  return succeed({ completed: true });
}
