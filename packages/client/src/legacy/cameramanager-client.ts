import type { components, operations, paths } from '@pwreset/legacy-openapi/generated/cameramanager';
import createClient from 'openapi-fetch';
import { callWithBearerToken, serviceTokenSource, type LegacyBearerClientOptions } from './bearer-token.js';
import { openApiFetchOptions, trimBaseUrl, type LegacyClientTransport } from './legacy-transport.js';
import { settleLegacyResponse, type DocumentedStatusTable, type LegacyResult } from './legacy-result.js';

/** Where the Cameramanager API lives under the service root (the document's `servers`). */
const CAMERAMANAGER_PREFIX = '/rest/v2.0';

export type CameramanagerClientOptions = LegacyBearerClientOptions;
export type CameramanagerPasswordResetRequest = components['schemas']['PasswordResetRequest'];
export type CameramanagerPasswordResetResult = LegacyResult<operations['resetPassword']>;

export interface CameramanagerClient {
  /**
   * `POST /rest/v2.0/passwordResets` (operation `resetPassword`): 204 when the reset mail is
   * queued; 404 (`error.code` 1200) when no account has the address, unless the deployment hides
   * unknown accounts; 400 (1000/1001) for an invalid body; 401 (an OAuth2 error) when the token is
   * refused even after one fresh token; 403 (1100) when the client may not use this API.
   */
  requestPasswordReset(request: CameramanagerPasswordResetRequest): Promise<CameramanagerPasswordResetResult>;
}

const RESET_PASSWORD_STATUSES: DocumentedStatusTable<operations['resetPassword']> = {
  204: true,
  400: true,
  401: true,
  403: true,
  404: true,
  406: true,
  413: true,
  415: true,
  500: true,
  503: true,
};

/**
 * A typed client of the Cameramanager v2.0 password-reset API, for the service root `baseUrl`. It
 * gets its bearer token from the service's `/oauth/token` (client credentials, cached until shortly
 * before expiry, one request for many concurrent calls), or from `getAccessToken`.
 */
export function createCameramanagerClient(options: CameramanagerClientOptions, transport: LegacyClientTransport = {}): CameramanagerClient {
  const tokens = serviceTokenSource(options, transport.fetch);
  const api = createClient<paths>(openApiFetchOptions(`${trimBaseUrl(options.baseUrl)}${CAMERAMANAGER_PREFIX}`, transport));
  return {
    requestPasswordReset: (request) =>
      callWithBearerToken(tokens, async (accessToken) =>
        settleLegacyResponse(
          'Cameramanager POST /passwordResets',
          RESET_PASSWORD_STATUSES,
          await api.POST('/passwordResets', { body: request, headers: { Authorization: `Bearer ${accessToken}` }, parseAs: 'text' }),
        ),
      ),
  };
}
