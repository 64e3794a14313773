import type { ResetErrorCode, ResetFailure } from '@pwreset/contract';
import type { Response } from 'express';
import {
  sendTeenQuotes,
  TEENQUOTES_API_ERRORS,
  WRONG_PASSWORD,
  WRONG_TOKEN,
  WRONG_USER,
  type TeenQuotesAnswer,
} from './teenquotes-answers.js';

/**
 * Our error codes as Teen Quotes answers them; the compiler keeps it complete. Every dead token
 * is the document's one `wrong_token`; what the document does not know (throttles, our faults)
 * answers in the OAuth filter's `{status, error, error_message}` shape.
 */
export const TEENQUOTES_ANSWER_BY_RESET_ERROR = {
  INVALID_INPUT: TEENQUOTES_API_ERRORS.INVALID_REQUEST,
  UNAUTHORIZED: TEENQUOTES_API_ERRORS.INVALID_ACCESS_TOKEN,
  // Only our admin procedures answer these two; no Teen Quotes route can meet them.
  FORBIDDEN: TEENQUOTES_API_ERRORS.INTERNAL_ERROR,
  ACCOUNT_DISABLED: TEENQUOTES_API_ERRORS.INTERNAL_ERROR,
  // Code flows are our own API's (`method: "code"`); no Teen Quotes route can meet them.
  CODE_INVALID: TEENQUOTES_API_ERRORS.INTERNAL_ERROR,
  FLOW_LOCKED: TEENQUOTES_API_ERRORS.INTERNAL_ERROR,
  FLOW_EXPIRED: TEENQUOTES_API_ERRORS.INTERNAL_ERROR,
  RESET_URL_NOT_ALLOWED: TEENQUOTES_API_ERRORS.INVALID_REQUEST,
  TOKEN_INVALID: WRONG_TOKEN,
  TOKEN_EXPIRED: WRONG_TOKEN,
  TOKEN_USED: WRONG_TOKEN,
  TOKEN_SUPERSEDED: WRONG_TOKEN,
  TOKEN_LOCKED: WRONG_TOKEN,
  PASSWORD_REJECTED: WRONG_PASSWORD,
  ACCOUNT_NOT_FOUND: WRONG_USER,
  TOO_MANY_REQUESTS: TEENQUOTES_API_ERRORS.TOO_MANY_REQUESTS,
  PAYLOAD_TOO_LARGE: TEENQUOTES_API_ERRORS.BODY_TOO_LARGE,
  SERVICE_UNAVAILABLE: TEENQUOTES_API_ERRORS.SERVICE_UNAVAILABLE,
  INTERNAL_ERROR: TEENQUOTES_API_ERRORS.INTERNAL_ERROR,
} as const satisfies Record<ResetErrorCode, TeenQuotesAnswer>;

/** Renders an engine failure; a throttle says when to come back. */
export function sendResetFailure(res: Response, failure: ResetFailure): void {
  const headers: Record<string, string> = {};
  if (failure.code === 'TOO_MANY_REQUESTS' && failure.retryAfterSeconds !== undefined)
    headers['Retry-After'] = String(Math.max(0, Math.ceil(failure.retryAfterSeconds)));
  sendTeenQuotes(res, TEENQUOTES_ANSWER_BY_RESET_ERROR[failure.code], headers);
}
