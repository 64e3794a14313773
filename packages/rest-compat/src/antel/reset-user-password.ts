import { completeTemporaryPasswordReset, effectivePasswordPolicy } from '@pwreset/contract/engine';
import type { Request } from 'express';
import type { LegacyDependencies } from '../legacy-dependencies.js';
import { outcomeAnswer, type AntelAnswer } from './antel-answer.js';
import { answerForFailure } from './antel-error-table.js';
import { UNAUTHORIZED_ANSWER, validationFailedAnswer } from './antel-transport-answers.js';
import type { ResetUserPasswordDto } from './bind-antel-dto.js';
import { clientForApiKey } from './client-for-api-key.js';
import { validateResetUserPassword } from './validate-antel-dto.js';

export const PASSWORD_CHANGED_ANSWER = outcomeAnswer(
  'Password changed',
  'Your password has been changed. Sign in with your new password.',
  true,
);

/**
 * `POST /user/password/reset`: in ServiceStack's order, authentication (a request filter) before
 * validation, then the service, which completes the reset with the mailed temporary password.
 */
export async function resetUserPassword(deps: LegacyDependencies, req: Request, dto: ResetUserPasswordDto): Promise<AntelAnswer> {
  const client = await clientForApiKey(deps, dto.ApiKey);
  if (!client) return UNAUTHORIZED_ANSWER;
  const validated = validateResetUserPassword(dto);
  if (!validated.valid) return validationFailedAnswer(validated.errors);
  const { TemporaryPassword, Password, EmailAddress } = validated.dto;
  // EmailAddress is optional: an empty one is no address, not an unknown one.
  const email = EmailAddress?.trim() ? EmailAddress : undefined;
  const result = await completeTemporaryPasswordReset(
    deps.ports,
    { temporaryPassword: TemporaryPassword, password: Password, ...(email === undefined ? {} : { email }) },
    deps.requesterOf(req),
    { clientId: client.id },
    deps.engineOptions,
  );
  if (result.ok) return PASSWORD_CHANGED_ANSWER;
  // The limits the engine checked: the client's, narrowed by its directory (a refusal means the engine reached it).
  const policy =
    result.error.code === 'PASSWORD_REJECTED'
      ? effectivePasswordPolicy(client.passwordPolicy, deps.ports.users.named(client.directory))
      : client.passwordPolicy;
  return answerForFailure(result.error, policy);
}
