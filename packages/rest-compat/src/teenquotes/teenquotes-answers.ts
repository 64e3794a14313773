import type { Response } from 'express';
import type { components } from '@pwreset/legacy-openapi/generated/teenquotes';
import { sendLaravelJson } from './laravel-json-response.js';

type Schemas = components['schemas'];

/** The resources' own outcomes, with exactly the texts of the Teen Quotes document. */
export type TeenQuotesOutcome = Schemas['ReminderSent'] | Schemas['PasswordReset'] | Schemas['ResetError'];
/** Failures of the transport, in the shape of the Teen Quotes OAuth filter: `{ status: <HTTP status>, error, error_message }`. */
export type TeenQuotesApiError = Schemas['ApiError'];
export type TeenQuotesAnswer = TeenQuotesOutcome | TeenQuotesApiError;

export const REMINDER_SENT = {
  status: 'reminder_sent',
  success: 'An email was sent to the user.',
} as const satisfies Schemas['ReminderSent'];
export const PASSWORD_RESET = {
  status: 'password_reset',
  success: 'The new password has been set.',
} as const satisfies Schemas['PasswordReset'];
export const WRONG_USER = {
  status: 'wrong_user',
  error: "The email address doesn't match a user.",
} as const satisfies Schemas['WrongUser'];
export const WRONG_PASSWORD = { status: 'wrong_password', error: 'The password is wrong.' } as const satisfies Schemas['WrongPassword'];
export const WRONG_TOKEN = { status: 'wrong_token', error: 'The reset token is invalid.' } as const satisfies Schemas['WrongToken'];

/** Every transport failure this API answers, by name; the texts are fixed, never an input. */
export const TEENQUOTES_API_ERRORS = {
  MALFORMED_JSON: { status: 400, error: 'invalid_request', error_message: 'The request body is not a valid JSON object.' },
  MALFORMED_MULTIPART: { status: 400, error: 'invalid_request', error_message: 'The request body is not a valid multipart form.' },
  INVALID_REQUEST: { status: 400, error: 'invalid_request', error_message: 'The request is not valid.' },
  MISSING_ACCESS_TOKEN: { status: 401, error: 'unauthorized', error_message: 'Access token is missing' },
  INVALID_ACCESS_TOKEN: { status: 401, error: 'unauthorized', error_message: 'Access token is not valid' },
  UNKNOWN_PATH: { status: 404, error: 'not_found', error_message: 'This API has no resource at this path.' },
  METHOD_NOT_ALLOWED: { status: 405, error: 'method_not_allowed', error_message: 'This resource only answers POST.' },
  BODY_TOO_LARGE: { status: 413, error: 'request_too_large', error_message: 'The request body is larger than 16 KiB.' },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    error: 'unsupported_media_type',
    error_message: 'Send the parameters as a form (application/x-www-form-urlencoded or multipart/form-data) or as JSON.',
  },
  TOO_MANY_REQUESTS: { status: 429, error: 'too_many_requests', error_message: 'Too many attempts; try again later.' },
  INTERNAL_ERROR: { status: 500, error: 'internal_error', error_message: 'Something went wrong on our side.' },
  SERVICE_UNAVAILABLE: {
    status: 503,
    error: 'service_unavailable',
    error_message: 'The service is temporarily unavailable; try again later.',
  },
} as const satisfies Record<string, TeenQuotesApiError>;

/** The HTTP status of an answer: a transport failure carries it; the resources' failures are all 400. */
export function httpStatusOf(answer: TeenQuotesAnswer): number {
  if (typeof answer.status === 'number') return answer.status;
  return 'success' in answer ? 200 : 400;
}

/** Writes an answer as the real API did: `Response::json($data, $status)`. */
export function sendTeenQuotes(res: Response, answer: TeenQuotesAnswer, headers: Record<string, string> = {}): void {
  sendLaravelJson(res, httpStatusOf(answer), answer, headers);
}
