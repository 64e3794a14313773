import type { TRPC_ERROR_CODE_KEY } from '@trpc/server/rpc';
import type { ResetErrorCode } from '../error-codes.js';

/** Our error codes as tRPC codes (and so HTTP statuses); the compiler keeps it complete. */
export const TRPC_CODE_BY_RESET_ERROR = {
  INVALID_INPUT: 'BAD_REQUEST',
  UNAUTHORIZED: 'UNAUTHORIZED',
  FORBIDDEN: 'FORBIDDEN',
  RESET_URL_NOT_ALLOWED: 'BAD_REQUEST',
  TOKEN_INVALID: 'BAD_REQUEST',
  TOKEN_EXPIRED: 'BAD_REQUEST',
  TOKEN_USED: 'BAD_REQUEST',
  TOKEN_SUPERSEDED: 'BAD_REQUEST',
  TOKEN_LOCKED: 'BAD_REQUEST',
  CODE_INVALID: 'BAD_REQUEST',
  FLOW_LOCKED: 'BAD_REQUEST',
  FLOW_EXPIRED: 'BAD_REQUEST',
  PASSWORD_REJECTED: 'UNPROCESSABLE_CONTENT',
  ACCOUNT_NOT_FOUND: 'NOT_FOUND',
  ACCOUNT_DISABLED: 'CONFLICT',
  TOO_MANY_REQUESTS: 'TOO_MANY_REQUESTS',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  INTERNAL_ERROR: 'INTERNAL_SERVER_ERROR',
} as const satisfies Record<ResetErrorCode, TRPC_ERROR_CODE_KEY>;

/** tRPC's own codes (raised before our code runs) as ours. */
export function resetCodeForTrpcCode(code: TRPC_ERROR_CODE_KEY): ResetErrorCode {
  switch (code) {
    case 'PARSE_ERROR':
    case 'BAD_REQUEST':
    case 'NOT_FOUND':
    case 'METHOD_NOT_SUPPORTED':
    case 'UNSUPPORTED_MEDIA_TYPE':
      return 'INVALID_INPUT';
    case 'UNAUTHORIZED':
      return 'UNAUTHORIZED';
    case 'FORBIDDEN':
      return 'FORBIDDEN';
    case 'PAYLOAD_TOO_LARGE':
      return 'PAYLOAD_TOO_LARGE';
    case 'TOO_MANY_REQUESTS':
      return 'TOO_MANY_REQUESTS';
    case 'SERVICE_UNAVAILABLE':
      return 'SERVICE_UNAVAILABLE';
    default:
      return 'INTERNAL_ERROR';
  }
}
