import type { SqlTableSettings } from '../../config/user-directories/user-directories-schema.js';
import type { SqlDialect, SqlStatement } from './sql-runner.js';

/** Result column names of the lookups; constants, so no configured name is ever an alias. */
export const ACCOUNT_COLUMNS = {
  id: 'pwreset_id',
  email: 'pwreset_email',
  name: 'pwreset_name',
  locale: 'pwreset_locale',
  disabled: 'pwreset_disabled',
  disabledWhen: 'pwreset_disabled_when',
  passwordHash: 'pwreset_password_hash',
} as const;

/** At most this many rows per address: enough to tell one account from an ambiguous address. */
const MAX_ROWS_PER_ADDRESS = 10;

export interface SqlUserStatements {
  findByEmail(address: string): SqlStatement;
  findById(userId: string): SqlStatement;
  /** findById's row with the stored password hash in it too (UserDirectory.findByIdWithPasswordCheck). */
  findByIdWithPasswordHash(userId: string): SqlStatement;
  readPasswordHash(userId: string): SqlStatement;
  /** Writes the hash and the `onPasswordChange` columns in one UPDATE. */
  setPasswordHash(userId: string, passwordHash: string): SqlStatement;
  /** Reads no row but names every configured column, so a wrong name shows at readiness. */
  probe(): SqlStatement;
}

/**
 * The directory's statements. Their text holds constant SQL and the settings' identifiers, which were
 * validated at start and are quoted here; every address, id, hash and `disabledWhen` value is bound.
 */
export function sqlUserStatements(settings: SqlTableSettings, dialect: SqlDialect): SqlUserStatements {
  const { columns } = settings;
  const quote = (identifier: string) => dialect.quoteIdentifier(identifier);
  const table = quote(settings.table);
  const idColumn = quote(columns.id);
  const emailColumn = quote(columns.email);

  /** The select list of an account; the `disabledWhen` value is the first placeholder when there is one. */
  function accountSelectList(withPasswordHash: boolean): { text: string; values: SqlStatement['values'] } {
    const selected = [`${dialect.idAsText(idColumn)} AS ${quote(ACCOUNT_COLUMNS.id)}`, `${emailColumn} AS ${quote(ACCOUNT_COLUMNS.email)}`];
    for (const field of ['name', 'locale', 'disabled'] as const) {
      const column = columns[field];
      if (column !== undefined) selected.push(`${quote(column)} AS ${quote(ACCOUNT_COLUMNS[field])}`);
    }
    if (withPasswordHash) selected.push(`${quote(columns.password)} AS ${quote(ACCOUNT_COLUMNS.passwordHash)}`);
    if (settings.disabledWhen === undefined) return { text: selected.join(', '), values: [] };
    const { column, equals } = settings.disabledWhen;
    selected.push(`${dialect.columnEquals(quote(column), dialect.placeholder(1))} AS ${quote(ACCOUNT_COLUMNS.disabledWhen)}`);
    return { text: selected.join(', '), values: [equals] };
  }

  function selectAccountsWhere(
    condition: (next: () => string) => string,
    conditionValues: SqlStatement['values'],
    limit: number,
    withPasswordHash = false,
  ): SqlStatement {
    const select = accountSelectList(withPasswordHash);
    let position = select.values.length;
    const where = condition(() => dialect.placeholder(++position));
    return { text: `SELECT ${select.text} FROM ${table} WHERE ${where} LIMIT ${limit}`, values: [...select.values, ...conditionValues] };
  }

  return {
    findByEmail(address) {
      // Case-insensitive: lower() on both sides, whatever the column's collation (a PostgreSQL index on
      // lower(email) serves it). Exact: plain equality; MySQL's case-insensitive collations make that
      // looser, and the directory then keeps only the rows whose address is exactly the one asked for.
      const match =
        settings.emailMatch === 'case-insensitive'
          ? (next: () => string) => `lower(${emailColumn}) = lower(${next()})`
          : (next: () => string) => `${emailColumn} = ${next()}`;
      return selectAccountsWhere(match, [address], MAX_ROWS_PER_ADDRESS);
    },
    findById(userId) {
      return selectAccountsWhere((next) => dialect.idEquals(idColumn, next(), next()), [userId, userId], 1);
    },
    findByIdWithPasswordHash(userId) {
      return selectAccountsWhere((next) => dialect.idEquals(idColumn, next(), next()), [userId, userId], 1, true);
    },
    readPasswordHash(userId) {
      return {
        text: `SELECT ${quote(columns.password)} AS ${quote(ACCOUNT_COLUMNS.passwordHash)} FROM ${table} WHERE ${dialect.idEquals(idColumn, dialect.placeholder(1), dialect.placeholder(2))} LIMIT 1`,
        values: [userId, userId],
      };
    },
    setPasswordHash(userId, passwordHash) {
      const assignments = [`${quote(columns.password)} = ${dialect.placeholder(1)}`];
      for (const [column, value] of Object.entries(settings.onPasswordChange)) {
        // The only two values the settings allow, each written as constant SQL.
        assignments.push(`${quote(column)} = ${value === 'now()' ? 'now()' : 'NULL'}`);
      }
      return {
        text: `UPDATE ${table} SET ${assignments.join(', ')} WHERE ${dialect.idEquals(idColumn, dialect.placeholder(2), dialect.placeholder(3))}`,
        values: [passwordHash, userId, userId],
      };
    },
    probe() {
      const named = [
        columns.id,
        columns.email,
        columns.password,
        columns.name,
        columns.locale,
        columns.disabled,
        settings.disabledWhen?.column,
        ...Object.keys(settings.onPasswordChange),
      ];
      const listed = [...new Set(named.filter((column): column is string => column !== undefined))].map(quote);
      return { text: `SELECT ${listed.join(', ')} FROM ${table} WHERE 1 = 0`, values: [] };
    },
  };
}
