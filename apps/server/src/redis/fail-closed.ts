import { DependencyUnavailableError } from '@pwreset/contract';
import type { Redis } from 'ioredis';
import { wrapAsyncMethods } from '../ports/wrap-async-methods.js';

/**
 * Whether an error means Redis could not be reached: the client is not connected, or a
 * command timed out. Decided by the connection's state, not by parsing messages.
 */
export function isRedisUnavailable(redis: Redis, error: unknown): boolean {
  if (redis.status !== 'ready') return true;
  // "Stream isn't writeable": the socket died and the client has not yet left `ready` (seen when
  // the connection drops under a command); without it such a call answered 500 instead of 503.
  return error instanceof Error && /timed out|Connection is closed|max retries|Stream isn't writeable/i.test(error.message);
}

/**
 * Wraps every async method of a port so that an unreachable Redis surfaces as
 * DependencyUnavailableError (503, fail closed) instead of an internal error. Every other property
 * reads through unchanged (a directory's `maxPasswordBytes`, which narrows the password policy).
 */
export function failClosed<Port extends object>(redis: Redis, port: Port): Port {
  return wrapAsyncMethods(port, (result) =>
    result.catch((error: unknown) => {
      throw isRedisUnavailable(redis, error) ? new DependencyUnavailableError('redis') : error;
    }),
  );
}
