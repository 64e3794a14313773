import type { ResetErrorCode } from '@pwreset/contract';
import type { AppRouter } from '@pwreset/contract/router';
import { TRPCClientError } from '@trpc/client';

export type ResetClientError = TRPCClientError<AppRouter>;

/**
 * Narrows an error to one of our codes: `if (isResetError(error, 'PASSWORD_REJECTED')) error.data.reasons`.
 * Narrow on codes, never on message text.
 */
export function isResetError<Code extends ResetErrorCode>(
  error: unknown,
  code: Code,
): error is ResetClientError & { data: NonNullable<ResetClientError['data']> & { resetCode: Code } } {
  return error instanceof TRPCClientError && (error as ResetClientError).data?.resetCode === code;
}

/** The code of any error the client raised, when it came from the service. */
export function resetErrorCode(error: unknown): ResetErrorCode | undefined {
  return error instanceof TRPCClientError ? (error as ResetClientError).data?.resetCode : undefined;
}
