import { createServer, type Socket } from 'node:net';
import { findFreePort } from '@pwreset/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SqlUserDirectorySettings } from '../../config/user-directories/user-directories-schema.js';
import { createPasswordHasher, type PasswordHasher } from '../../users/password-hashes/index.js';
import { DirectoryUnavailableError } from '../directory-unavailable-error.js';
import type { ServedUserDirectory } from '../served-user-directory.js';
import type { TemporarySqlDatabase } from './temporary-sql-databases.js';
import {
  DISABLED_ROLE,
  LARAVEL_USERS_TABLE,
  laravelSettings,
  TM_USER_TABLE,
  trafficOpsSettings,
  type SqlKind,
} from './sql-table-shapes.js';
import { testPasswordHasher } from './test-password-hasher.js';
import {
  describeServedUserDirectoryConformance,
  type ConformanceAccount,
  type DirectoryConformanceSubject,
} from './user-directory-conformance.js';

export interface SqlAdapterUnderTest {
  readonly kind: SqlKind;
  createDatabase(): Promise<TemporarySqlDatabase>;
  /** The adapter over a pool of its own, built as the server will build it; `hasher` defaults to testPasswordHasher. */
  openDirectory(name: string, settings: SqlUserDirectorySettings, hasher?: PasswordHasher): ServedUserDirectory;
  /** A statement text that takes `seconds` to answer, as a view of `table`. */
  slowViewSql(view: string, table: string, seconds: number): string;
}

/** A URL of the same server kind on a port nobody listens on. */
function withPort(url: string, port: number): string {
  const moved = new URL(url);
  moved.port = String(port);
  return moved.toString();
}

/**
 * The UserDirectory conformance suite over Traffic Ops' `tm_user` and Laravel's `users`, then what only
 * SQL directories do, against the real server of `adapter.kind` in a database of this file's own.
 */
export function describeSqlUserDirectoryTests(adapter: SqlAdapterUnderTest): void {
  let database: TemporarySqlDatabase;
  const opened: ServedUserDirectory[] = [];
  const open = (settings: SqlUserDirectorySettings, name = 'under-test') => {
    const directory = adapter.openDirectory(name, settings);
    opened.push(directory);
    return directory;
  };
  let deadPort: number;

  beforeAll(async () => {
    database = await adapter.createDatabase();
    await database.execute(TM_USER_TABLE[adapter.kind]);
    await database.execute(LARAVEL_USERS_TABLE[adapter.kind]);
    deadPort = await findFreePort();
  });
  afterAll(async () => {
    await Promise.all(opened.map((directory) => directory.close()));
    await database?.drop();
  });

  /** Ids as text: the big-id test moves AUTO_INCREMENT past 2^53, where a JavaScript number would round. */
  async function idOf(table: string, email: string): Promise<string> {
    const [row] = await database.execute(`SELECT CONCAT(id, '') AS id FROM ${table} WHERE email = ?`, [email]);
    return String(row?.id);
  }

  async function storedPasswordOf(table: string, column: string, userId: string): Promise<string | null> {
    const [row] = await database.execute(`SELECT ${column} AS hash FROM ${table} WHERE id = ?`, [userId]);
    const hash = row?.hash;
    return typeof hash === 'string' ? hash : null;
  }

  async function addTrafficOpsUser(account: ConformanceAccount, extra: { token?: string } = {}): Promise<string> {
    const hash = account.password === null ? null : await testPasswordHasher.hash(account.password);
    await database.execute(
      'INSERT INTO tm_user (username, email, local_passwd, role, token, full_name, locale) VALUES (?, ?, ?, ?, ?, ?, ?)',
      [
        `u-${account.email}`,
        account.email,
        hash,
        account.disabled ? DISABLED_ROLE : 2,
        extra.token ?? null,
        account.name ?? null,
        account.locale ?? null,
      ],
    );
    return idOf('tm_user', account.email);
  }

  async function addLaravelUser(account: ConformanceAccount): Promise<string> {
    // Laravel's password column is NOT NULL: an account without a password has an empty one.
    const hash = account.password === null ? '' : await testPasswordHasher.hash(account.password);
    await database.execute(
      "INSERT INTO users (login, name, email, password, remember_token, banned, locale, created_at) VALUES (?, ?, ?, ?, 'remember-me', ?, ?, now())",
      [`login-${account.email}`, account.name ?? null, account.email, hash, account.disabled ?? false, account.locale ?? null],
    );
    return idOf('users', account.email);
  }

  async function writeStoredPassword(table: string, column: string, userId: string, storedHash: string | null): Promise<void> {
    await database.execute(`UPDATE ${table} SET ${column} = ? WHERE id = ?`, [storedHash, userId]);
  }

  let slowViews = 0;
  /** A view over `table` that sleeps far longer than `timeoutMs` once per statement, as a slow database does. */
  async function slowTable(table: string): Promise<string> {
    slowViews += 1;
    const view = `slow_${table}_${slowViews}`;
    await database.execute(adapter.slowViewSql(view, table, 5));
    return view;
  }

  describeServedUserDirectoryConformance({
    label: `${adapter.kind}, Traffic Ops' tm_user (case-insensitive, disabledWhen)`,
    rules: { emailMatch: 'case-insensitive', passwordForm: 'as-given', writeToUnknownAccount: 'refused', passwordRead: 'with-account' },
    writtenHashFormat: testPasswordHasher.format,
    async makeSubject(): Promise<DirectoryConformanceSubject> {
      await database.execute('DELETE FROM tm_user');
      return {
        directory: open(trafficOpsSettings(adapter.kind, database.url)),
        addAccount: (account) => addTrafficOpsUser(account),
        readStoredPasswordHash: (userId) => storedPasswordOf('tm_user', 'local_passwd', userId),
        writeStoredPasswordHash: (userId, storedHash) => writeStoredPassword('tm_user', 'local_passwd', userId, storedHash),
      };
    },
    faults: {
      unreachableDirectory: () => open(trafficOpsSettings(adapter.kind, withPort(database.url, deadPort))),
      async slowDirectory(timeoutMs) {
        const userId = await addTrafficOpsUser({ email: 'slow@example.com', password: 'old password 1' });
        const view = await slowTable('tm_user');
        return { directory: open({ ...trafficOpsSettings(adapter.kind, database.url, view), statementTimeoutMs: timeoutMs }), userId };
      },
      async addAccountWithoutAddress() {
        await database.execute("INSERT INTO tm_user (username, email) VALUES ('noaddress', NULL)");
        const [row] = await database.execute("SELECT CONCAT(id, '') AS id FROM tm_user WHERE username = 'noaddress'");
        return String(row?.id);
      },
    },
  });

  describeServedUserDirectoryConformance({
    label: `${adapter.kind}, Laravel's users (exact, a disabled column)`,
    rules: { emailMatch: 'exact', passwordForm: 'as-given', writeToUnknownAccount: 'refused', passwordRead: 'with-account' },
    writtenHashFormat: testPasswordHasher.format,
    async makeSubject(): Promise<DirectoryConformanceSubject> {
      await database.execute('DELETE FROM users');
      return {
        directory: open(laravelSettings(adapter.kind, database.url)),
        addAccount: (account) => addLaravelUser(account),
        readStoredPasswordHash: (userId) => storedPasswordOf('users', 'password', userId),
        // Laravel's password column is NOT NULL: an account without a password has an empty one.
        writeStoredPasswordHash: (userId, storedHash) => writeStoredPassword('users', 'password', userId, storedHash ?? ''),
      };
    },
    faults: {
      unreachableDirectory: () => open(laravelSettings(adapter.kind, withPort(database.url, deadPort))),
      async slowDirectory(timeoutMs) {
        const userId = await addLaravelUser({ email: 'slow@example.com', password: 'old password 1' });
        const view = await slowTable('users');
        return { directory: open({ ...laravelSettings(adapter.kind, database.url, view), statementTimeoutMs: timeoutMs }), userId };
      },
      async addAccountWithoutAddress() {
        // NOT NULL: the nearest a Laravel row comes to no address is a blank one.
        await database.execute("INSERT INTO users (login, email, password) VALUES ('blank', '  ', '')");
        const [row] = await database.execute("SELECT CONCAT(id, '') AS id FROM users WHERE login = 'blank'");
        return String(row?.id);
      },
    },
  });

  describe(`SQL user directory: ${adapter.kind}`, () => {
    let trafficOps: ServedUserDirectory;
    let laravel: ServedUserDirectory;
    beforeEach(async () => {
      await database.execute('DELETE FROM tm_user');
      await database.execute('DELETE FROM users');
      trafficOps = open(trafficOpsSettings(adapter.kind, database.url), 'trafficops');
      laravel = open(laravelSettings(adapter.kind, database.url), 'teenquotes');
    });

    async function rejection(promise: Promise<unknown>): Promise<DirectoryUnavailableError> {
      const error = await promise.then(
        () => undefined,
        (reason: unknown) => reason,
      );
      expect(error).toBeInstanceOf(DirectoryUnavailableError);
      return error as DirectoryUnavailableError;
    }

    it('clears the Traffic Ops token in the same write as the password', async () => {
      const id = await addTrafficOpsUser({ email: 'ops@example.com', password: 'old password 1' }, { token: 'api-token' });
      await trafficOps.setPassword(id, 'new password 2');
      const [row] = await database.execute('SELECT token, local_passwd FROM tm_user WHERE id = ?', [id]);
      expect(row?.token).toBeNull();
      expect(await testPasswordHasher.verify('new password 2', String(row?.local_passwd))).toBe(true);
    });

    it("clears Laravel's remember token and sets updated_at to the database's now()", async () => {
      const id = await addLaravelUser({ email: 'teen@example.com', password: 'old password 1' });
      await laravel.setPassword(id, 'new password 2');
      const [row] = await database.execute(
        'SELECT remember_token, updated_at IS NOT NULL AS stamped, updated_at >= created_at AS after_creation FROM users WHERE id = ?',
        [id],
      );
      expect(row).toMatchObject({ remember_token: null });
      expect([true, 1]).toContain(row?.stamped);
      expect([true, 1]).toContain(row?.after_creation);
    });

    it('declares the 72 bytes a bcrypt directory reads, and writes a 72-byte password whole', async () => {
      const bcrypt = createPasswordHasher({ format: 'bcrypt', bcryptCost: 4, bcryptPrefix: '2y' });
      const teenQuotes = adapter.openDirectory('teenquotes-bcrypt', laravelSettings(adapter.kind, database.url), bcrypt);
      opened.push(teenQuotes);
      expect(teenQuotes.maxPasswordBytes).toBe(72);
      expect(laravel).not.toHaveProperty('maxPasswordBytes');
      const id = await addLaravelUser({ email: 'bytes@example.com', password: 'old password 1' });
      const seventyTwoBytes = 'é'.repeat(36);
      await teenQuotes.setPassword(id, seventyTwoBytes);
      expect(await teenQuotes.verifyPassword(id, seventyTwoBytes)).toBe(true);
      expect(await teenQuotes.verifyPassword(id, 'é'.repeat(35))).toBe(false);
      // The hasher's own guard, should a path ever skip the policy: refused, nothing truncated, nothing written.
      await expect(teenQuotes.setPassword(id, `${seventyTwoBytes}a`)).rejects.toBeInstanceOf(RangeError);
      expect(await teenQuotes.verifyPassword(id, seventyTwoBytes)).toBe(true);
    });

    it('reads a disabledWhen role other than the disabled one as enabled', async () => {
      await database.execute("INSERT INTO tm_user (username, email, role) VALUES ('ro', 'readonly@example.com', 4)");
      expect(await trafficOps.findByEmail('readonly@example.com')).toMatchObject({ disabled: false });
    });

    it('keeps ids beyond 2^53 whole, as strings', async () => {
      await database.execute("INSERT INTO tm_user (id, username, email) VALUES (9007199254740993, 'big', 'big@example.com')");
      expect(await trafficOps.findByEmail('big@example.com')).toMatchObject({ id: '9007199254740993' });
      expect(await trafficOps.findById('9007199254740993')).toMatchObject({ email: 'big@example.com' });
      expect(await trafficOps.findById('9007199254740992')).toBeNull();
    });

    it('refuses to guess between case variants of one address, and takes the one spelled as asked', async () => {
      await addTrafficOpsUser({ email: 'Ann@example.com', password: 'old password 1' });
      const exact = await addTrafficOpsUser({ email: 'ann@example.com', password: 'old password 1' });
      expect(await rejection(trafficOps.findByEmail('ANN@example.com'))).toMatchObject({ reason: 'ambiguous-email' });
      expect((await trafficOps.findByEmail('ann@example.com'))?.id).toBe(exact);
    });

    it('refuses to count a password written to no account as written', async () => {
      expect(await rejection(laravel.setPassword('424242', 'new password 2'))).toMatchObject({ reason: 'not-written' });
      expect(await rejection(laravel.setPassword('abc', 'new password 2'))).toMatchObject({ reason: 'not-written' });
    });

    it('reports readiness: ok, a misnamed column, an unreachable server', async () => {
      expect(await laravel.checkHealth()).toEqual({ status: 'ok' });
      const misnamed = open({ ...laravelSettings(adapter.kind, database.url), onPasswordChange: { remember_me: null } });
      expect(await misnamed.checkHealth()).toEqual({ status: 'unavailable', reason: 'query-failed' });
      const unreachable = open({ ...laravelSettings(adapter.kind, withPort(database.url, deadPort)) });
      expect(await unreachable.checkHealth()).toEqual({ status: 'unavailable', reason: 'unreachable' });
    });

    it('answers a missing table as unavailable, not as an unknown account', async () => {
      const missing = open(laravelSettings(adapter.kind, database.url, 'no_such_table'));
      expect(await rejection(missing.findByEmail('anyone@example.com'))).toMatchObject({ reason: 'query-failed' });
    });

    it('answers a server that accepts connections and then says nothing as unavailable, within its bound', async () => {
      const held: Socket[] = [];
      const silent = createServer((socket) => held.push(socket));
      await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
      try {
        const address = silent.address();
        const port = typeof address === 'object' && address ? address.port : 0;
        const mute = open({ ...laravelSettings(adapter.kind, withPort(database.url, port)), statementTimeoutMs: 300 });
        expect(await rejection(mute.findByEmail('anyone@example.com'))).toMatchObject({ reason: 'unreachable' });
      } finally {
        held.forEach((socket) => socket.destroy());
        await new Promise((resolve) => silent.close(resolve));
      }
    });

    it('answers as unavailable once closed', async () => {
      const closing = adapter.openDirectory('closing', laravelSettings(adapter.kind, database.url));
      await closing.close();
      expect(await rejection(closing.findById('1'))).toMatchObject({ reason: 'unreachable' });
    });
  });
}
