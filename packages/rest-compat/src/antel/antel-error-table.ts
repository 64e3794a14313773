import type { PasswordPolicy, PasswordRefusalReason, ResetErrorCode, ResetFailure } from '@pwreset/contract';
import { errorAnswer, outcomeAnswer, type AntelAnswer, type AntelErrorCode } from './antel-answer.js';

/** A business outcome (200, wasSuccessful false) or a transport error with its own status. */
type AntelFailureAnswer =
  | { readonly kind: 'outcome'; readonly heading: string; readonly description: string }
  | {
      readonly kind: 'error';
      readonly status: 400 | 401 | 413 | 429 | 500 | 503;
      readonly errorCode: AntelErrorCode;
      readonly message: string;
    };

const UNBINDABLE = { kind: 'error', status: 400, errorCode: 'RequestBindingException', message: 'Unable to bind request' } as const;

/**
 * Antel's answer for each of our error codes. Business outcomes are 200 with wasSuccessful false
 * (docs/antel.md); what is about the caller rather than the request keeps an HTTP status.
 */
export const ANTEL_ANSWER_BY_ERROR_CODE = {
  // Neither happens on Antel's paths (no reset URL is chosen; binding catches bad input first).
  INVALID_INPUT: UNBINDABLE,
  RESET_URL_NOT_ALLOWED: UNBINDABLE,
  // Only our admin procedures answer these two; no Antel route can meet them.
  FORBIDDEN: { kind: 'error', status: 500, errorCode: 'InternalServerError', message: 'Something went wrong on our side.' },
  ACCOUNT_DISABLED: { kind: 'error', status: 500, errorCode: 'InternalServerError', message: 'Something went wrong on our side.' },
  // Code flows are our own API's (`method: "code"`); no Antel route can meet them.
  CODE_INVALID: { kind: 'error', status: 500, errorCode: 'InternalServerError', message: 'Something went wrong on our side.' },
  FLOW_LOCKED: { kind: 'error', status: 500, errorCode: 'InternalServerError', message: 'Something went wrong on our side.' },
  FLOW_EXPIRED: { kind: 'error', status: 500, errorCode: 'InternalServerError', message: 'Something went wrong on our side.' },
  UNAUTHORIZED: { kind: 'error', status: 401, errorCode: 'Unauthorized', message: 'The ApiKey is missing or not valid.' },
  TOKEN_INVALID: {
    kind: 'outcome',
    heading: 'Invalid temporary password',
    description: 'The temporary password is not valid. Check the one in the latest email we sent you, or ask for a new one.',
  },
  TOKEN_EXPIRED: {
    kind: 'outcome',
    heading: 'Temporary password expired',
    description: 'The temporary password has expired. Ask for a new one.',
  },
  TOKEN_USED: {
    kind: 'outcome',
    heading: 'Temporary password already used',
    description: 'This temporary password has already been used. Ask for a new one if you need to reset your password again.',
  },
  TOKEN_SUPERSEDED: {
    kind: 'outcome',
    heading: 'Temporary password replaced',
    description: 'A newer temporary password has been sent to you; only the latest one works.',
  },
  TOKEN_LOCKED: {
    kind: 'outcome',
    heading: 'Temporary password locked',
    description: 'The temporary password was entered wrongly too many times and no longer works. Ask for a new one.',
  },
  // The description is completed with the reasons (see describePasswordRefusal).
  PASSWORD_REJECTED: { kind: 'outcome', heading: 'Password not accepted', description: 'The new password was not accepted' },
  ACCOUNT_NOT_FOUND: { kind: 'outcome', heading: 'No account', description: 'There is no account with this email address.' },
  TOO_MANY_REQUESTS: { kind: 'error', status: 429, errorCode: 'TooManyRequests', message: 'Too many attempts; try again later.' },
  PAYLOAD_TOO_LARGE: { kind: 'error', status: 413, errorCode: 'PayloadTooLarge', message: 'The request body is too large.' },
  SERVICE_UNAVAILABLE: {
    kind: 'error',
    status: 503,
    errorCode: 'ServiceUnavailable',
    message: 'The service is temporarily unavailable; try again later.',
  },
  INTERNAL_ERROR: { kind: 'error', status: 500, errorCode: 'InternalServerError', message: 'Something went wrong on our side.' },
} as const satisfies Record<ResetErrorCode, AntelFailureAnswer>;

/** Seconds a client should wait after a 503: Redis reconnects within a few. */
const SERVICE_UNAVAILABLE_RETRY_SECONDS = 5;

/** Antel's answer for a failure of the engine (or of the transport, by the same codes). */
export function answerForFailure(failure: ResetFailure, passwordPolicy?: PasswordPolicy): AntelAnswer {
  const entry: AntelFailureAnswer = ANTEL_ANSWER_BY_ERROR_CODE[failure.code];
  if (entry.kind === 'outcome') {
    const description =
      failure.code === 'PASSWORD_REJECTED' ? describePasswordRefusal(failure.reasons ?? [], passwordPolicy) : entry.description;
    return outcomeAnswer(entry.heading, description, false);
  }
  const retryAfter =
    failure.code === 'TOO_MANY_REQUESTS'
      ? Math.max(1, Math.ceil(failure.retryAfterSeconds ?? 1))
      : failure.code === 'SERVICE_UNAVAILABLE'
        ? SERVICE_UNAVAILABLE_RETRY_SECONDS
        : undefined;
  return errorAnswer(
    entry.status,
    entry.errorCode,
    entry.message,
    retryAfter === undefined ? {} : { headers: { 'Retry-After': String(retryAfter) } },
  );
}

/** Says why, in words for the person who typed it, and that the temporary password still works. */
export function describePasswordRefusal(reasons: readonly PasswordRefusalReason[], policy?: PasswordPolicy): string {
  const phrases = reasons.map((reason): string => {
    switch (reason) {
      case 'TOO_SHORT':
        return `it must be at least ${policy?.minLength ?? 8} characters long`;
      case 'TOO_LONG':
        // A bcrypt directory's 72 bytes bind long before 128 characters do: say both, and why bytes differ.
        return policy?.maxBytes === undefined
          ? `it must be at most ${policy?.maxLength ?? 128} characters long`
          : `it must be at most ${policy.maxLength} characters and ${policy.maxBytes} bytes long (some characters count as several)`;
      case 'COMMON':
        return 'it is too common';
      case 'CONTEXTUAL':
        return 'it must not contain your email address or the name of the application';
      case 'REUSED':
        return 'it must differ from your current password';
      case 'BREACHED':
        return 'it has appeared in a data breach';
    }
  });
  const why = phrases.length > 0 ? `: ${phrases.join('; ')}` : '';
  return `${ANTEL_ANSWER_BY_ERROR_CODE.PASSWORD_REJECTED.description}${why}. Your temporary password still works; try again with another password.`;
}
