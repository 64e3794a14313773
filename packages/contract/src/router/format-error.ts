import type { TRPCError } from '@trpc/server';
import type { TRPCDefaultErrorShape } from '@trpc/server';
import { RESET_ERROR_MESSAGES, type PasswordRefusalReason, type ResetErrorCode } from '../error-codes.js';
import { resetCodeForTrpcCode } from './error-table.js';
import { DependencyUnavailableError } from '../dependency-unavailable-error.js';
import { ResetFailureError } from './reset-failure-error.js';

/** One validation problem: where, and what is wrong. Never the offending value (it may be a secret). */
export interface ResetInputIssue {
  readonly path: string;
  readonly message: string;
}

export interface ResetErrorData {
  readonly code: TRPCDefaultErrorShape['data']['code'];
  readonly httpStatus: number;
  readonly path?: string;
  /** Our closed error code: narrow on this. */
  readonly resetCode: ResetErrorCode;
  readonly reasons?: readonly PasswordRefusalReason[];
  readonly retryAfterSeconds?: number;
  readonly issues?: readonly ResetInputIssue[];
}

export interface ResetErrorShape {
  readonly message: string;
  readonly code: TRPCDefaultErrorShape['code'];
  readonly data: ResetErrorData;
}

/**
 * Every error body: our code and a fixed message per code. Messages of unexpected errors are
 * replaced, and no stack is ever included, so nothing internal (or secret) leaks.
 */
export function formatResetError({ shape, error }: { shape: TRPCDefaultErrorShape; error: TRPCError }): ResetErrorShape {
  const failure = error.cause instanceof ResetFailureError ? error.cause.failure : undefined;
  // Fail closed, and say so: a store that cannot be reached is a 503, not an internal error.
  const unavailable = error.cause instanceof DependencyUnavailableError;
  const resetCode = failure?.code ?? (unavailable ? 'SERVICE_UNAVAILABLE' : resetCodeForTrpcCode(error.code));
  const issues = inputIssues(error.cause);
  return {
    message: RESET_ERROR_MESSAGES[resetCode],
    code: shape.code,
    data: {
      code: unavailable ? 'SERVICE_UNAVAILABLE' : shape.data.code,
      httpStatus: unavailable ? 503 : shape.data.httpStatus,
      ...(shape.data.path === undefined ? {} : { path: shape.data.path }),
      resetCode,
      ...(failure?.reasons ? { reasons: failure.reasons } : {}),
      ...(failure?.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: failure.retryAfterSeconds }),
      ...(issues ? { issues } : {}),
    },
  };
}

function inputIssues(cause: unknown): ResetInputIssue[] | undefined {
  if (!cause || typeof cause !== 'object' || !('issues' in cause) || !Array.isArray(cause.issues)) return undefined;
  return (cause.issues as Array<{ path?: unknown[]; message?: unknown }>).map((issue) => ({
    path: (issue.path ?? []).map(String).join('.'),
    message: typeof issue.message === 'string' ? issue.message : 'Invalid value.',
  }));
}
