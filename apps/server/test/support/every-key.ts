import { Cluster, Redis } from 'ioredis';
import type { RedisConnection } from '../../src/redis/redis-connection-factory.js';

/**
 * Every key matching the pattern, on one node or on every master of a cluster: a cluster's SCAN
 * (and KEYS) answers for the one node it reaches, so a whole-keyspace read asks each master.
 */
export async function everyKey(redis: RedisConnection, pattern = '*'): Promise<string[]> {
  const nodes = redis instanceof Cluster ? redis.nodes('master') : [redis];
  const keys: string[] = [];
  for (const node of nodes) {
    let cursor = '0';
    do {
      const [next, batch] = await node.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      keys.push(...batch);
      cursor = next;
    } while (cursor !== '0');
  }
  return keys;
}

/** For the suites that read one node's keyspace in pipelines; they are left out of the cluster pass (scripts/test.sh). */
export function singleNode(redis: RedisConnection): Redis {
  if (redis instanceof Redis) return redis;
  throw new Error('this suite reads the keyspace of one Redis node; it does not run on a cluster');
}
