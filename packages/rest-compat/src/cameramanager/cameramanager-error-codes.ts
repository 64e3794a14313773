/**
 * Cameramanager's `Error.code` values. The swagger leaves them to us; clients parse the code,
 * never the title ("not guaranteed to stay the same"), so a published code never changes: add new
 * ones, never renumber. Grouped by hundreds so related codes stay together as the table grows.
 * The OpenAPI document lists the same table under `x-error-codes` (a unit test keeps them equal).
 */
export const CAMERAMANAGER_ERRORS = {
  /** 1000s: the request body. */
  VALIDATION_FAILED: { code: 1000, status: 400, title: 'Validation failed' },
  MALFORMED_BODY: { code: 1001, status: 400, title: 'Malformed request body' },
  /** 1100s: who is asking. (A missing or invalid token is an OAuth2Error, which has no code.) */
  CLIENT_NOT_ALLOWED: { code: 1100, status: 403, title: 'Forbidden' },
  /** 1200s: what is asked for. */
  ACCOUNT_NOT_FOUND: { code: 1200, status: 404, title: 'Resource not found' },
  UNKNOWN_PATH: { code: 1201, status: 404, title: 'Not found' },
  METHOD_NOT_ALLOWED: { code: 1202, status: 405, title: 'Method not allowed' },
  /** 1300s: how it is asked. */
  NOT_ACCEPTABLE: { code: 1300, status: 406, title: 'Not acceptable' },
  UNSUPPORTED_MEDIA_TYPE: { code: 1301, status: 415, title: 'Unsupported media type' },
  PAYLOAD_TOO_LARGE: { code: 1302, status: 413, title: 'Payload too large' },
  /** 1900s: our side. */
  INTERNAL_ERROR: { code: 1900, status: 500, title: 'Internal server error' },
  SERVICE_UNAVAILABLE: { code: 1901, status: 503, title: 'Service unavailable' },
} as const satisfies Record<string, { readonly code: number; readonly status: number; readonly title: string }>;

export type CameramanagerErrorName = keyof typeof CAMERAMANAGER_ERRORS;

/** Seconds a client should wait before retrying after a 503. */
export const RETRY_AFTER_SECONDS = 5;
