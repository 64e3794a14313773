import { normalizeEmail } from '../normalize-email.js';
import { fail, succeed, type ResetResult } from '../result.js';
import type { RequestResetInput, RequestResetOutput } from '../schemas.js';
import type { Requester, ResetClient, ResetPorts } from './ports.js';
import { queueResetRequest } from './queue-reset-request.js';
import { isAllowedResetUrl } from './reset-urls.js';

/**
 * Starts a reset. Answers the same value whether or not the account exists, and whether or not
 * the request was throttled: the lookup, the secret and the mail all happen in a job after the
 * answer, so neither the response nor its timing tells an attacker which addresses have
 * accounts. Throttles are keyed by the address whether or not it has an account.
 */
export async function requestPasswordReset(
  ports: Pick<ResetPorts, 'jobs' | 'clock' | 'limits' | 'audit' | 'intake' | 'codeFlows'>,
  client: ResetClient,
  input: RequestResetInput,
  requester: Requester,
): Promise<ResetResult<RequestResetOutput>> {
  // Checked before anything else, and independent of the address: it reveals nothing.
  if (input.resetUrl !== undefined && !isAllowedResetUrl(client, input.resetUrl)) return fail('RESET_URL_NOT_ALLOWED');
  const email = normalizeEmail(input.email);
  const { locale, resetUrl } = input;
  if (input.method === 'code') {
    // The flow exists for every address alike, before any lookup: its id is the same size, and
    // it fails the same way, whether or not the account exists (see ResetCodeFlowStore).
    const { flowId, flowRef } = await ports.codeFlows.open({ clientId: client.id, email });
    await queueResetRequest(ports, client, { email, address: input.email, delivery: 'code', locale, flowRef }, requester);
    return succeed({ accepted: true, flowId });
  }
  await queueResetRequest(ports, client, { email, address: input.email, delivery: 'link', locale, resetUrl }, requester);
  return succeed({ accepted: true });
}
