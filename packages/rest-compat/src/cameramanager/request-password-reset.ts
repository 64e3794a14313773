import { requestLegacyPasswordReset } from '@pwreset/contract/engine';
import type { RequestHandler } from 'express';
import type { LegacyDependencies } from '../legacy-dependencies.js';
import { bearerTokenOf, clientForAccessToken } from '../shared/bearer-client.js';
import { readRawBody } from '../shared/read-raw-body.js';
import { sendCameramanagerError, sendFailure, sendOAuth2Error } from './cameramanager-responses.js';
import { isJsonContentType, parsePasswordResetRequest } from './password-reset-request.js';
import { failureForResetError } from './reset-error-table.js';

const BEARER_PRESENTED = /^Bearer\s+\S/i;

/**
 * `POST /rest/v2.0/passwordResets`: the checks in the order a servlet stack makes them —
 * authentication (401/403), then content negotiation (406, 415), then the body (413, 400) —
 * and only then the engine (204, or 404 for an address no account has, unless the engine hides it).
 */
export function requestPasswordResetHandler(deps: LegacyDependencies): RequestHandler {
  return async function requestPasswordReset(req, res) {
    const authorization = req.get('authorization');
    const bearer = await clientForAccessToken(deps, bearerTokenOf(authorization), 'cameramanager');
    // `Bearer two words` is a token presented in a broken form: invalid, not missing (RFC 6750 §3.1).
    if (bearer.status === 'missing')
      return sendOAuth2Error(res, BEARER_PRESENTED.test(authorization ?? '') ? 'invalid_token' : 'unauthorized');
    if (bearer.status === 'invalid') return sendOAuth2Error(res, 'invalid_token');
    if (bearer.status === 'forbidden')
      return sendCameramanagerError(res, 'CLIENT_NOT_ALLOWED', 'This application is not allowed to use the Cameramanager API.');

    // `req.accepts` honours q-values and specificity (`*/*;q=0` or `text/html` alone exclude JSON).
    if (!req.accepts('application/json')) return sendCameramanagerError(res, 'NOT_ACCEPTABLE', 'This API answers application/json only.');
    if (!isJsonContentType(req.get('content-type')))
      return sendCameramanagerError(res, 'UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json in UTF-8.');

    const raw = await readRawBody(req);
    if (!raw.ok) {
      return raw.reason === 'TOO_LARGE'
        ? sendCameramanagerError(res, 'PAYLOAD_TOO_LARGE', 'The body must not exceed 16384 bytes.')
        : sendCameramanagerError(res, 'MALFORMED_BODY', 'The body could not be read.');
    }
    const request = parsePasswordResetRequest(raw.bytes);
    if (!request.ok) return sendFailure(res, request.failure);

    const resetRequest = { email: request.value.email, delivery: 'link' } as const;
    const result = await requestLegacyPasswordReset(deps.ports, bearer.client, resetRequest, deps.requesterOf(req), deps.engineOptions);
    if (!result.ok) return sendFailure(res, failureForResetError(result.error));
    res.status(204).end();
  };
}
