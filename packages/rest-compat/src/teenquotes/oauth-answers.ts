import type { Response } from 'express';
import type { components } from '@pwreset/legacy-openapi/generated/teenquotes';
import { sendLaravelJson } from './laravel-json-response.js';

type OAuthError = components['schemas']['OAuthError'];

/** Writes a token endpoint error; RFC 6749 §5.1 forbids caching any token response. */
export function sendOAuthError(
  res: Response,
  status: number,
  error: OAuthError['error'],
  description: string,
  headers: Record<string, string> = {},
): void {
  const body: OAuthError = { error, error_description: description };
  sendLaravelJson(res, status, body, { Pragma: 'no-cache', ...headers });
}

export const OAUTH_SERVER_ERROR_DESCRIPTION =
  'The authorization server encountered an unexpected condition which prevented it from fulfilling the request.';
export const OAUTH_UNAVAILABLE_DESCRIPTION =
  'The authorization server is currently unable to handle the request due to a temporary overloading or maintenance of the server.';
