import { createHash } from 'node:crypto';
import type { RedisConnection } from './redis-connection-factory.js';

const shaOf = new Map<string, string>();

/**
 * Runs a Lua script by its SHA1 (EVALSHA), sending its text (EVAL) only when the server does not have
 * it yet (NOSCRIPT: a new or restarted server, a failover, a cluster node seeing it first): a script of
 * a kilobyte or two is then not written, and hashed by Redis, on every call of a hot path.
 */
export async function runScript(
  redis: RedisConnection,
  script: string,
  keys: readonly string[],
  args: ReadonlyArray<string | number>,
): Promise<unknown> {
  let sha = shaOf.get(script);
  if (sha === undefined) {
    sha = createHash('sha1').update(script).digest('hex');
    shaOf.set(script, sha);
  }
  try {
    return await redis.evalsha(sha, keys.length, ...keys, ...args);
  } catch (error) {
    if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
    return redis.eval(script, keys.length, ...keys, ...args);
  }
}
