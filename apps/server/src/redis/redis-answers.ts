import { Cluster } from 'ioredis';
import type { RedisConnection } from './redis-connection-factory.js';

const CLUSTER_STATE_OK = /^cluster_state:ok\s*$/m;

/**
 * Whether Redis can serve, for /readyz. One node or Sentinel's master: PING answers (a Sentinel
 * connection without a master is not ready, and its PING fails at once). A cluster: every master
 * answers CLUSTER INFO with `cluster_state:ok`, since a lost master (or slots not covered) fails the
 * requests whose keys hash to its slots while the others still answer.
 */
export async function redisAnswers(redis: RedisConnection): Promise<boolean> {
  if (!(redis instanceof Cluster)) return (await redis.ping().catch(() => null)) === 'PONG';
  if (redis.status !== 'ready') return false;
  const masters = redis.nodes('master');
  if (masters.length === 0) return false;
  const states = await Promise.all(masters.map((master) => master.cluster('INFO').catch(() => '')));
  return states.every((info) => CLUSTER_STATE_OK.test(info));
}
