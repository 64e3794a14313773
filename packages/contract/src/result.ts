import type { PasswordRefusalReason, ResetErrorCode } from './error-codes.js';

/** An expected failure of the reset flow: a value, not an exception. */
export interface ResetFailure {
  readonly code: ResetErrorCode;
  /** Present when `code` is PASSWORD_REJECTED. */
  readonly reasons?: readonly PasswordRefusalReason[];
  /** Seconds the caller should wait, when `code` is TOO_MANY_REQUESTS. */
  readonly retryAfterSeconds?: number;
}

export type ResetResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ResetFailure };

export function succeed<T>(value: T): ResetResult<T> {
  return { ok: true, value };
}

export function fail(code: ResetErrorCode, details: Omit<ResetFailure, 'code'> = {}): ResetResult<never> {
  return { ok: false, error: { code, ...details } };
}
