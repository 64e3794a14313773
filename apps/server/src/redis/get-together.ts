import { Cluster } from 'ioredis';
import type { RedisConnection } from './redis-connection-factory.js';

/**
 * GETs of several keys as one round trip: one pipeline on a single node or Sentinel's master (one write,
 * one wait); on a cluster, where a pipeline must stay on one node and these keys' slots need not, one GET
 * per key, all sent at once (one round trip per node, in parallel).
 */
export async function getTogether(redis: RedisConnection, keys: readonly string[]): Promise<Array<string | null>> {
  if (redis instanceof Cluster) return Promise.all(keys.map((key) => redis.get(key)));
  const pipeline = redis.pipeline();
  for (const key of keys) pipeline.get(key);
  const replies = (await pipeline.exec()) ?? [];
  return replies.map(([error, value]) => {
    if (error) throw error;
    return value as string | null;
  });
}
