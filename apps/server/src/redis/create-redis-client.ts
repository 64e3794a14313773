import { Redis } from 'ioredis';
import type { RedisConnection } from './redis-connection-factory.js';

export interface RedisClientOptions {
  readonly url: string;
  /** Name shown by CLIENT LIST, to tell our connections apart. */
  readonly connectionName: string;
}

/** Timeouts of every fail-fast connection, in every mode (see redis-connection-factory.ts). */
export const REQUEST_PATH_TIMEOUTS = { connectTimeout: 2_000, commandTimeout: 2_000, maxRetriesPerRequest: 1 } as const;

/** Keep trying to come back, with a capped backoff; /readyz reports the state meanwhile. */
export const reconnectBackoff = (attempt: number): number => Math.min(attempt * 200, 2_000);

/**
 * A single-node client for the request path: it fails fast instead of queueing commands while Redis
 * is away, so a request answers 503 at once rather than hanging (fail closed).
 */
export function createRequestPathRedis({ url, connectionName }: RedisClientOptions): Redis {
  return new Redis(url, {
    connectionName,
    lazyConnect: true,
    enableOfflineQueue: false,
    ...REQUEST_PATH_TIMEOUTS,
    retryStrategy: reconnectBackoff,
  });
}

/** REDIS_URL names a node of a Redis Cluster: every key of another node's slots would answer MOVED. */
export class RedisClusterNodeAsSingleError extends Error {
  constructor() {
    super(
      'REDIS_URL points at a Redis Cluster node, which answers MOVED for the keys of other nodes: set REDIS_CLUSTER_NODES=host:port,... (and unset REDIS_URL)',
    );
  }
}

/**
 * Connects and resolves once the client is ready. A single-node client is refused a cluster node
 * (CLUSTER mode answers `cluster_enabled:1`), since it would look ready and then fail with MOVED.
 */
export async function connectRedis(redis: RedisConnection): Promise<void> {
  if (redis.status !== 'ready') await redis.connect();
  if (redis instanceof Redis && !redis.options.sentinels?.length) {
    // A managed Redis may refuse INFO (renamed commands): then there is nothing to tell, and no harm.
    const info = await redis.info('cluster').catch(() => '');
    if (/^cluster_enabled:1\s*$/m.test(info)) throw new RedisClusterNodeAsSingleError();
  }
}
