import { TRPCError } from '@trpc/server';
import { RESET_ERROR_MESSAGES } from '../error-codes.js';
import type { ResetFailure, ResetResult } from '../result.js';
import { TRPC_CODE_BY_RESET_ERROR } from './error-table.js';

/** Carries an expected failure through tRPC to the error formatter. */
export class ResetFailureError extends Error {
  constructor(readonly failure: ResetFailure) {
    super(RESET_ERROR_MESSAGES[failure.code]);
    this.name = 'ResetFailureError';
  }
}

export function toTRPCError(failure: ResetFailure): TRPCError {
  return new TRPCError({
    code: TRPC_CODE_BY_RESET_ERROR[failure.code],
    message: RESET_ERROR_MESSAGES[failure.code],
    cause: new ResetFailureError(failure),
  });
}

/** The transport edge: an expected failure becomes a thrown tRPC error here and nowhere else. */
export function unwrapResetResult<T>(result: ResetResult<T>): T {
  if (result.ok) return result.value;
  throw toTRPCError(result.error);
}
