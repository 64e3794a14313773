import type { components, operations, paths } from '@pwreset/legacy-openapi/generated/teenquotes';
import createClient from 'openapi-fetch';
import { bearerTokenSource, callWithBearerToken, type LegacyBearerClientOptions } from './bearer-token.js';
import { openApiFetchOptions, type LegacyClientTransport } from './legacy-transport.js';
import { settleLegacyResponse, type DocumentedStatusTable, type LegacyResult } from './legacy-result.js';
import { teenQuotesTokenSource } from './teenquotes-token-source.js';

export type TeenQuotesClientOptions = LegacyBearerClientOptions;

type ResetParameters = components['schemas']['ResetParameters'];
export type TeenQuotesRemindRequest = { readonly email: string };
export type TeenQuotesResetRequest = Readonly<Required<Pick<ResetParameters, 'email' | 'token' | 'password'>>>;
export type TeenQuotesRemindResult = LegacyResult<operations['postPasswordRemind']>;
export type TeenQuotesResetResult = LegacyResult<operations['postPasswordReset']>;

export interface TeenQuotesClient {
  /**
   * `POST /v1/password/remind`: 200 `reminder_sent` when the mail with the token is on its way;
   * 400 `wrong_user` (`error.status`) when no account has the address (unless the deployment hides
   * unknown accounts); 401 `unauthorized` when the token is refused even after one fresh token;
   * 429 when throttled (`Retry-After`).
   */
  requestPasswordReset(request: TeenQuotesRemindRequest): Promise<TeenQuotesRemindResult>;
  /**
   * `POST /v1/password/reset`: 200 `password_reset`; 400 with `error.status` `wrong_user`,
   * `wrong_password` (the token still works) or `wrong_token`, checked in that order; 401, 429 as
   * for `requestPasswordReset`.
   */
  resetPassword(request: TeenQuotesResetRequest): Promise<TeenQuotesResetResult>;
}

const REMIND_STATUSES: DocumentedStatusTable<operations['postPasswordRemind']> = {
  200: true,
  400: true,
  401: true,
  405: true,
  413: true,
  415: true,
  429: true,
  500: true,
  503: true,
};

const RESET_STATUSES: DocumentedStatusTable<operations['postPasswordReset']> = REMIND_STATUSES;

/**
 * A typed client of the Teen Quotes v1 password resources, for the service root `baseUrl`. It gets
 * its token from Teen Quotes' own `POST /oauth` (cached until shortly before `expires_in`; one
 * request for many concurrent calls; a fresh one when the API refuses it), or from `getAccessToken`.
 */
export function createTeenQuotesClient(options: TeenQuotesClientOptions, transport: LegacyClientTransport = {}): TeenQuotesClient {
  const api = createClient<paths>(openApiFetchOptions(options.baseUrl, transport));
  const tokens = bearerTokenSource(options, (credentials) => teenQuotesTokenSource(api, credentials));
  const authorization = (accessToken: string) => ({ Authorization: `Bearer ${accessToken}` });

  return {
    requestPasswordReset: ({ email }) =>
      callWithBearerToken(tokens, async (accessToken) =>
        settleLegacyResponse(
          'Teen Quotes POST /v1/password/remind',
          REMIND_STATUSES,
          await api.POST('/v1/password/remind', { body: { email }, headers: authorization(accessToken), parseAs: 'text' }),
        ),
      ),
    resetPassword: ({ email, token, password }) =>
      callWithBearerToken(tokens, async (accessToken) =>
        settleLegacyResponse(
          'Teen Quotes POST /v1/password/reset',
          RESET_STATUSES,
          await api.POST('/v1/password/reset', { body: { email, token, password }, headers: authorization(accessToken), parseAs: 'text' }),
        ),
      ),
  };
}
