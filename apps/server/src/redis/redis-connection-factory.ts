import { Cluster, Redis, type ClusterOptions, type RedisOptions } from 'ioredis';
import type { RedisAuthenticationSettings, RedisConnectionSettings } from '../config/redis-connection-settings.js';
import { createRequestPathRedis, reconnectBackoff, REQUEST_PATH_TIMEOUTS } from './create-redis-client.js';

/**
 * A connection of any mode: one node or Sentinel (`Redis`), or a Redis Cluster (`Cluster`). Every
 * adapter takes this, so the same code runs in every mode; keys are hash-tagged (redis-keys.ts) so each
 * Lua script and MULTI stays within one slot of a cluster.
 */
export type RedisConnection = Redis | Cluster;

/** Builds every connection a process needs, for the mode REDIS_URL, REDIS_CLUSTER_NODES or REDIS_SENTINELS chose. */
export interface RedisConnectionFactory {
  readonly settings: RedisConnectionSettings;
  /**
   * For the request path, the CLI and the worker's own reads: it fails fast instead of queueing
   * commands while Redis is away, so a request answers 503 at once rather than hanging (fail closed).
   * Created without connecting: `connectRedis` it.
   */
  requestPath(connectionName: string): RedisConnection;
  /**
   * For BullMQ's queue and worker: blocking reads (BRPOPLPUSH, XREAD BLOCK) outlast any command
   * timeout, and BullMQ requires `maxRetriesPerRequest: null`.
   */
  blocking(connectionName: string): RedisConnection;
}

/** The options every mode's node connections take (a narrow pick: ioredis' whole types clash with exact optionals). */
type NodeOptions = Pick<
  RedisOptions,
  'connectionName' | 'lazyConnect' | 'enableOfflineQueue' | 'connectTimeout' | 'commandTimeout' | 'maxRetriesPerRequest' | 'retryStrategy'
>;
type ClusterLevelOptions = Pick<ClusterOptions, 'lazyConnect' | 'enableOfflineQueue' | 'clusterRetryStrategy'>;

function authenticationOptions({ username, password, tls }: RedisAuthenticationSettings) {
  return { ...(username ? { username } : {}), ...(password ? { password } : {}), ...(tls ? { tls: {} } : {}) };
}

function clusterOf(
  settings: Extract<RedisConnectionSettings, { mode: 'cluster' }>,
  cluster: ClusterLevelOptions,
  node: NodeOptions,
): Cluster {
  return new Cluster(
    settings.nodes.map(({ host, port }) => ({ host, port })),
    // A node's own retryStrategy and offline queue are the cluster's to set (see ioredis' ConnectionPool).
    { ...cluster, redisOptions: { ...authenticationOptions(settings), ...node } },
  );
}

function sentinelOf(settings: Extract<RedisConnectionSettings, { mode: 'sentinel' }>, node: NodeOptions): Redis {
  const connection = new Redis({
    ...node,
    ...authenticationOptions(settings),
    sentinels: settings.sentinels.map(({ host, port }) => ({ host, port })),
    name: settings.masterName,
    // Listen for the Sentinels' +switch-master and reconnect at once. Without it a connection stays
    // on the old master as long as that node lives: after a planned failover (SENTINEL FAILOVER) it
    // is answered READONLY, and after a spurious one (the old master was only slow) its writes go
    // to a node that the Sentinels then resync from the new master, losing them.
    failoverDetector: true,
    // The Sentinels themselves speak TLS too when REDIS_TLS is set. REDIS_USERNAME/REDIS_PASSWORD are the
    // master's: Sentinels often have no password of their own, and AUTH to one without any is refused.
    ...(settings.tls ? { enableTLSForSentinelMode: true, sentinelTLS: {} } : {}),
  });
  // quit() ends the connection but leaves the failover detector's Sentinel subscriptions open
  // (only disconnect() closes them), and they would keep a finished process, the CLI's, alive.
  connection.on('end', () => connection.disconnect());
  return connection;
}

export function redisConnectionFactory(settings: RedisConnectionSettings): RedisConnectionFactory {
  return {
    settings,
    requestPath(connectionName) {
      const common = { connectionName, lazyConnect: true, enableOfflineQueue: false } as const;
      if (settings.mode === 'single') return createRequestPathRedis({ url: settings.url, connectionName });
      if (settings.mode === 'sentinel')
        return sentinelOf(settings, { ...common, ...REQUEST_PATH_TIMEOUTS, retryStrategy: reconnectBackoff });
      return clusterOf(
        settings,
        { lazyConnect: true, enableOfflineQueue: false, clusterRetryStrategy: reconnectBackoff },
        { connectionName, ...REQUEST_PATH_TIMEOUTS },
      );
    },
    blocking(connectionName) {
      if (settings.mode === 'single') return new Redis(settings.url, { connectionName, maxRetriesPerRequest: null });
      if (settings.mode === 'sentinel') return sentinelOf(settings, { connectionName, maxRetriesPerRequest: null });
      return clusterOf(settings, {}, { connectionName, maxRetriesPerRequest: null });
    },
  };
}
