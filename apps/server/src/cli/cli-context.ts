import type { RedisConnection } from '../redis/redis-connection-factory.js';
import type { ServerConfig } from '../config/load-config.js';
import { createUserDirectoryRegistry, type UserDirectoryRegistry } from '../directory-registry/user-directory-registry.js';
import { createLogger } from '../logger.js';
import { redisKeys, type RedisKeys } from '../redis/redis-keys.js';
import { describeRedisLocation } from '../config/redis-connection-settings.js';
import { connectRedis, RedisClusterNodeAsSingleError } from '../redis/create-redis-client.js';
import { redisConnectionFactory } from '../redis/redis-connection-factory.js';

/** What a CLI command gets: the validated config, and Redis on demand. */
export interface CliContext {
  readonly config: ServerConfig;
  readonly keys: RedisKeys;
  redis(): Promise<RedisConnection>;
  /** The directories of USER_DIRECTORIES_FILE, built as the server builds them (over the same Redis); closed by `close()`. */
  directories(): Promise<UserDirectoryRegistry>;
  /** Prints to stdout: JSON with --json, else the human text. */
  output(json: boolean, value: unknown, human: string): void;
  close(): Promise<void>;
}

/** A failure the operator should read; printed without a stack, exit code 1. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

export function createCliContext(config: ServerConfig): CliContext {
  let client: RedisConnection | undefined;
  let registry: UserDirectoryRegistry | undefined;
  const keys = redisKeys(config.redisKeyPrefix);

  async function redis(): Promise<RedisConnection> {
    if (client) return client;
    client = redisConnectionFactory(config.redis).requestPath('pwreset-cli');
    client.on('error', () => undefined);
    await connectRedis(client).catch((error: unknown) => {
      // A cluster node behind REDIS_URL is a configuration error: exit code 2, as for every other.
      if (error instanceof RedisClusterNodeAsSingleError) throw new CliError(`invalid configuration: ${error.message}`, 2);
      throw new CliError(`cannot reach Redis at ${describeRedisLocation(config.redis)}; start it or set the variable`);
    });
    return client;
  }

  return {
    config,
    keys,
    redis,
    async directories() {
      if (registry) return registry;
      const connection = await redis();
      // Silent: a dropped pool connection is the server's to log; a failed call reaches the operator as an error.
      registry = createUserDirectoryRegistry({
        directories: config.userDirectories,
        redis: connection,
        keys,
        logger: createLogger({ level: 'silent' }),
      });
      return registry;
    },
    output(json, value, human) {
      process.stdout.write(json ? `${JSON.stringify(value)}\n` : `${human}\n`);
    },
    async close() {
      await registry?.close();
      // QUIT waits for a connection; a client still retrying one must be dropped instead.
      if (client?.status === 'ready') await client.quit().catch(() => undefined);
      else client?.disconnect();
    },
  };
}
