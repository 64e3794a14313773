import type { RequestHandler, Response } from 'express';
import type { components } from '@pwreset/legacy-openapi/generated/teenquotes';
import type { LegacyDependencies } from '../legacy-dependencies.js';
import { sendLaravelJson } from './laravel-json-response.js';
import { sendOAuthError } from './oauth-answers.js';
import { OAUTH_DESCRIPTIONS, readTokenRequest } from './oauth-token-request.js';
import { headersForUnreadBody, readTeenQuotesParameters, type ParameterReading } from './read-parameters.js';
import { TEENQUOTES_API_ERRORS } from './teenquotes-answers.js';

type BodyProblem = Extract<ParameterReading, { ok: false }>['problem'];

/** An unreadable body, in the token endpoint's envelope: invalid_request with our reason. */
const BODY_PROBLEM_ANSWERS = {
  TOO_LARGE: [413, TEENQUOTES_API_ERRORS.BODY_TOO_LARGE.error_message],
  UNREADABLE: [400, TEENQUOTES_API_ERRORS.INVALID_REQUEST.error_message],
  MALFORMED_JSON: [400, TEENQUOTES_API_ERRORS.MALFORMED_JSON.error_message],
  MALFORMED_MULTIPART: [400, TEENQUOTES_API_ERRORS.MALFORMED_MULTIPART.error_message],
  UNSUPPORTED_MEDIA_TYPE: [415, TEENQUOTES_API_ERRORS.UNSUPPORTED_MEDIA_TYPE.error_message],
} as const satisfies Record<BodyProblem, readonly [number, string]>;

/** Anything longer cannot be one of our credentials; refusing it early keeps hashing bounded. */
const MAX_CREDENTIAL_LENGTH = 512;

function sendInvalidClient(res: Response, basicUsed: boolean): void {
  // RFC 6749 §5.2: a 401 to a client that tried HTTP Basic names the scheme to use.
  sendOAuthError(
    res,
    401,
    'invalid_client',
    OAUTH_DESCRIPTIONS.invalidClient,
    basicUsed ? { 'WWW-Authenticate': 'Basic realm="teenquotes"' } : {},
  );
}

/**
 * `POST /oauth` with `grant_type=client_credentials`: an access token for an application allowed
 * to use Teen Quotes, in the document's shape (`expires` as a UNIX timestamp besides `expires_in`).
 */
export function oauthTokenHandler(deps: LegacyDependencies): RequestHandler {
  return async function issueClientToken(req, res) {
    const reading = await readTeenQuotesParameters(req);
    if (!reading.ok) {
      const [status, description] = BODY_PROBLEM_ANSWERS[reading.problem];
      return sendOAuthError(res, status, 'invalid_request', description, headersForUnreadBody(reading.problem));
    }
    const request = readTokenRequest(reading.parameters, req.headers.authorization);
    if (!request.ok) return sendOAuthError(res, 400, request.error, request.description);
    const plausible = request.clientId.length <= MAX_CREDENTIAL_LENGTH && request.clientSecret.length <= MAX_CREDENTIAL_LENGTH;
    const authenticated = plausible ? await deps.clients.authenticateSecret(request.clientId, request.clientSecret) : null;
    if (!authenticated || !authenticated.client.legacyApis.includes('teenquotes')) return sendInvalidClient(res, request.basicUsed);
    // Teen Quotes' clients were written against league/oauth2-server 2.1's tokens: 40 of [A-Za-z0-9].
    const issued = await deps.accessTokens.issue(authenticated.client.id, authenticated.credentialsVersion, 'league-oauth2-server');
    const now = Math.floor(deps.ports.clock.now().getTime() / 1000);
    const body: components['schemas']['AccessToken'] = {
      access_token: issued.accessToken,
      token_type: 'bearer',
      expires: now + issued.expiresIn,
      expires_in: issued.expiresIn,
    };
    sendLaravelJson(res, 200, body, { Pragma: 'no-cache' });
  };
}
