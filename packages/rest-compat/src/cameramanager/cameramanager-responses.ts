import type { Response } from 'express';
import type { components } from '@pwreset/legacy-openapi/generated/cameramanager';
import { CAMERAMANAGER_ERRORS, RETRY_AFTER_SECONDS, type CameramanagerErrorName } from './cameramanager-error-codes.js';

type ErrorBody = components['schemas']['Error'];
type OAuth2ErrorBody = components['schemas']['OAuth2Error'];

/** What a failed request is answered with: the swagger's `Error`, or its `OAuth2Error` (401). */
export type CameramanagerFailure =
  | { readonly kind: 'error'; readonly name: CameramanagerErrorName; readonly detail?: string }
  | { readonly kind: 'oauth2'; readonly error: 'unauthorized' | 'invalid_token' };

const OAUTH2_DESCRIPTIONS = {
  unauthorized: 'An access token is required: send Authorization: Bearer <token> from POST /oauth/token.',
  // The same words for unknown, expired and revoked tokens, and never the token itself.
  invalid_token: 'The access token is not valid.',
} as const;

/** Answers with the swagger's `Error` body (RFC 7807 style) and the status of our code table. */
export function sendCameramanagerError(res: Response, name: CameramanagerErrorName, detail?: string): void {
  const { code, status, title } = CAMERAMANAGER_ERRORS[name];
  if (name === 'SERVICE_UNAVAILABLE') res.set('Retry-After', String(RETRY_AFTER_SECONDS));
  if (name === 'METHOD_NOT_ALLOWED') res.set('Allow', 'POST');
  const body: ErrorBody = detail === undefined ? { code, title } : { code, title, detail };
  res.status(status).json(body);
}

/**
 * RFC 6750 §3: a 401 carries a Bearer challenge; `error="invalid_token"` only when a token was
 * presented ("if the request lacks any authentication information … SHOULD NOT include an error code").
 */
export function sendOAuth2Error(res: Response, error: 'unauthorized' | 'invalid_token'): void {
  const description = OAUTH2_DESCRIPTIONS[error];
  const challenge =
    error === 'invalid_token'
      ? `Bearer realm="pwreset", error="invalid_token", error_description="${description}"`
      : 'Bearer realm="pwreset"';
  const body: OAuth2ErrorBody = { error, error_description: description };
  res.status(401).set('WWW-Authenticate', challenge).json(body);
}

export function sendFailure(res: Response, failure: CameramanagerFailure): void {
  if (failure.kind === 'oauth2') return sendOAuth2Error(res, failure.error);
  sendCameramanagerError(res, failure.name, failure.detail);
}
