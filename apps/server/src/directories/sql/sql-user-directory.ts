import type { UserAccount } from '@pwreset/contract/engine';
import type { SqlTableSettings } from '../../config/user-directories/user-directories-schema.js';
import { UnknownPasswordHashFormatError, type PasswordHasher } from '../../users/password-hashes/password-hasher.js';
import { maximumPasswordBytes } from '../../users/password-hashes/password-length-limits.js';
import { DirectoryUnavailableError } from '../directory-unavailable-error.js';
import type { ServedUserDirectory } from '../served-user-directory.js';
import { accountFromRow, passwordHashFromRow } from './sql-account-row.js';
import { SqlStatementError, type SqlDialect, type SqlResult, type SqlRunner, type SqlStatement } from './sql-runner.js';
import { sqlUserStatements } from './sql-user-statements.js';

export interface SqlUserDirectoryOptions {
  /** The directory's name in USER_DIRECTORIES_FILE, for errors and readiness. */
  readonly name: string;
  readonly settings: SqlTableSettings;
  readonly dialect: SqlDialect;
  readonly runner: SqlRunner;
  /** Hashes in the directory's `passwordHash` format; verifies any of the three. */
  readonly hasher: PasswordHasher;
}

/** Whether two addresses are equal under the directory's rule, decided here whatever the database's collation. */
function addressesMatch(stored: string, asked: string, mode: SqlTableSettings['emailMatch']): boolean {
  return mode === 'exact' ? stored === asked : stored.toLowerCase() === asked.toLowerCase();
}

/** The UserDirectory port over one SQL table; the PostgreSQL and MySQL adapters differ only in dialect and runner. */
export function sqlUserDirectory({ name, settings, dialect, runner, hasher }: SqlUserDirectoryOptions): ServedUserDirectory {
  const statements = sqlUserStatements(settings, dialect);

  /** Runs one statement; a store failure becomes DirectoryUnavailableError, except a bound value the column cannot take. */
  async function run(statement: SqlStatement): Promise<SqlResult | 'invalid-input'> {
    try {
      return await runner.run(statement);
    } catch (error) {
      if (!(error instanceof SqlStatementError)) throw error;
      if (error.failure === 'invalid-input') return 'invalid-input';
      throw new DirectoryUnavailableError(name, error.failure, error.code);
    }
  }

  function accountOrThrow(row: Record<string, unknown>): UserAccount {
    const account = accountFromRow(row);
    // A row without id or address is a data problem: a 503 and a logged error, never "no such account".
    if (account === undefined) throw new DirectoryUnavailableError(name, 'malformed-account');
    return account;
  }

  /** Whether `password` is the one the row's stored hash is of. */
  async function isPasswordOfRow(row: Record<string, unknown>, password: string): Promise<boolean> {
    const storedHash = passwordHashFromRow(row);
    if (storedHash === undefined) throw new DirectoryUnavailableError(name, 'malformed-account');
    try {
      // null: nothing stored to compare with (an LDAP user); not the same password, so REUSED does not apply.
      return (await hasher.verify(password, storedHash)) === true;
    } catch (error) {
      if (error instanceof UnknownPasswordHashFormatError) throw new DirectoryUnavailableError(name, 'unknown-hash-format');
      throw error;
    }
  }

  // bcrypt reads 72 bytes: the engine narrows the policy by it, so a longer password is refused, never truncated.
  const maxPasswordBytes = maximumPasswordBytes(hasher.format);

  return {
    ...(maxPasswordBytes === null ? {} : { maxPasswordBytes }),

    async findByEmail(email) {
      const address = email.trim();
      if (address === '') return null;
      const result = await run(statements.findByEmail(address));
      if (result === 'invalid-input') return null;
      const accounts = result.rows.map(accountOrThrow).filter((account) => addressesMatch(account.email, address, settings.emailMatch));
      if (accounts.length <= 1) return accounts[0] ?? null;
      // Several case variants of one address under case-insensitive matching: the one spelled exactly
      // as asked, else nobody can tell which account is meant, and guessing would reset a stranger's.
      const spelledAsAsked = accounts.filter((account) => account.email === address);
      if (spelledAsAsked.length === 1 && spelledAsAsked[0]) return spelledAsAsked[0];
      throw new DirectoryUnavailableError(name, 'ambiguous-email');
    },

    async findById(userId) {
      const result = await run(statements.findById(userId));
      if (result === 'invalid-input') return null;
      const [row] = result.rows;
      return row === undefined ? null : accountOrThrow(row);
    },

    async findByIdWithPasswordCheck(userId) {
      // findById's one SELECT with the hash column in it: the reuse check then asks the store nothing more.
      const result = await run(statements.findByIdWithPasswordHash(userId));
      if (result === 'invalid-input') return null;
      const [row] = result.rows;
      return row === undefined ? null : { account: accountOrThrow(row), isCurrentPassword: (password) => isPasswordOfRow(row, password) };
    },

    async verifyPassword(userId, password) {
      const result = await run(statements.readPasswordHash(userId));
      if (result === 'invalid-input') return false;
      const [row] = result.rows;
      return row !== undefined && isPasswordOfRow(row, password);
    },

    async setPassword(userId, password) {
      const passwordHash = await hasher.hash(password);
      const result = await run(statements.setPasswordHash(userId, passwordHash));
      // No row took the password: the reset must not count as done.
      if (result === 'invalid-input' || result.affectedRows === 0) throw new DirectoryUnavailableError(name, 'not-written');
    },

    async checkHealth() {
      try {
        await run(statements.probe());
        return { status: 'ok' };
      } catch (error) {
        return { status: 'unavailable', reason: error instanceof DirectoryUnavailableError ? error.reason : 'query-failed' };
      }
    },

    close: () => runner.close(),
  };
}
