import { startPrivateRedis, type PrivateRedis } from '@pwreset/testing';
import { Redis } from 'ioredis';
import { afterAll, beforeAll } from 'vitest';
import { createRequestPathRedis } from '../../src/redis/create-redis-client.js';

export interface PrivateRedisPerFile {
  /** The file's connection, ready once the tests run. */
  readonly redis: () => Redis;
  /** A key prefix no other adapter of this file uses, so each test starts from an empty store. */
  readonly freshPrefix: () => string;
  /**
   * A request-path connection of its own (it fails fast, as the server's does), which the test
   * may disconnect to make Redis unreachable for one adapter only.
   */
  readonly separateConnection: () => Promise<Redis>;
  /** Every key and every value the private Redis holds, as one text: to show what is never kept. */
  readonly everythingStored: () => Promise<string>;
}

/** Starts a private redis-server for the calling test file and stops it after. */
export function usePrivateRedisPerFile(): PrivateRedisPerFile {
  let server: PrivateRedis | undefined;
  let connection: Redis | undefined;
  const separate: Redis[] = [];
  let prefixes = 0;

  beforeAll(async () => {
    server = await startPrivateRedis();
    connection = new Redis(server.url, { maxRetriesPerRequest: 1 });
    // Ready before the first test: a test may read its state (`status`), not only queue commands.
    await connection.ping();
  });
  afterAll(async () => {
    for (const extra of separate) extra.disconnect();
    await connection?.quit();
    await server?.stop();
  });

  return {
    redis: () => {
      if (!connection) throw new Error('the private Redis is not started yet');
      return connection;
    },
    freshPrefix: () => `conformance${(prefixes += 1)}`,
    async everythingStored() {
      const redis = connection;
      if (!redis) throw new Error('the private Redis is not started yet');
      const lines: string[] = [];
      for (const key of await redis.keys('*')) {
        const type = await redis.type(key);
        const value =
          type === 'hash'
            ? await redis.hgetall(key)
            : type === 'string'
              ? await redis.get(key)
              : type === 'set'
                ? await redis.smembers(key)
                : type === 'list'
                  ? await redis.lrange(key, 0, -1)
                  : type === 'zset'
                    ? await redis.zrange(key, '0', '-1')
                    : type === 'stream'
                      ? await redis.xrange(key, '-', '+')
                      : `<${type}>`;
        lines.push(`${key} ${JSON.stringify(value)}`);
      }
      return lines.join('\n');
    },
    async separateConnection() {
      if (!server) throw new Error('the private Redis is not started yet');
      const extra = createRequestPathRedis({ url: server.url, connectionName: 'conformance' });
      extra.on('error', () => undefined);
      separate.push(extra);
      await extra.connect();
      return extra;
    },
  };
}
