import { DEFAULT_PASSWORD_POLICY, emailSchema, type PasswordPolicy } from '@pwreset/contract';
import { completePasswordResetForAccount } from '@pwreset/contract/engine';
import type { RequestHandler } from 'express';
import type { LegacyDependencies } from '../legacy-dependencies.js';
import { authenticateTeenQuotesRequest } from './access-token.js';
import { PASSWORD_RESET, sendTeenQuotes, WRONG_USER } from './teenquotes-answers.js';
import { sendResetFailure } from './teenquotes-error-table.js';

/** The document's "at least 6 characters" (code points, as Laravel's `mb_strlen`); our usual maximum. */
export const TEENQUOTES_PASSWORD_POLICY: PasswordPolicy = { minLength: 6, maxLength: DEFAULT_PASSWORD_POLICY.maxLength };

/**
 * `POST /v1/password/reset` `{ email, token, password }`. The engine checks in the document's
 * order — the user, the password, then the token — so a refused password does not spend the
 * token. Absent parameters are empty: no user, too short, not a token.
 */
export function passwordResetHandler(deps: LegacyDependencies): RequestHandler {
  return async function resetPassword(req, res) {
    const request = await authenticateTeenQuotesRequest(deps, req, res);
    if (request === null) return;
    const { parameters, client } = request;
    const email = emailSchema.safeParse(parameters.get('email') ?? '');
    // Not an address: it cannot match a user, the first check (the switch hides accounts, not syntax).
    if (!email.success) return sendTeenQuotes(res, WRONG_USER);
    const result = await completePasswordResetForAccount(
      deps.ports,
      { email: email.data, token: parameters.get('token') ?? '', password: parameters.get('password') ?? '' },
      deps.requesterOf(req),
      { clientId: client.id, passwordPolicy: TEENQUOTES_PASSWORD_POLICY },
      deps.engineOptions,
    );
    if (!result.ok) return sendResetFailure(res, result.error);
    sendTeenQuotes(res, PASSWORD_RESET);
  };
}
