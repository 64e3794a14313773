import { DependencyUnavailableError } from '@pwreset/contract';
import type { RedisConnection } from './redis-connection-factory.js';
import { wrapAsyncMethods } from '../ports/wrap-async-methods.js';

/**
 * Messages of a call that could not reach Redis while the client still says `ready`: the socket
 * died under a command ("Stream isn't writeable", "write ECONNRESET", before the client notices),
 * or a command timed out. On a cluster, a lost master fails only its slots' commands while the
 * client stays `ready`: CLUSTERDOWN from the nodes, or ioredis' own refusals while it looks for
 * the slots again. BullMQ's second (blocking) connection reports the socket's errors as they come.
 */
export const REDIS_UNREACHABLE_MESSAGE =
  /timed out|Connection is closed|max retries|Stream isn't writeable|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|EPIPE|CLUSTERDOWN|Cluster isn't ready|None of startup nodes|TRYAGAIN/i;

/**
 * Whether an error means Redis could not be reached: the client is not connected, or the call
 * failed as one does that never reached Redis (REDIS_UNREACHABLE_MESSAGE).
 */
export function isRedisUnavailable(redis: RedisConnection, error: unknown): boolean {
  if (redis.status !== 'ready') return true;
  return error instanceof Error && REDIS_UNREACHABLE_MESSAGE.test(error.message);
}

/**
 * Wraps every async method of a port so that an unreachable Redis surfaces as
 * DependencyUnavailableError (503, fail closed) instead of an internal error. Every other property
 * reads through unchanged (a directory's `maxPasswordBytes`, which narrows the password policy).
 */
export function failClosed<Port extends object>(redis: RedisConnection, port: Port): Port {
  return wrapAsyncMethods(port, (result) =>
    result.catch((error: unknown) => {
      throw isRedisUnavailable(redis, error) ? new DependencyUnavailableError('redis') : error;
    }),
  );
}
