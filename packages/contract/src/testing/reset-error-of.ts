import { TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { TRPC_ERROR_CODES_BY_KEY } from '@trpc/server/rpc';
import { formatResetError, type ResetErrorData } from '../router/format-error.js';

/**
 * The error data a client would receive for a call made with `createCaller`: the router's own
 * error formatter over tRPC's default shape, as the HTTP adapter applies it. Rejects when the
 * call succeeded, or failed with anything but a tRPC error.
 */
export async function resetErrorOf(call: Promise<unknown>): Promise<ResetErrorData> {
  const error = await call.then(
    () => Promise.reject(new Error('expected the call to fail, and it succeeded')),
    (rejection: unknown) => rejection,
  );
  if (!(error instanceof TRPCError)) throw error;
  const shape = {
    message: error.message,
    code: TRPC_ERROR_CODES_BY_KEY[error.code],
    data: { code: error.code, httpStatus: getHTTPStatusCodeFromError(error) },
  };
  return formatResetError({ shape, error }).data;
}
