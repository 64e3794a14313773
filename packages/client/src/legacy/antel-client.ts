import type { components, operations, paths } from '@pwreset/legacy-openapi/generated/antel';
import createClient from 'openapi-fetch';
import { decodeJsvOutcome, JSV_MEDIA_TYPE, stringifyAntelRequest } from './antel-jsv.js';
import { openApiFetchOptions, type LegacyClientTransport } from './legacy-transport.js';
import { settleLegacyResponse, type DocumentedStatusTable, type LegacyResult } from './legacy-result.js';

export interface AntelClientOptions {
  /** The service root (Antel clients use it as their base URL). */
  readonly baseUrl: string;
  /** The client's API key (`apiKey` from `pnpm cli clients add … --legacy antel`), sent as the DTO's `ApiKey`. */
  readonly apiKey: string;
  /**
   * The wire format of requests and answers: `'json'` (default), or `'jsv'` for ServiceStack's
   * JSV (`Content-Type: text/jsv`, `Accept: text/jsv`). Results have the same types either way.
   */
  readonly format?: 'json' | 'jsv';
}

/** The reset DTO without `ApiKey`, which the client adds. */
export type AntelResetPasswordRequest = Omit<components['schemas']['ResetUserPasswordRequest'], 'ApiKey'>;
/** The forgot DTO without `ApiKey`, which the client adds. */
export type AntelTemporaryPasswordRequest = Omit<components['schemas']['ForgotUserPasswordRequest'], 'ApiKey'>;
export type AntelResetPasswordResult = LegacyResult<operations['resetUserPassword']>;
export type AntelTemporaryPasswordResult = LegacyResult<operations['forgotUserPassword']>;

export interface AntelClient {
  /**
   * `POST /user/password/forgot`: mails the account a temporary password. 200 in both outcomes:
   * `data.wasSuccessful` true (mailed) or false (no account, unless the deployment hides unknown
   * accounts); 400 `NotEmpty` without an address; 401 `Unauthorized` for a refused API key.
   */
  requestTemporaryPassword(request: AntelTemporaryPasswordRequest): Promise<AntelTemporaryPasswordResult>;
  /**
   * `POST /user/password/reset`: sets the new password with the temporary one. 200 with
   * `data.wasSuccessful` true (changed) or false (wrong, used, expired or locked temporary
   * password; unknown address; password refused, with `heading`/`description` saying which);
   * 400 with FluentValidation errors (`NotEmpty`, `Equal`) or `RequestBindingException`; 401 for a
   * refused API key; 429 when throttled (`Retry-After`).
   */
  resetPassword(request: AntelResetPasswordRequest): Promise<AntelResetPasswordResult>;
}

const FORGOT_STATUSES: DocumentedStatusTable<operations['forgotUserPassword']> = {
  200: true,
  400: true,
  401: true,
  405: true,
  413: true,
  415: true,
  500: true,
  503: true,
};

const RESET_STATUSES: DocumentedStatusTable<operations['resetUserPassword']> = { ...FORGOT_STATUSES, 429: true };

/** A typed client of Antel's ServiceStack password API, speaking JSON or JSV. */
export function createAntelClient(options: AntelClientOptions, transport: LegacyClientTransport = {}): AntelClient {
  const { baseUrl, apiKey, format = 'json' } = options;
  const api = createClient<paths>(openApiFetchOptions(baseUrl, transport));
  const wire =
    format === 'jsv'
      ? {
          headers: { 'Content-Type': JSV_MEDIA_TYPE, Accept: JSV_MEDIA_TYPE },
          bodySerializer: stringifyAntelRequest,
          parseAs: 'text' as const,
        }
      : { headers: { Accept: 'application/json' }, parseAs: 'text' as const };

  return {
    requestTemporaryPassword: async (request) => {
      const operation = 'Antel POST /user/password/forgot';
      const outcome = await api.POST('/user/password/forgot', { ...wire, body: { ...request, ApiKey: apiKey } });
      return settleLegacyResponse(operation, FORGOT_STATUSES, decodeJsvOutcome(operation, outcome));
    },
    resetPassword: async (request) => {
      const operation = 'Antel POST /user/password/reset';
      const outcome = await api.POST('/user/password/reset', { ...wire, body: { ...request, ApiKey: apiKey } });
      return settleLegacyResponse(operation, RESET_STATUSES, decodeJsvOutcome(operation, outcome));
    },
  };
}
