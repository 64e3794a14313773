import { describeRedisLocation, type RedisConnectionSettings } from '../config/redis-connection-settings.js';
import type { Logger } from '../logger.js';
import { connectRedis, RedisClusterNodeAsSingleError } from './create-redis-client.js';
import type { RedisConnection } from './redis-connection-factory.js';

/**
 * For the server and the worker: connects, or exits. A cluster node behind REDIS_URL is a
 * configuration error (one line, exit code 2, as every other); Redis away is exit code 1, with the
 * reason and no stack (the stack is ioredis's, and says nothing to an operator).
 */
export async function connectAtStartOrExit(redis: RedisConnection, settings: RedisConnectionSettings, logger: Logger): Promise<void> {
  try {
    await connectRedis(redis);
  } catch (error) {
    if (error instanceof RedisClusterNodeAsSingleError) {
      process.stderr.write(`Invalid configuration: ${error.message}\n`);
      process.exit(2);
    }
    logger.fatal(
      { err: { message: error instanceof Error ? error.message : String(error) } },
      `cannot reach Redis at ${describeRedisLocation(settings)}; start it or set the variable`,
    );
    process.exit(1);
  }
}
