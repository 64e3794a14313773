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
  return (await runScriptSaying(redis, script, keys, args)).reply;
}

/**
 * runScript, saying whether the text had to be sent (`resent`): the script then ran a round trip
 * later than its EVALSHA, after whatever the caller sent beside that (see the reset token store).
 */
export async function runScriptSaying(
  redis: RedisConnection,
  script: string,
  keys: readonly string[],
  args: ReadonlyArray<string | number>,
): Promise<{ readonly reply: unknown; readonly resent: boolean }> {
  let sha = shaOf.get(script);
  if (sha === undefined) {
    sha = createHash('sha1').update(script).digest('hex');
    shaOf.set(script, sha);
  }
  try {
    return { reply: await redis.evalsha(sha, keys.length, ...keys, ...args), resent: false };
  } catch (error) {
    if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
    return { reply: await redis.eval(script, keys.length, ...keys, ...args), resent: true };
  }
}
