import type { operations, paths } from '@pwreset/legacy-openapi/generated/teenquotes';
import type { Client } from 'openapi-fetch';
import { AccessTokenError, cachedAccessTokenSource, type AccessTokenSource } from '../trpc/access-token-source.js';
import { LegacyApiResponseError, settleLegacyResponse, type DocumentedStatusTable } from './legacy-result.js';

export interface TeenQuotesCredentials {
  readonly clientId: string;
  readonly clientSecret: string;
}

const OAUTH_STATUSES: DocumentedStatusTable<operations['postOauthClientCredentials']> = {
  200: true,
  400: true,
  401: true,
  405: true,
  413: true,
  415: true,
  500: true,
  503: true,
};

function formBody(body: object | undefined): string {
  return new URLSearchParams(Object.entries(body ?? {}) as [string, string][]).toString();
}

/**
 * Teen Quotes' own token endpoint, `POST /oauth` (client credentials as form parameters, as its
 * document shows), cached until shortly before `expires_in` runs out; one request for many
 * concurrent callers. Any refusal, or an answer its document does not describe, is an
 * {@link AccessTokenError} (with league/oauth2-server's `error` code when there is one).
 */
export function teenQuotesTokenSource(api: Client<paths>, credentials: TeenQuotesCredentials): AccessTokenSource {
  const operation = 'Teen Quotes POST /oauth';
  return cachedAccessTokenSource(async () => {
    const outcome = await api.POST('/oauth', {
      body: { grant_type: 'client_credentials', client_id: credentials.clientId, client_secret: credentials.clientSecret },
      bodySerializer: formBody,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      parseAs: 'text',
    });
    let result;
    try {
      result = settleLegacyResponse(operation, OAUTH_STATUSES, outcome);
    } catch (error) {
      if (error instanceof LegacyApiResponseError) throw new AccessTokenError(error.message, error.status);
      throw error;
    }
    if (result.ok) return { accessToken: result.data.access_token, expiresInSeconds: result.data.expires_in };
    throw new AccessTokenError(`${operation} answered ${result.status} (${result.error.error})`, result.status, result.error.error);
  });
}
