import type { ResetErrorCode } from '../error-codes.js';
import type { ResetTokenLookup } from './ports.js';

/** Why a secret cannot be used, as the error code the caller sees. */
export const RESET_ERROR_BY_TOKEN_STATUS = {
  unknown: 'TOKEN_INVALID',
  expired: 'TOKEN_EXPIRED',
  used: 'TOKEN_USED',
  superseded: 'TOKEN_SUPERSEDED',
  locked: 'TOKEN_LOCKED',
} as const satisfies Record<Exclude<ResetTokenLookup['status'], 'active'>, ResetErrorCode>;
