import mysql from 'mysql2/promise';
import type { SqlTableSettings, SqlUserDirectorySettings } from '../../config/user-directories/user-directories-schema.js';
import type { PasswordHasher } from '../../users/password-hashes/password-hasher.js';
import type { ServedUserDirectory } from '../served-user-directory.js';
import { quoteIdentifierParts, SqlStatementError, type SqlDialect, type SqlFailure, type SqlRunner } from './sql-runner.js';
import { sqlUserDirectory } from './sql-user-directory.js';

export interface MysqlDirectoryPoolOptions {
  readonly settings: Pick<SqlUserDirectorySettings, 'url' | 'statementTimeoutMs'>;
  /** Connections per directory. Default 5. */
  readonly maxConnections?: number;
}

/**
 * The pool of one MySQL or MariaDB directory, with the statement timeout as the bound on connecting;
 * mysql2 bounds statements one by one (see mysqlSqlRunner).
 */
export function createMysqlDirectoryPool({ settings, maxConnections = 5 }: MysqlDirectoryPoolOptions): mysql.Pool {
  // mysql2 reads mysql:// URLs; mariadb:// is the same protocol under MariaDB's name.
  const uri = settings.url.replace(/^mariadb:/, 'mysql:');
  return mysql.createPool({ uri, connectionLimit: maxConnections, connectTimeout: settings.statementTimeoutMs, waitForConnections: true, charset: 'utf8mb4' });
}

export const mysqlDialect: SqlDialect = {
  quoteIdentifier: (identifier) => quoteIdentifierParts(identifier, '`'),
  placeholder: () => '?',
  idAsText: (column) => `CAST(${column} AS CHAR)`,
  // MySQL compares '1abc' = 1 as true and text by its collation: the typed comparison finds the row by
  // its index, the binary one keeps it only when the id is exactly the text asked for.
  idEquals: (column, first, second) => `(${column} = ${first} AND CAST(${column} AS BINARY) = ${second})`,
  columnEquals: (column, placeholder) => `(${column} = ${placeholder})`,
};

/** Server errors that mean a statement ran past its time (MySQL's max_execution_time, MariaDB's max_statement_time). */
const SERVER_TIMEOUT_CODES = new Set(['ER_QUERY_TIMEOUT', 'ER_STATEMENT_TIMEOUT', 'ER_QUERY_INTERRUPTED']);

interface MysqlDriverError {
  readonly code?: string;
  readonly sqlState?: string;
  readonly fatal?: boolean;
}

function driverErrorOf(error: unknown): MysqlDriverError {
  if (typeof error !== 'object' || error === null) return {};
  const { code, sqlState, fatal } = error as Record<string, unknown>;
  return {
    ...(typeof code === 'string' ? { code } : {}),
    ...(typeof sqlState === 'string' ? { sqlState } : {}),
    ...(typeof fatal === 'boolean' ? { fatal } : {}),
  };
}

function classify(error: MysqlDriverError): SqlFailure {
  // PROTOCOL_SEQUENCE_TIMEOUT is mysql2's own per-statement timeout.
  if (error.code === 'PROTOCOL_SEQUENCE_TIMEOUT' || (error.code !== undefined && SERVER_TIMEOUT_CODES.has(error.code))) return 'timeout';
  // mysql2 marks errors that end the connection fatal; those without an SQLSTATE never reached the server.
  if (error.fatal === true || error.sqlState === undefined) return 'unreachable';
  return 'query-failed';
}

/**
 * Runs each statement as a server-side prepared statement (values bound, never escaped into the text),
 * bounded by `statementTimeoutMs`. A connection whose statement timed out or failed fatally is
 * destroyed rather than returned to the pool: its late answer must not reach the next statement.
 */
export function mysqlSqlRunner(pool: mysql.Pool, statementTimeoutMs: number): SqlRunner {
  return {
    async run({ text, values }) {
      let connection: mysql.PoolConnection;
      try {
        connection = await pool.getConnection();
      } catch (error) {
        throw new SqlStatementError('unreachable', driverErrorOf(error).code);
      }
      try {
        const [result] = await connection.execute<mysql.RowDataPacket[] | mysql.ResultSetHeader>({ sql: text, values: [...values], timeout: statementTimeoutMs });
        connection.release();
        return Array.isArray(result) ? { rows: result, affectedRows: 0 } : { rows: [], affectedRows: result.affectedRows };
      } catch (error) {
        const driverError = driverErrorOf(error);
        const failure = classify(driverError);
        if (failure === 'query-failed') connection.release();
        else connection.destroy();
        throw new SqlStatementError(failure, driverError.code);
      }
    },
    close: () => pool.end(),
  };
}

export interface MysqlUserDirectoryOptions {
  readonly name: string;
  /** Built by createMysqlDirectoryPool. */
  readonly pool: mysql.Pool;
  readonly settings: SqlTableSettings;
  readonly hasher: PasswordHasher;
}

/** A `mysql` directory (MySQL or MariaDB): the accounts of one table, read and written with bound parameters only. */
export function mysqlUserDirectory({ name, pool, settings, hasher }: MysqlUserDirectoryOptions): ServedUserDirectory {
  return sqlUserDirectory({ name, settings, dialect: mysqlDialect, runner: mysqlSqlRunner(pool, settings.statementTimeoutMs), hasher });
}
