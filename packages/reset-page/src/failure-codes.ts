import type { ResetErrorCode } from '@pwreset/contract';

/** Every failure the page can meet: the API's closed list of codes, and a request that got no answer. */
export type ResetPageFailureCode = ResetErrorCode | 'NETWORK_ERROR';

/**
 * Whether a failure leaves the link unusable whatever the user does on this page (an end screen)
 * or may pass (a retry, or a notice above the kept form). Typed against the contract's codes, so a
 * code the contract adds does not compile until it has its place here and its texts in every
 * locale; at run time this table is the page's list of known codes, so the browser loads no code
 * of the contract (its import is a type).
 */
const FAILURE_ENDS_THE_LINK = {
  // Only a mangled secret makes the API refuse the page's input.
  INVALID_INPUT: true,
  TOKEN_INVALID: true,
  TOKEN_EXPIRED: true,
  TOKEN_USED: true,
  TOKEN_SUPERSEDED: true,
  TOKEN_LOCKED: true,
  ACCOUNT_NOT_FOUND: true,
  ACCOUNT_DISABLED: true,
  // A code flow (the code form): locked or over for good; a wrong code may be typed again.
  FLOW_LOCKED: true,
  FLOW_EXPIRED: true,
  CODE_INVALID: false,
  // A refused password keeps the form and the link.
  PASSWORD_REJECTED: false,
  // None of these is about the link: the next attempt may work.
  UNAUTHORIZED: false,
  // Only admin procedures answer it; the page never calls one.
  FORBIDDEN: false,
  RESET_URL_NOT_ALLOWED: false,
  TOO_MANY_REQUESTS: false,
  PAYLOAD_TOO_LARGE: false,
  SERVICE_UNAVAILABLE: false,
  INTERNAL_ERROR: false,
  NETWORK_ERROR: false,
} as const satisfies Record<ResetPageFailureCode, boolean>;

export function isResetPageFailureCode(value: string): value is ResetPageFailureCode {
  return Object.hasOwn(FAILURE_ENDS_THE_LINK, value);
}

/** Whether the link cannot work any more after this failure (so there is nothing to retry). */
export function failureEndsTheLink(code: ResetPageFailureCode): boolean {
  return FAILURE_ENDS_THE_LINK[code];
}
