import type { Redis } from 'ioredis';
import type { ServerConfig } from '../config/load-config.js';
import { createUserDirectoryRegistry, type UserDirectoryRegistry } from '../directory-registry/user-directory-registry.js';
import { createLogger } from '../logger.js';
import { redisKeys, type RedisKeys } from '../redis/redis-keys.js';
import { connectRedis, createRequestPathRedis } from '../redis/create-redis-client.js';

/** What a CLI command gets: the validated config, and Redis on demand. */
export interface CliContext {
  readonly config: ServerConfig;
  readonly keys: RedisKeys;
  redis(): Promise<Redis>;
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
  let client: Redis | undefined;
  let registry: UserDirectoryRegistry | undefined;
  const keys = redisKeys(config.redisKeyPrefix);

  async function redis(): Promise<Redis> {
    if (client) return client;
    client = createRequestPathRedis({ url: config.redisUrl, connectionName: 'pwreset-cli' });
    client.on('error', () => undefined);
    await connectRedis(client).catch(() => {
      throw new CliError(`cannot reach Redis at REDIS_URL (${new URL(config.redisUrl).host}); start one or set REDIS_URL`);
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
