import type { ResetErrorCode } from '../error-codes.js';
import { fail, succeed, type ResetResult } from '../result.js';
import type { CompleteCodeResetInput, CompleteResetOutput } from '../schemas.js';
import { finishPasswordReset } from './finish-password-reset.js';
import { passwordRefusals } from './password-refusals.js';
import type { Requester, ResetClient, ResetCodeFlowLookup, ResetPorts } from './ports.js';
import { MAX_WRONG_CODES_PER_FLOW } from './reset-code-flow-port.js';
import { skipReuseAfterUncertainWrite } from './reuse-after-uncertain-write.js';
import { exceededSecretAttemptLimit } from './secret-attempt-limit.js';
import { reservedCodeFlow, writePasswordWhileReserved } from './write-password-while-reserved.js';

/** Why a flow cannot be used, as the error code the caller sees. An unknown flow (or another client's) reads as one that ran out. */
const ERROR_BY_FLOW_STATUS = {
  unknown: 'FLOW_EXPIRED',
  mismatch: 'CODE_INVALID',
  expired: 'FLOW_EXPIRED',
  ended: 'FLOW_EXPIRED',
  locked: 'FLOW_LOCKED',
} as const satisfies Record<Exclude<ResetCodeFlowLookup['status'], 'active'>, ResetErrorCode>;

/**
 * Completes a code flow for the application that requested it. The code is checked first, in one
 * atomic step that counts the attempt before comparing keyed hashes (see ResetCodeFlowStore.verify):
 * only a holder of the mailed code learns anything of the account (its policy, its current
 * password), and a flow for an unknown address, whose code no one holds, answers CODE_INVALID and
 * then FLOW_LOCKED exactly as a real one. Then the policy (a refusal keeps the flow, counted as a
 * failed attempt, as a link's are), then the write while the flow is reserved, then what every
 * completed reset does (finishPasswordReset): the same directory write, mail and webhook as a link.
 */
export async function completeCodeReset(
  ports: ResetPorts,
  input: CompleteCodeResetInput,
  requester: Requester,
  client: ResetClient,
): Promise<ResetResult<CompleteResetOutput>> {
  const throttled = await exceededSecretAttemptLimit(ports, 'complete', requester);
  if (throttled) return throttled;
  const refuse = async (code: ResetErrorCode): Promise<ResetResult<never>> => {
    await ports.audit.record({ action: 'complete', outcome: 'refused', reason: code, clientId: client.id, ip: requester.ip });
    return fail(code);
  };
  const { flowId, code } = input;
  const verified = await ports.codeFlows.verify({ flowId, clientId: client.id, code, maxWrongCodes: MAX_WRONG_CODES_PER_FLOW });
  if (verified.status !== 'active') return refuse(ERROR_BY_FLOW_STATUS[verified.status]);
  const { record } = verified;
  // A code is mailed only to an account of the client's directory; a client re-bound since then
  // reaches that account no more.
  if (record.user === null || record.user.directory !== client.directory) return refuse('CODE_INVALID');
  const directory = ports.users.named(client.directory);
  const user = await directory.findById(record.user.userId);
  if (!user || user.disabled) return refuse('CODE_INVALID');
  const audit = { action: 'complete', clientId: client.id, directory: client.directory, userId: user.id, ip: requester.ip } as const;

  const refusals = await passwordRefusals(ports, directory, user, client, input.password);
  // An earlier write that timed out may have landed: its retry must not be refused as REUSED.
  const reasons = skipReuseAfterUncertainWrite(refusals, record);
  if (reasons.length > 0) {
    const { locked } = await ports.codeFlows.recordFailedAttempt({ flowId, maxFailedAttempts: ports.limits.maxFailedAttemptsPerSecret });
    await ports.audit.record({ ...audit, outcome: locked ? 'locked' : 'refused', reason: reasons.join(',') });
    return fail('PASSWORD_REJECTED', { reasons });
  }

  const written = await writePasswordWhileReserved(reservedCodeFlow(ports.codeFlows, flowId, code), directory, user.id, input.password);
  if (written.status !== 'active') return refuse(ERROR_BY_FLOW_STATUS[written.status]);
  await finishPasswordReset(ports, { user, client }, requester.ip);
  return succeed({ completed: true });
}
