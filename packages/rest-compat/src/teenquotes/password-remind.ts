import { emailSchema } from '@pwreset/contract';
import { requestLegacyPasswordReset } from '@pwreset/contract/engine';
import type { RequestHandler } from 'express';
import type { LegacyDependencies } from '../legacy-dependencies.js';
import { authenticateTeenQuotesRequest } from './access-token.js';
import { REMINDER_SENT, sendTeenQuotes, WRONG_USER } from './teenquotes-answers.js';
import { sendResetFailure } from './teenquotes-error-table.js';

/**
 * `POST /v1/password/remind` `{ email }`: mails a link carrying the reset token. A missing or
 * malformed address matches no user (`wrong_user`, as Laravel's `Password::remind` found none);
 * a well-formed one goes to the engine, which does the same work whether or not it has an
 * account, and answers `reminder_sent` for both under LEGACY_HIDE_UNKNOWN_ACCOUNTS.
 */
export function passwordRemindHandler(deps: LegacyDependencies): RequestHandler {
  return async function remindPassword(req, res) {
    const request = await authenticateTeenQuotesRequest(deps, req, res);
    if (request === null) return;
    const email = emailSchema.safeParse(request.parameters.get('email') ?? '');
    if (!email.success) return sendTeenQuotes(res, WRONG_USER);
    const resetRequest = { email: email.data, delivery: 'link' } as const;
    const result = await requestLegacyPasswordReset(deps.ports, request.client, resetRequest, deps.requesterOf(req), deps.engineOptions);
    // ACCOUNT_NOT_FOUND renders as wrong_user.
    if (!result.ok) return sendResetFailure(res, result.error);
    sendTeenQuotes(res, REMINDER_SENT);
  };
}
