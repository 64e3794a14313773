import { requestLegacyPasswordReset } from '@pwreset/contract/engine';
import type { Request } from 'express';
import type { LegacyDependencies } from '../legacy-dependencies.js';
import { outcomeAnswer, type AntelAnswer } from './antel-answer.js';
import { answerForFailure } from './antel-error-table.js';
import { UNAUTHORIZED_ANSWER, validationFailedAnswer } from './antel-transport-answers.js';
import type { ForgotUserPasswordDto } from './bind-antel-dto.js';
import { clientForApiKey } from './client-for-api-key.js';
import { validateForgotUserPassword } from './validate-antel-dto.js';

export const TEMPORARY_PASSWORD_SENT_ANSWER = outcomeAnswer(
  'Temporary password sent',
  'We have emailed you a temporary password. Use it to choose a new password; it works once and expires within an hour.',
  true,
);

/**
 * `POST /user/password/forgot`: mails a temporary password. The engine does the same work
 * whether or not the account exists; only its answer differs (ACCOUNT_NOT_FOUND), and not even
 * that when the operator hides unknown accounts (LEGACY_HIDE_UNKNOWN_ACCOUNTS).
 */
export async function forgotUserPassword(deps: LegacyDependencies, req: Request, dto: ForgotUserPasswordDto): Promise<AntelAnswer> {
  const client = await clientForApiKey(deps, dto.ApiKey);
  if (!client) return UNAUTHORIZED_ANSWER;
  const validated = validateForgotUserPassword(dto);
  if (!validated.valid) return validationFailedAnswer(validated.errors);
  const email = validated.dto.EmailAddress;
  const resetRequest = { email, delivery: 'temporary-password' } as const;
  const result = await requestLegacyPasswordReset(deps.ports, client, resetRequest, deps.requesterOf(req), deps.engineOptions);
  return result.ok ? TEMPORARY_PASSWORD_SENT_ANSWER : answerForFailure(result.error, client.passwordPolicy);
}
