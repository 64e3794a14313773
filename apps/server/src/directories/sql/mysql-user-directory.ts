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
  return mysql.createPool({
    uri,
    connectionLimit: maxConnections,
    connectTimeout: settings.statementTimeoutMs,
    waitForConnections: true,
    charset: 'utf8mb4',
  });
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

/**
 * Server errors that mean a statement ran past its time: MySQL's max_execution_time (3024
 * ER_QUERY_TIMEOUT), MariaDB's max_statement_time (1969, which mysql2 has no name for), an interrupted query (1317).
 */
const SERVER_TIMEOUT_ERRNOS = new Set([3024, 1969, 1317]);

/** The client's bound waits this much longer than the server's, so the server normally stops the statement first. */
const CLIENT_TIMEOUT_MARGIN_MS = 500;

interface MysqlDriverError {
  readonly code?: string;
  readonly errno?: number;
  readonly sqlState?: string;
  readonly fatal?: boolean;
}

function driverErrorOf(error: unknown): MysqlDriverError {
  if (typeof error !== 'object' || error === null) return {};
  const { code, errno, sqlState, fatal } = error as Record<string, unknown>;
  return {
    ...(typeof code === 'string' ? { code } : {}),
    ...(typeof errno === 'number' ? { errno } : {}),
    ...(typeof sqlState === 'string' ? { sqlState } : {}),
    ...(typeof fatal === 'boolean' ? { fatal } : {}),
  };
}

function classify(error: MysqlDriverError): SqlFailure {
  // PROTOCOL_SEQUENCE_TIMEOUT is mysql2's own per-statement timeout.
  if (error.code === 'PROTOCOL_SEQUENCE_TIMEOUT' || (error.errno !== undefined && SERVER_TIMEOUT_ERRNOS.has(error.errno))) return 'timeout';
  // mysql2 marks errors that end the connection fatal; those without an SQLSTATE never reached the server.
  if (error.fatal === true || error.sqlState === undefined) return 'unreachable';
  return 'query-failed';
}

/**
 * Runs each statement as a server-side prepared statement (values bound, never escaped into the text),
 * bounded by `statementTimeoutMs` on the server (where it knows how) and in the client. A connection
 * whose statement timed out or failed fatally is destroyed rather than returned to the pool: its late
 * answer must not reach the next statement.
 */
export function mysqlSqlRunner(pool: mysql.Pool, statementTimeoutMs: number): SqlRunner {
  const clientTimeoutMs = statementTimeoutMs + CLIENT_TIMEOUT_MARGIN_MS;
  const serverBoundConnections = new WeakSet<object>();

  /**
   * Once per connection: the server's own bound, so a statement the client gave up on does not run on
   * holding locks. MariaDB's max_statement_time (seconds), else MySQL's max_execution_time (ms, SELECT
   * only); each server refuses the other's name. Without either, the client's bound still holds.
   */
  async function boundOnServer(connection: mysql.PoolConnection): Promise<void> {
    if (serverBoundConnections.has(connection.connection)) return;
    serverBoundConnections.add(connection.connection);
    const settings = [
      { sql: 'SET SESSION max_statement_time = ?', values: [statementTimeoutMs / 1000] },
      { sql: 'SET SESSION max_execution_time = ?', values: [statementTimeoutMs] },
    ];
    for (const setting of settings) {
      try {
        await connection.execute({ ...setting, timeout: clientTimeoutMs });
        return;
      } catch {
        // Not this server's variable (or a broken connection, which the statement itself will report).
      }
    }
  }

  return {
    async run({ text, values }) {
      let connection: mysql.PoolConnection;
      try {
        connection = await pool.getConnection();
      } catch (error) {
        throw new SqlStatementError('unreachable', driverErrorOf(error).code);
      }
      try {
        await boundOnServer(connection);
        const [result] = await connection.execute<mysql.RowDataPacket[] | mysql.ResultSetHeader>({
          sql: text,
          values: [...values],
          timeout: clientTimeoutMs,
        });
        connection.release();
        return Array.isArray(result) ? { rows: result, affectedRows: 0 } : { rows: [], affectedRows: result.affectedRows };
      } catch (error) {
        const driverError = driverErrorOf(error);
        // The server answered (an SQL error, its own timeout): the connection is in step and can be reused.
        const serverAnswered =
          driverError.sqlState !== undefined && driverError.fatal !== true && driverError.code !== 'PROTOCOL_SEQUENCE_TIMEOUT';
        if (serverAnswered) connection.release();
        else connection.destroy();
        throw new SqlStatementError(
          classify(driverError),
          driverError.code ?? (driverError.errno === undefined ? undefined : String(driverError.errno)),
        );
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
