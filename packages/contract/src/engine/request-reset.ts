import { normalizeEmail } from '../normalize-email.js';
import { fail, succeed, type ResetResult } from '../result.js';
import type { RequestResetInput, RequestResetOutput } from '../schemas.js';
import type { ResetClient, ResetPorts } from './ports.js';
import { isAllowedResetUrl } from './reset-urls.js';

/**
 * Starts a reset. Answers the same value whether or not the account exists: the lookup, the
 * secret and the mail all happen in a job after the answer, so neither the response nor its
 * timing can tell an attacker which addresses have accounts.
 */
export async function requestPasswordReset(
  ports: Pick<ResetPorts, 'jobs' | 'clock'>,
  client: ResetClient,
  input: RequestResetInput,
): Promise<ResetResult<RequestResetOutput>> {
  // Checked before anything else, and independent of the address: it reveals nothing.
  if (input.resetUrl !== undefined && !isAllowedResetUrl(client, input.resetUrl)) return fail('RESET_URL_NOT_ALLOWED');
  await ports.jobs.enqueue({
    type: 'reset-requested',
    email: normalizeEmail(input.email),
    ...(input.locale === undefined ? {} : { locale: input.locale }),
    clientId: client.id,
    ...(input.resetUrl === undefined ? {} : { resetUrl: input.resetUrl }),
    requestedAt: ports.clock.now().toISOString(),
  });
  return succeed({ accepted: true });
}
