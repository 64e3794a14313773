import type { components, operations, paths } from '@pwreset/legacy-openapi/generated/trafficops';
import createClient from 'openapi-fetch';
import { openApiFetchOptions, type LegacyClientTransport } from './legacy-transport.js';
import { settleLegacyResponse, type DocumentedStatusTable, type LegacyResult } from './legacy-result.js';

/** An API version the service serves: major 3, 4 or 5, any minor. */
export type TrafficOpsApiVersion = `${3 | 4 | 5}.${number}`;

export interface TrafficOpsClientOptions {
  /** The service root; requests go to `<baseUrl>/api/<apiVersion>/…`. */
  readonly baseUrl: string;
  /** Default `'5.0'`. */
  readonly apiVersion?: TrafficOpsApiVersion;
}

export type TrafficOpsPasswordResetRequest = Pick<components['schemas']['UserPasswordResetRequest'], 'email'>;
export type TrafficOpsPasswordResetResult = LegacyResult<operations['resetPassword']>;

export interface TrafficOpsClient {
  /**
   * `POST /api/{version}/user/reset_password`: 200 with a `success` alert when the mail is queued;
   * 404 when no account has the address (unless the deployment hides unknown accounts); 400
   * (`Malformed request: …`) for an address Go's net/mail would not parse; 503 when throttled or
   * when the store is unreachable. The answer is the Traffic Ops alerts envelope in every case;
   * `headers.get('Whole-Content-Sha512')` carries its digest.
   */
  requestPasswordReset(request: TrafficOpsPasswordResetRequest): Promise<TrafficOpsPasswordResetResult>;
}

const RESET_PASSWORD_STATUSES: DocumentedStatusTable<operations['resetPassword']> = {
  200: true,
  400: true,
  404: true,
  413: true,
  500: true,
  503: true,
};

/**
 * A typed client of Apache Traffic Ops' `user/reset_password`. It sends no credentials: the
 * service answers Traffic Ops requests on behalf of the one client bound to that API.
 */
export function createTrafficOpsClient(options: TrafficOpsClientOptions, transport: LegacyClientTransport = {}): TrafficOpsClient {
  const { baseUrl, apiVersion = '5.0' } = options;
  const api = createClient<paths>(openApiFetchOptions(baseUrl, transport));
  return {
    requestPasswordReset: async (request) =>
      settleLegacyResponse(
        `Traffic Ops POST /api/${apiVersion}/user/reset_password`,
        RESET_PASSWORD_STATUSES,
        await api.POST('/api/{version}/user/reset_password', { params: { path: { version: apiVersion } }, body: request, parseAs: 'text' }),
      ),
  };
}
