// Browser-safe, like the main entry point: openapi-fetch over the global fetch, no Node built-ins.
export {
  createAntelClient,
  type AntelClient,
  type AntelClientOptions,
  type AntelResetPasswordRequest,
  type AntelResetPasswordResult,
  type AntelTemporaryPasswordRequest,
  type AntelTemporaryPasswordResult,
} from './antel-client.js';
export { parseAntelResponse, stringifyAntelRequest } from './antel-jsv.js';
export type { LegacyBearerClientOptions } from './bearer-token.js';
export type { LegacyClientTransport } from './legacy-transport.js';
export {
  createCameramanagerClient,
  type CameramanagerClient,
  type CameramanagerClientOptions,
  type CameramanagerPasswordResetRequest,
  type CameramanagerPasswordResetResult,
} from './cameramanager-client.js';
export { LegacyApiResponseError, type DocumentedStatus, type LegacyResult } from './legacy-result.js';
export {
  createTeenQuotesClient,
  type TeenQuotesClient,
  type TeenQuotesClientOptions,
  type TeenQuotesRemindRequest,
  type TeenQuotesRemindResult,
  type TeenQuotesResetRequest,
  type TeenQuotesResetResult,
} from './teenquotes-client.js';
export {
  createTrafficOpsClient,
  type TrafficOpsApiVersion,
  type TrafficOpsClient,
  type TrafficOpsClientOptions,
  type TrafficOpsPasswordResetRequest,
  type TrafficOpsPasswordResetResult,
} from './trafficops-client.js';
export { AccessTokenError } from '../trpc/access-token-source.js';
