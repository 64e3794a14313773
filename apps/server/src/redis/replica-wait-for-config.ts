import type { ServerConfig } from '../config/load-config.js';
import type { OutageLog } from '../observability/outage-log.js';
import { redisConnectionFactory, type RedisConnection } from './redis-connection-factory.js';
import type { RedisKeys } from './redis-keys.js';
import { waitForReplicas, type WaitForReplicas } from './wait-for-replicas.js';

/**
 * REDIS_WAIT_REPLICAS set: the wait, on a fail-fast connection of its own (on a Cluster, the
 * request path's; see waitForReplicas); unset: null, and no connection is opened.
 */
export function replicaWaitForConfig({
  config,
  redis,
  keys,
  outages,
}: {
  readonly config: ServerConfig;
  readonly redis: RedisConnection;
  readonly keys: RedisKeys;
  readonly outages: OutageLog;
}): WaitForReplicas | null {
  if (!config.redisWait) return null;
  const connection = config.redis.mode === 'cluster' ? redis : redisConnectionFactory(config.redis).requestPath('pwreset-replica-wait');
  if (connection !== redis) {
    // Its reconnects are the request path's outage too, which that connection's own events report.
    connection.on('error', () => undefined);
    void connection.connect().catch(() => undefined);
  }
  return waitForReplicas({ connection, fenceKey: keys.replicationFence(), ...config.redisWait, outages });
}
