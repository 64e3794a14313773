import { TRPCError } from '@trpc/server';
import { getErrorShape } from '@trpc/server/unstable-core-do-not-import';
import type { ResetErrorData } from '../router/format-error.js';
import { appRouter } from '../router/index.js';

/**
 * The error data a client would receive for a call made with `createCaller`, through the router's
 * own error formatter (as the HTTP adapter applies it). Rejects when the call succeeded.
 */
export async function resetErrorOf(call: Promise<unknown>): Promise<ResetErrorData> {
  const error = await call.then(
    () => Promise.reject(new Error('expected the call to fail, and it succeeded')),
    (rejection: unknown) => rejection,
  );
  if (!(error instanceof TRPCError)) throw error;
  return getErrorShape({ config: appRouter._def._config, error, type: 'mutation', path: undefined, input: undefined, ctx: undefined }).data;
}
