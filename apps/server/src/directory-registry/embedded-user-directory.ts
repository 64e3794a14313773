import type { Redis } from 'ioredis';
import type { ServedUserDirectory } from '../directories/served-user-directory.js';
import { failClosed } from '../redis/fail-closed.js';
import type { RedisKeys } from '../redis/redis-keys.js';
import { redisUserDirectory, type ManagedUserDirectory } from '../users/redis-user-directory.js';
import type { ImportingUserDirectory } from './pending-engine-types.js';

/** A `redis` directory: the engine's port for the server, and the operator methods for the CLI. */
export interface EmbeddedUserDirectory {
  readonly served: ServedUserDirectory;
  readonly managed: ImportingUserDirectory;
}

export interface EmbeddedUserDirectoryOptions {
  /** The directory's name: its accounts are keyed by it, so two embedded directories never share one. */
  readonly name: string;
  /** The shared request-path connection; closed by its owner, not by the directory. */
  readonly redis: Redis;
  readonly keys: RedisKeys;
}

export function embeddedUserDirectory({ name, redis, keys }: EmbeddedUserDirectoryOptions): EmbeddedUserDirectory {
  // MERGE(i12-engine): `directory` is the engine branch's new option of redisUserDirectory. Passed as a
  // variable, so that it compiles before that merge (when the option is unknown) and after.
  const options = { redis, keys, directory: name };
  const users: ManagedUserDirectory & Partial<Pick<ImportingUserDirectory, 'importUser'>> = failClosed(redis, redisUserDirectory(options));
  const managed: ImportingUserDirectory = {
    findByEmail: (email) => users.findByEmail(email),
    findById: (userId) => users.findById(userId),
    verifyPassword: (userId, password) => users.verifyPassword(userId, password),
    setPassword: (userId, password) => users.setPassword(userId, password),
    createUser: (user) => users.createUser(user),
    setDisabled: (userId, disabled) => users.setDisabled(userId, disabled),
    importUser(user) {
      // MERGE(i12-engine): always there once redisUserDirectory has importUser; then call it directly.
      if (!users.importUser) throw new Error('this build of the embedded directory cannot import users yet');
      return users.importUser(user);
    },
  };
  return {
    managed,
    served: {
      findByEmail: managed.findByEmail,
      findById: managed.findById,
      verifyPassword: managed.verifyPassword,
      setPassword: managed.setPassword,
      async checkHealth() {
        const answer = await redis.ping().catch(() => null);
        return answer === 'PONG' ? { status: 'ok' } : { status: 'unavailable', reason: 'unreachable' };
      },
      // The connection is the server's own: it closes it last, after every directory.
      close: async () => undefined,
    },
  };
}
