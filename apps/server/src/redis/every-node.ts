import { Cluster, type Redis } from 'ioredis';
import type { RedisConnection } from './redis-connection-factory.js';

/** The nodes that hold data: the one node (or Sentinel's master), or every master of a cluster, for per-node checks. */
export function everyNode(redis: RedisConnection): Redis[] {
  return redis instanceof Cluster ? redis.nodes('master') : [redis];
}
