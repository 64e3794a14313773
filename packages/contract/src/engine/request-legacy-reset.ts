import { succeed, type ResetResult } from '../result.js';
import { findNamedAccount } from './find-named-account.js';
import { answerForUnknownAccount, type LegacyEngineOptions } from './legacy-engine-options.js';
import type { Requester, ResetClient, ResetPorts } from './ports.js';
import { queueResetRequest } from './queue-reset-request.js';

export interface LegacyResetRequest {
  readonly email: string;
  readonly locale?: string;
  /** A link to the reset page (Cameramanager, Traffic Ops, Teen Quotes) or Antel's temporary password. */
  readonly delivery: 'link' | 'temporary-password';
}

/**
 * Starts a reset for a legacy API (the account looked up in the client's directory), whose documents answer "no such account" (ACCOUNT_NOT_FOUND)
 * unless the operator hides unknown accounts. It does the same work whatever the answer — one
 * lookup, the throttles, one queued job, one audit record — so a hidden unknown account is alike
 * in time as well as in bytes. A throttled request is answered as an accepted one, as before.
 */
export async function requestLegacyPasswordReset(
  ports: Pick<ResetPorts, 'users' | 'jobs' | 'clock' | 'limits' | 'audit' | 'intake'>,
  client: ResetClient,
  input: LegacyResetRequest,
  requester: Requester,
  options: LegacyEngineOptions,
): Promise<ResetResult<{ readonly accepted: true }>> {
  const { email, account } = await findNamedAccount(ports, client, input.email);
  await queueResetRequest(ports, client, { email, address: input.email, delivery: input.delivery, locale: input.locale }, requester);
  const accepted = succeed({ accepted: true } as const);
  return account ? accepted : answerForUnknownAccount(options, accepted);
}
