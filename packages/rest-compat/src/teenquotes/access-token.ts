import type { Request, Response } from 'express';
import type { ResetClient } from '@pwreset/contract/engine';
import type { LegacyDependencies } from '../legacy-dependencies.js';
import { clientForAccessToken } from '../shared/bearer-client.js';
import { sendTeenQuotes, TEENQUOTES_API_ERRORS } from './teenquotes-answers.js';
import { headersForUnreadBody, readTeenQuotesParameters, type ParameterReading, type TeenQuotesParameters } from './read-parameters.js';

/**
 * The access token as league/oauth2-server 3.x's `determineAccessToken` finds it: a non-empty
 * `Authorization` header decides — `Bearer <token>`, or the bare token the remind document
 * shows (`Authorization: <token>`); of `Bearer a, Bearer a` (cURL's doubled header) the first
 * counts — and only without one, the `access_token` parameter.
 */
export function accessTokenOf(authorization: string | undefined, parameters: TeenQuotesParameters): string | undefined {
  if (authorization === undefined || authorization === '') return parameters.get('access_token');
  const token = (authorization.split(',')[0] ?? '').replace(/^\s*Bearer\s/i, '').trim();
  return /^Bearer$/i.test(token) ? '' : token;
}

const ANSWER_BY_BODY_PROBLEM = {
  TOO_LARGE: TEENQUOTES_API_ERRORS.BODY_TOO_LARGE,
  UNREADABLE: TEENQUOTES_API_ERRORS.INVALID_REQUEST,
  MALFORMED_JSON: TEENQUOTES_API_ERRORS.MALFORMED_JSON,
  MALFORMED_MULTIPART: TEENQUOTES_API_ERRORS.MALFORMED_MULTIPART,
  UNSUPPORTED_MEDIA_TYPE: TEENQUOTES_API_ERRORS.UNSUPPORTED_MEDIA_TYPE,
} as const satisfies Record<Extract<ParameterReading, { ok: false }>['problem'], unknown>;

export interface AuthenticatedRequest {
  readonly client: ResetClient;
  readonly parameters: TeenQuotesParameters;
}

/**
 * What the real API's `oauth` route filter did before every `/v1` resource: the body is read first
 * (the token may be in it), then the token must belong to an application allowed to use Teen
 * Quotes — another application's token is "not valid". Returns null once it has answered.
 */
export async function authenticateTeenQuotesRequest(
  deps: LegacyDependencies,
  req: Request,
  res: Response,
): Promise<AuthenticatedRequest | null> {
  const reading = await readTeenQuotesParameters(req);
  if (!reading.ok) {
    sendTeenQuotes(res, ANSWER_BY_BODY_PROBLEM[reading.problem], headersForUnreadBody(reading.problem));
    return null;
  }
  const bearer = await clientForAccessToken(deps, accessTokenOf(req.headers.authorization, reading.parameters), 'teenquotes');
  if (bearer.status === 'ok') return { client: bearer.client, parameters: reading.parameters };
  sendTeenQuotes(
    res,
    bearer.status === 'missing' ? TEENQUOTES_API_ERRORS.MISSING_ACCESS_TOKEN : TEENQUOTES_API_ERRORS.INVALID_ACCESS_TOKEN,
  );
  return null;
}
