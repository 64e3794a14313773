import { DependencyUnavailableError } from '@pwreset/contract';
import { findFreePort, startPrivateRedis, type PrivateRedis } from '@pwreset/testing';
import bcryptjs from 'bcryptjs';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseUserDirectories, type UserDirectoriesConfig } from '../config/user-directories/load-user-directories.js';
import { DirectoryUnavailableError } from '../directories/directory-unavailable-error.js';
import { LARAVEL_USERS_TABLE, TM_USER_TABLE } from '../directories/testing/sql-table-shapes.js';
import {
  createTemporaryMysqlDatabase,
  createTemporaryPostgresDatabase,
  TEST_POSTGRES_SERVER,
  type TemporarySqlDatabase,
} from '../directories/testing/temporary-sql-databases.js';
import { createLogger } from '../logger.js';
import { connectRedis, createRequestPathRedis } from '../redis/create-redis-client.js';
import { redisKeys } from '../redis/redis-keys.js';
import { createPasswordHasher, verifyPasswordAgainstStoredHash } from '../users/password-hashes/index.js';
import { UnknownUserDirectoryError } from './unknown-user-directory-error.js';
import { createUserDirectoryRegistry, type UserDirectoryRegistry } from './user-directory-registry.js';

const OLD_PASSWORD = 'the-old-password-1';
const NEW_PASSWORD = 'a-brand-new-password-2';

/** The directories as an operator writes them in USER_DIRECTORIES_FILE, through the same validation. */
function directoriesFrom(file: Record<string, unknown>, environment: Record<string, string>): UserDirectoriesConfig {
  const parsed = parseUserDirectories(file, environment);
  if (!parsed.ok) throw new Error(parsed.problems.join('; '));
  return parsed.directories;
}

describe('the user directory registry, by kind, over real Redis, PostgreSQL and MariaDB', () => {
  let privateRedis: PrivateRedis;
  let redis: Redis;
  let postgres: TemporarySqlDatabase;
  let mariadb: TemporarySqlDatabase;
  let registry: UserDirectoryRegistry;
  const registries: UserDirectoryRegistry[] = [];

  function registryOf(directories: UserDirectoriesConfig): UserDirectoryRegistry {
    const built = createUserDirectoryRegistry({
      directories,
      redis,
      keys: redisKeys('registry-test'),
      logger: createLogger({ level: 'silent' }),
    });
    registries.push(built);
    return built;
  }

  beforeAll(async () => {
    privateRedis = await startPrivateRedis();
    redis = createRequestPathRedis({ url: privateRedis.url, connectionName: 'registry-test' });
    redis.on('error', () => undefined);
    await connectRedis(redis);
    [postgres, mariadb] = await Promise.all([createTemporaryPostgresDatabase(), createTemporaryMysqlDatabase()]);
    await postgres.execute(TM_USER_TABLE.postgres);
    const scrypt = await createPasswordHasher({ format: 'trafficops-scrypt' }).hash(OLD_PASSWORD);
    await postgres.execute('INSERT INTO tm_user (username, email, local_passwd, role) VALUES (?, ?, ?, 1)', [
      'ops',
      'Ops@Example.com',
      scrypt,
    ]);
    await mariadb.execute(LARAVEL_USERS_TABLE.mysql);
    const bcrypt = await bcryptjs.hash(OLD_PASSWORD, 4);
    await mariadb.execute('INSERT INTO users (login, email, password) VALUES (?, ?, ?)', ['quoter', 'quoter@example.com', bcrypt]);
    registry = registryOf(
      directoriesFrom(
        {
          default: { kind: 'redis' },
          trafficops: {
            kind: 'postgres',
            url: { env: 'TO_DATABASE_URL' },
            table: 'tm_user',
            columns: { id: 'id', email: 'email', password: 'local_passwd', name: 'full_name' },
            disabledWhen: { column: 'role', equals: 3 },
            emailMatch: 'case-insensitive',
            passwordHash: 'trafficops-scrypt',
            onPasswordChange: { token: null },
          },
          teenquotes: {
            kind: 'mysql',
            url: { env: 'TQ_DATABASE_URL' },
            table: 'users',
            columns: { id: 'id', email: 'email', password: 'password', disabled: 'banned' },
            emailMatch: 'exact',
            passwordHash: 'bcrypt',
            bcryptPrefix: '2y',
            bcryptCost: 4,
            onPasswordChange: { remember_token: null, updated_at: 'now()' },
          },
        },
        { TO_DATABASE_URL: postgres.url, TQ_DATABASE_URL: mariadb.url },
      ),
    );
  });

  afterAll(async () => {
    for (const built of registries) await built.close();
    await Promise.all([postgres?.drop(), mariadb?.drop()]);
    redis?.disconnect();
    await privateRedis?.stop();
  });

  it('names every configured directory, in the order of the file', () => {
    expect(registry.names).toEqual(['default', 'trafficops', 'teenquotes']);
  });

  it('finds each directory’s own accounts and checks their passwords in the store’s format', async () => {
    const ops = await registry.named('trafficops').findByEmail('ops@example.com');
    expect(ops).toMatchObject({ email: 'Ops@Example.com', disabled: false });
    expect(await registry.named('trafficops').verifyPassword(ops!.id, OLD_PASSWORD)).toBe(true);
    expect(await registry.named('trafficops').verifyPassword(ops!.id, NEW_PASSWORD)).toBe(false);

    const quoter = await registry.named('teenquotes').findByEmail('quoter@example.com');
    expect(quoter).toMatchObject({ email: 'quoter@example.com' });
    expect(await registry.named('teenquotes').verifyPassword(quoter!.id, OLD_PASSWORD)).toBe(true);
    // Exact matching in this directory: another case is another address.
    expect(await registry.named('teenquotes').findByEmail('Quoter@example.com')).toBeNull();
    // One directory's accounts are not another's.
    expect(await registry.named('teenquotes').findByEmail('ops@example.com')).toBeNull();
    expect(await registry.named('default').findByEmail('ops@example.com')).toBeNull();
  });

  it('writes new passwords with each directory’s hasher: Traffic Ops scrypt, and bcrypt $2y$ at the configured cost', async () => {
    const ops = await registry.named('trafficops').findByEmail('ops@example.com');
    await registry.named('trafficops').setPassword(ops!.id, NEW_PASSWORD);
    const [opsRow] = await postgres.execute('SELECT local_passwd FROM tm_user WHERE id = ?', [Number(ops!.id)]);
    expect(opsRow?.local_passwd).toMatch(/^SCRYPT:16384:8:1:/);
    expect(await verifyPasswordAgainstStoredHash(NEW_PASSWORD, String(opsRow?.local_passwd))).toBe(true);

    const quoter = await registry.named('teenquotes').findByEmail('quoter@example.com');
    await registry.named('teenquotes').setPassword(quoter!.id, NEW_PASSWORD);
    const [quoterRow] = await mariadb.execute('SELECT password FROM users WHERE id = ?', [Number(quoter!.id)]);
    const written = String(quoterRow?.password);
    expect(written).toMatch(/^\$2y\$04\$/);
    // An independent bcrypt reads it, as Laravel's would.
    expect(await bcryptjs.compare(NEW_PASSWORD, written)).toBe(true);
    expect(await bcryptjs.compare(OLD_PASSWORD, written)).toBe(false);
  });

  it('gives the operator methods of embedded directories only', async () => {
    const embedded = registry.embedded('default');
    expect(embedded).toBeDefined();
    const created = await embedded!.createUser({ email: 'embedded@example.com', password: OLD_PASSWORD });
    expect(created.created).toBe(true);
    expect(await registry.named('default').findByEmail('embedded@example.com')).toMatchObject({ email: 'embedded@example.com' });
    expect(registry.embedded('trafficops')).toBeUndefined();
    expect(registry.embedded('teenquotes')).toBeUndefined();
  });

  it('refuses a name it does not configure with a DependencyUnavailableError that names it', () => {
    const unknown = () => registry.named('nowhere');
    expect(unknown).toThrow(UnknownUserDirectoryError);
    expect(unknown).toThrow(DependencyUnavailableError);
    expect(unknown).toThrow('no user directory "nowhere" is configured');
    expect(() => registry.embedded('nowhere')).toThrow(UnknownUserDirectoryError);
  });

  it('reports each directory’s health by name: a dropped database and a closed port are unavailable, the others ok', async () => {
    expect(await registry.health()).toEqual({ default: { status: 'ok' }, trafficops: { status: 'ok' }, teenquotes: { status: 'ok' } });

    const doomed = await createTemporaryPostgresDatabase();
    const doomedUrl = doomed.url;
    await doomed.drop();
    const closedPort = await findFreePort();
    const degraded = registryOf(
      directoriesFrom(
        {
          default: { kind: 'redis' },
          live: { kind: 'postgres', url: postgres.url, ...tmUserColumns() },
          dropped: { kind: 'postgres', url: doomedUrl, ...tmUserColumns() },
          closed: { kind: 'postgres', url: `${TEST_POSTGRES_SERVER.replace(':5432', `:${closedPort}`)}/postgres`, ...tmUserColumns() },
          closedMysql: { kind: 'mysql', url: `mysql://root@127.0.0.1:${closedPort}/x`, ...tmUserColumns() },
        },
        {},
      ),
    );
    expect(await degraded.health()).toEqual({
      default: { status: 'ok' },
      live: { status: 'ok' },
      dropped: { status: 'unavailable', reason: 'unreachable' },
      closed: { status: 'unavailable', reason: 'unreachable' },
      closedMysql: { status: 'unavailable', reason: 'unreachable' },
    });
    // A call that needs such a directory is a 503 of that directory, never "no such account".
    await expect(degraded.named('dropped').findByEmail('ops@example.com')).rejects.toBeInstanceOf(DirectoryUnavailableError);
    await expect(degraded.named('closed').findByEmail('ops@example.com')).rejects.toThrow(/user directory "closed" is unavailable/);
    expect(await degraded.named('live').findByEmail('ops@example.com')).toMatchObject({ email: 'Ops@Example.com' });
  });

  it('closes every pool: after close() its SQL directories can no longer be reached', async () => {
    const closing = registryOf(directoriesFrom({ live: { kind: 'postgres', url: postgres.url, ...tmUserColumns() } }, {}));
    expect(await closing.named('live').findByEmail('ops@example.com')).not.toBeNull();
    await closing.close();
    await expect(closing.named('live').findByEmail('ops@example.com')).rejects.toBeInstanceOf(DirectoryUnavailableError);
  });
});

/** The Traffic Ops table's settings, for directories that differ only in where they point. */
function tmUserColumns() {
  return {
    table: 'tm_user',
    columns: { id: 'id', email: 'email', password: 'local_passwd' },
    emailMatch: 'case-insensitive',
    passwordHash: 'trafficops-scrypt',
    statementTimeout: '1s',
  };
}
