import type { RedisConnection } from '../redis/redis-connection-factory.js';
import type { ServedUserDirectory } from '../directories/served-user-directory.js';
import { failClosed } from '../redis/fail-closed.js';
import type { RedisKeys } from '../redis/redis-keys.js';
import { redisUserDirectory, type ManagedUserDirectory } from '../users/redis-user-directory.js';

/** A `redis` directory: the engine's port for the server, and the operator methods for the CLI. */
export interface EmbeddedUserDirectory {
  readonly served: ServedUserDirectory;
  readonly managed: ManagedUserDirectory;
}

export interface EmbeddedUserDirectoryOptions {
  /** The directory's name: its accounts are keyed by it, so two embedded directories never share one. */
  readonly name: string;
  /** The shared request-path connection; closed by its owner, not by the directory. */
  readonly redis: RedisConnection;
  readonly keys: RedisKeys;
}

export function embeddedUserDirectory({ name, redis, keys }: EmbeddedUserDirectoryOptions): EmbeddedUserDirectory {
  const managed = failClosed(redis, redisUserDirectory({ redis, keys, directory: name }));
  return {
    managed,
    served: {
      findByEmail: (email) => managed.findByEmail(email),
      findById: (userId) => managed.findById(userId),
      findByIdWithPasswordCheck: (userId) => managed.findByIdWithPasswordCheck(userId),
      verifyPassword: (userId, password) => managed.verifyPassword(userId, password),
      setPassword: (userId, password) => managed.setPassword(userId, password),
      async checkHealth() {
        const answer = await redis.ping().catch(() => null);
        return answer === 'PONG' ? { status: 'ok' } : { status: 'unavailable', reason: 'unreachable' };
      },
      // The connection is the server's own: it closes it last, after every directory.
      close: async () => undefined,
    },
  };
}
