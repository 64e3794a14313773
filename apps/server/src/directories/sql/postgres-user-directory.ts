import pg from 'pg';
import type { SqlTableSettings, SqlUserDirectorySettings } from '../../config/user-directories/user-directories-schema.js';
import type { PasswordHasher } from '../../users/password-hashes/password-hasher.js';
import type { ServedUserDirectory } from '../served-user-directory.js';
import { quoteIdentifierParts, SqlStatementError, type SqlDialect, type SqlFailure, type SqlRunner } from './sql-runner.js';
import { sqlUserDirectory } from './sql-user-directory.js';

/** The client-side bound waits this much longer than the server's, so PostgreSQL normally cancels first and the connection stays usable. */
const CLIENT_TIMEOUT_MARGIN_MS = 500;

export interface PostgresDirectoryPoolOptions {
  readonly settings: Pick<SqlUserDirectorySettings, 'url' | 'statementTimeoutMs'>;
  /** Connections per directory. Default 5: a reset touches the directory a few times, briefly. */
  readonly maxConnections?: number;
  /** An idle connection broke (the server restarted); the pool replaces it. Default: ignored. */
  readonly onIdleConnectionError?: (error: Error) => void;
}

/**
 * The pool of one PostgreSQL directory: `statement_timeout` on every connection (the server cancels a
 * slow statement), `query_timeout` as the client's own bound when the server does not answer at all,
 * and the same bound on connecting or waiting for a free connection.
 */
export function createPostgresDirectoryPool({
  settings,
  maxConnections = 5,
  onIdleConnectionError = () => {},
}: PostgresDirectoryPoolOptions): pg.Pool {
  const pool = new pg.Pool({
    connectionString: settings.url,
    max: maxConnections,
    statement_timeout: settings.statementTimeoutMs,
    query_timeout: settings.statementTimeoutMs + CLIENT_TIMEOUT_MARGIN_MS,
    connectionTimeoutMillis: settings.statementTimeoutMs,
    idleTimeoutMillis: 30_000,
    application_name: 'pwreset',
  });
  // Without a listener, an idle connection's error would crash the process.
  pool.on('error', onIdleConnectionError);
  return pool;
}

export const postgresDialect: SqlDialect = {
  quoteIdentifier: (identifier) => quoteIdentifierParts(identifier, '"'),
  placeholder: (position) => `$${position}`,
  idAsText: (column) => `${column}::text`,
  // The typed comparison uses the id's index; the text one refuses what PostgreSQL would coerce ('01' = 1).
  idEquals: (column, first, second) => `(${column} = ${first} AND ${column}::text = ${second})`,
  // As text, so that the bound value needs no type of its own and never fails to parse.
  columnEquals: (column, placeholder) => `(${column}::text = ${placeholder}::text)`,
};

/** SQLSTATE classes and codes (PostgreSQL manual, appendix A) that mean the server cannot serve us now. */
function classifyDatabaseError(code: string): SqlFailure {
  if (code === '57014') return 'timeout'; // query_canceled, which is what statement_timeout raises
  if (code === '22P02' || code === '22003') return 'invalid-input'; // invalid_text_representation, numeric_value_out_of_range
  const unreachableClasses = ['08', '28', '3D', '53', '57'];
  return unreachableClasses.some((prefix) => code.startsWith(prefix)) ? 'unreachable' : 'query-failed';
}

function toStatementError(error: unknown): SqlStatementError {
  if (error instanceof pg.DatabaseError && error.code) return new SqlStatementError(classifyDatabaseError(error.code), error.code);
  const code = error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
  // Everything else is the client's: the query_timeout bound, a refused or broken connection, a connect timeout.
  if (error instanceof Error && error.message === 'Query read timeout') return new SqlStatementError('timeout', code);
  return new SqlStatementError('unreachable', code);
}

export function postgresSqlRunner(pool: pg.Pool): SqlRunner {
  return {
    async run({ text, values }) {
      try {
        const result = await pool.query<Record<string, unknown>>({ text, values: [...values] });
        return { rows: result.rows, affectedRows: result.rowCount ?? 0 };
      } catch (error) {
        throw toStatementError(error);
      }
    },
    close: () => pool.end(),
  };
}

export interface PostgresUserDirectoryOptions {
  readonly name: string;
  /** Built by createPostgresDirectoryPool, which sets the timeouts. */
  readonly pool: pg.Pool;
  readonly settings: SqlTableSettings;
  readonly hasher: PasswordHasher;
}

/** A `postgres` directory: the accounts of one table, read and written with bound parameters only. */
export function postgresUserDirectory({ name, pool, settings, hasher }: PostgresUserDirectoryOptions): ServedUserDirectory {
  return sqlUserDirectory({ name, settings, dialect: postgresDialect, runner: postgresSqlRunner(pool), hasher });
}
