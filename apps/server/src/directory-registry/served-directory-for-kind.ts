import type { RedisConnection } from '../redis/redis-connection-factory.js';
import type { SqlUserDirectorySettings, UserDirectorySettings } from '../config/user-directories/user-directories-schema.js';
import { httpUserDirectory } from '../directories/http/http-user-directory.js';
import type { ServedUserDirectory } from '../directories/served-user-directory.js';
import { createMysqlDirectoryPool, mysqlUserDirectory } from '../directories/sql/mysql-user-directory.js';
import { createPostgresDirectoryPool, postgresUserDirectory } from '../directories/sql/postgres-user-directory.js';
import type { Logger } from '../logger.js';
import type { RedisKeys } from '../redis/redis-keys.js';
import { createPasswordHasher, type PasswordHasher } from '../users/password-hashes/index.js';
import { embeddedUserDirectory, type EmbeddedUserDirectory } from './embedded-user-directory.js';

export interface DirectoryBuildContext {
  readonly redis: RedisConnection;
  readonly keys: RedisKeys;
  readonly logger: Pick<Logger, 'warn'>;
}

/** One configured directory, built: the served port, and for the embedded kind its operator methods too. */
export type BuiltDirectory =
  | { readonly kind: 'redis'; readonly served: ServedUserDirectory; readonly embedded: EmbeddedUserDirectory }
  | { readonly kind: Exclude<UserDirectorySettings['kind'], 'redis'>; readonly served: ServedUserDirectory };

/** The directory's own hash format; the bcrypt settings were defaulted and bounded by the directories schema. */
function hasherFor(settings: SqlUserDirectorySettings): PasswordHasher {
  return createPasswordHasher({
    format: settings.passwordHash,
    ...('bcrypt' in settings && settings.bcrypt ? { bcryptCost: settings.bcrypt.cost, bcryptPrefix: settings.bcrypt.prefix } : {}),
  });
}

/** The code of an idle connection's error, never its message: a driver's message can quote the URL. */
function errorCode(error: Error): string | undefined {
  return 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

/** Builds one directory by its kind. Pools connect lazily: nothing is dialled until the first call or probe. */
export function servedDirectoryForKind(name: string, settings: UserDirectorySettings, context: DirectoryBuildContext): BuiltDirectory {
  switch (settings.kind) {
    case 'redis': {
      const embedded = embeddedUserDirectory({ name, redis: context.redis, keys: context.keys });
      return { kind: 'redis', served: embedded.served, embedded };
    }
    case 'postgres': {
      const { kind: _kind, url: _url, ...table } = settings;
      const pool = createPostgresDirectoryPool({
        settings,
        onIdleConnectionError: (error) =>
          context.logger.warn({ directory: name, code: errorCode(error) }, 'user directory connection dropped'),
      });
      return { kind: 'postgres', served: postgresUserDirectory({ name, pool, settings: table, hasher: hasherFor(settings) }) };
    }
    case 'mysql': {
      const { kind: _kind, url: _url, ...table } = settings;
      const pool = createMysqlDirectoryPool({ settings });
      return { kind: 'mysql', served: mysqlUserDirectory({ name, pool, settings: table, hasher: hasherFor(settings) }) };
    }
    case 'http':
      return { kind: 'http', served: httpUserDirectory({ name, settings, logger: context.logger }) };
  }
}
