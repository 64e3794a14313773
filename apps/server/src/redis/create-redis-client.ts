import { Redis } from 'ioredis';

export interface RedisClientOptions {
  readonly url: string;
  /** Name shown by CLIENT LIST, to tell our connections apart. */
  readonly connectionName: string;
}

/**
 * A client for the request path: it fails fast instead of queueing commands while Redis is
 * away, so a request answers 503 at once rather than hanging (fail closed).
 */
export function createRequestPathRedis({ url, connectionName }: RedisClientOptions): Redis {
  return new Redis(url, {
    connectionName,
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2_000,
    commandTimeout: 2_000,
    // Keep trying to come back, with a capped backoff; /readyz reports the state meanwhile.
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
  });
}

/** Connects and resolves once the client is ready; rejects with a message naming the URL's host. */
export async function connectRedis(redis: Redis): Promise<void> {
  if (redis.status === 'ready') return;
  await redis.connect();
}
