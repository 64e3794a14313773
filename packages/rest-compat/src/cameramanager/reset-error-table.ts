import { RESET_ERROR_MESSAGES, type ResetErrorCode, type ResetFailure } from '@pwreset/contract';
import type { CameramanagerFailure } from './cameramanager-responses.js';

const error = (name: Extract<CameramanagerFailure, { kind: 'error' }>['name']): CameramanagerFailure => ({ kind: 'error', name });

/**
 * Our error codes as Cameramanager answers; the compiler keeps it complete. The request operation
 * can only meet a few of them (the engine answers a throttled request as accepted), but every
 * code has an answer the document declares, so nothing the engine may return goes unrendered.
 */
export const CAMERAMANAGER_FAILURE_BY_RESET_ERROR = {
  INVALID_INPUT: error('VALIDATION_FAILED'),
  UNAUTHORIZED: { kind: 'oauth2', error: 'invalid_token' },
  // Only our admin procedures answer these two; no Cameramanager route can meet them.
  FORBIDDEN: error('INTERNAL_ERROR'),
  ACCOUNT_DISABLED: error('INTERNAL_ERROR'),
  // Code flows are our own API's (`method: "code"`); no Cameramanager route can meet them.
  CODE_INVALID: error('INTERNAL_ERROR'),
  FLOW_LOCKED: error('INTERNAL_ERROR'),
  FLOW_EXPIRED: error('INTERNAL_ERROR'),
  RESET_URL_NOT_ALLOWED: error('VALIDATION_FAILED'),
  TOKEN_INVALID: error('VALIDATION_FAILED'),
  TOKEN_EXPIRED: error('VALIDATION_FAILED'),
  TOKEN_USED: error('VALIDATION_FAILED'),
  TOKEN_SUPERSEDED: error('VALIDATION_FAILED'),
  TOKEN_LOCKED: error('VALIDATION_FAILED'),
  PASSWORD_REJECTED: error('VALIDATION_FAILED'),
  ACCOUNT_NOT_FOUND: error('ACCOUNT_NOT_FOUND'),
  // The swagger knows no 429; a 503 with Retry-After says "later" in a way its clients handle.
  TOO_MANY_REQUESTS: error('SERVICE_UNAVAILABLE'),
  PAYLOAD_TOO_LARGE: error('PAYLOAD_TOO_LARGE'),
  SERVICE_UNAVAILABLE: error('SERVICE_UNAVAILABLE'),
  INTERNAL_ERROR: error('INTERNAL_ERROR'),
} as const satisfies Record<ResetErrorCode, CameramanagerFailure>;

/** The answer to an engine failure; the detail is our code's fixed message, never an input. */
export function failureForResetError(failure: ResetFailure): CameramanagerFailure {
  const answer: CameramanagerFailure = CAMERAMANAGER_FAILURE_BY_RESET_ERROR[failure.code];
  return answer.kind === 'error' ? { ...answer, detail: RESET_ERROR_MESSAGES[failure.code] } : answer;
}
