import { DependencyUnavailableError } from '@pwreset/contract';
import { Router, type ErrorRequestHandler, type RequestHandler } from 'express';
import type { LegacyDependencies } from '../legacy-dependencies.js';
import { OAUTH_SERVER_ERROR_DESCRIPTION, OAUTH_UNAVAILABLE_DESCRIPTION, sendOAuthError } from './oauth-answers.js';
import { oauthTokenHandler } from './oauth-token-route.js';
import { passwordRemindHandler } from './password-remind.js';
import { passwordResetHandler } from './password-reset.js';
import { sendTeenQuotes, TEENQUOTES_API_ERRORS } from './teenquotes-answers.js';

/** Seconds a client should wait when Redis is away: long enough for a restart, short enough to retry. */
const RETRY_AFTER_UNAVAILABLE = '5';

const answerMethodNotAllowed: RequestHandler = (_req, res) =>
  sendTeenQuotes(res, TEENQUOTES_API_ERRORS.METHOD_NOT_ALLOWED, { Allow: 'POST' });
const answerUnknownPath: RequestHandler = (_req, res) => sendTeenQuotes(res, TEENQUOTES_API_ERRORS.UNKNOWN_PATH);

/** Last resort under `/v1`: Redis away → 503; anything else → 500, logged, never described. */
function answerUnexpectedErrors(deps: LegacyDependencies): ErrorRequestHandler {
  return function answerUnexpectedError(error: unknown, _req, res, next) {
    if (res.headersSent) return next(error);
    if (error instanceof DependencyUnavailableError)
      return sendTeenQuotes(res, TEENQUOTES_API_ERRORS.SERVICE_UNAVAILABLE, { 'Retry-After': RETRY_AFTER_UNAVAILABLE });
    deps.logError(error, 'teenquotes request failed');
    sendTeenQuotes(res, TEENQUOTES_API_ERRORS.INTERNAL_ERROR);
  };
}

/** The same for `/oauth`, in the token endpoint's envelope. */
function answerUnexpectedOAuthErrors(deps: LegacyDependencies): ErrorRequestHandler {
  return function answerUnexpectedOAuthError(error: unknown, _req, res, next) {
    if (res.headersSent) return next(error);
    if (error instanceof DependencyUnavailableError) {
      return sendOAuthError(res, 503, 'temporarily_unavailable', OAUTH_UNAVAILABLE_DESCRIPTION, { 'Retry-After': RETRY_AFTER_UNAVAILABLE });
    }
    deps.logError(error, 'teenquotes token request failed');
    sendOAuthError(res, 500, 'server_error', OAUTH_SERVER_ERROR_DESCRIPTION);
  };
}

/**
 * Teen Quotes API v1 (`docs/teenquotes.md`): `POST /oauth` and the password
 * resources under `/v1`, where every path answers in Teen Quotes' envelope. Anything else (such
 * as our own `/oauth/token`) goes on to `next()`.
 */
export function teenquotesRoutes(deps: LegacyDependencies): Router {
  const v1 = Router();
  v1.post('/password/remind', passwordRemindHandler(deps));
  v1.post('/password/reset', passwordResetHandler(deps));
  v1.all(['/password/remind', '/password/reset'], answerMethodNotAllowed);
  v1.use(answerUnknownPath);
  v1.use(answerUnexpectedErrors(deps));

  const oauth = Router();
  oauth.post('/oauth', oauthTokenHandler(deps));
  oauth.all('/oauth', (_req, res) => sendOAuthError(res, 405, 'invalid_request', 'Use POST.', { Allow: 'POST' }));
  oauth.use(answerUnexpectedOAuthErrors(deps));

  const router = Router();
  router.use('/v1', v1);
  router.use(oauth);
  return router;
}
