/**
 * The closed list of error codes a caller of the reset API can receive.
 * Clients narrow on these codes, never on the message text.
 */
export const RESET_ERROR_MESSAGES = {
  INVALID_INPUT: 'The request is not valid.',
  UNAUTHORIZED: 'The application must authenticate with a valid access token.',
  /** Authenticated, but not allowed this call or option (an admin call without `password-reset:admin`, for one). */
  FORBIDDEN: 'The application is not allowed to do this.',
  RESET_URL_NOT_ALLOWED: 'The reset URL is not one this application registered.',
  TOKEN_INVALID: 'This reset link is not valid.',
  TOKEN_EXPIRED: 'This reset link has expired.',
  TOKEN_USED: 'This reset link has already been used.',
  TOKEN_SUPERSEDED: 'A newer reset link has been sent; only the latest one works.',
  TOKEN_LOCKED: 'This reset link was tried too many times; ask for a new one.',
  /** A code flow (`method: "code"`): the code typed is not the one mailed for this flow (counted). */
  CODE_INVALID: 'This code is not the one we sent.',
  /** A code flow had too many wrong codes; it no longer works, even with the right one. */
  FLOW_LOCKED: 'This code was entered wrongly too many times; ask for a new one.',
  /** A code flow ran out (RESET_CODE_TTL), was used, or a newer request replaced it. */
  FLOW_EXPIRED: 'This code no longer works; ask for a new one.',
  PASSWORD_REJECTED: 'The new password does not meet the password policy.',
  /** Only the legacy APIs, whose documents reveal it, ever answer this. */
  ACCOUNT_NOT_FOUND: 'No account has this address.',
  /** Only operator paths (admin-started resets), which answer the real outcome, ever answer this. */
  ACCOUNT_DISABLED: 'The account is disabled.',
  TOO_MANY_REQUESTS: 'Too many attempts; try again later.',
  PAYLOAD_TOO_LARGE: 'The request body is too large.',
  SERVICE_UNAVAILABLE: 'The service is temporarily unavailable; try again later.',
  INTERNAL_ERROR: 'Something went wrong on our side.',
} as const;

export type ResetErrorCode = keyof typeof RESET_ERROR_MESSAGES;

export const RESET_ERROR_CODES = Object.keys(RESET_ERROR_MESSAGES) as ResetErrorCode[];

export function isResetErrorCode(value: unknown): value is ResetErrorCode {
  return typeof value === 'string' && Object.hasOwn(RESET_ERROR_MESSAGES, value);
}

/**
 * Why a password was refused; a refusal may carry several. BREACHED: it appears in a corpus of
 * breached passwords (PWNED_PASSWORDS_URL), asked only once every local rule passed.
 */
export const PASSWORD_REFUSAL_REASONS = ['TOO_SHORT', 'TOO_LONG', 'COMMON', 'CONTEXTUAL', 'REUSED', 'BREACHED'] as const;

export type PasswordRefusalReason = (typeof PASSWORD_REFUSAL_REASONS)[number];
