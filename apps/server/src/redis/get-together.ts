import { Cluster } from 'ioredis';
import type { RedisConnection } from './redis-connection-factory.js';

/**
 * GETs of several keys as one round trip: one MGET on a single node or Sentinel's master (one
 * command); on a cluster, where an MGET's keys must share a slot and these need not, one GET per
 * key, all sent at once (one round trip per node, in parallel).
 */
export async function getTogether(redis: RedisConnection, keys: readonly string[]): Promise<Array<string | null>> {
  if (redis instanceof Cluster) return Promise.all(keys.map((key) => redis.get(key)));
  return redis.mget(...keys);
}
