import { SQL_IDENTIFIER_PART } from '../../config/user-directories/sql-identifier.js';

/** A value bound to a statement parameter; never spliced into the statement's text. */
export type SqlValue = string | number | boolean | null;

export interface SqlStatement {
  /** Only constant SQL and validated, quoted identifiers; every value is a placeholder. */
  readonly text: string;
  readonly values: readonly SqlValue[];
}

export interface SqlResult {
  readonly rows: readonly Record<string, unknown>[];
  /** Rows an UPDATE matched. */
  readonly affectedRows: number;
}

/**
 * How a statement failed, as far as the directory cares:
 * `invalid-input` is a bound value the column's type cannot take (PostgreSQL's "abc" for an integer id),
 * which for a lookup simply means no such row.
 */
export type SqlFailure = 'timeout' | 'unreachable' | 'query-failed' | 'invalid-input';

export class SqlStatementError extends Error {
  constructor(
    readonly failure: SqlFailure,
    readonly code: string | undefined,
  ) {
    // The driver's message is not kept: it may quote bound values.
    super(`SQL statement failed (${failure}${code ? `, ${code}` : ''})`);
    this.name = 'SqlStatementError';
  }
}

/** Runs statements on one database; rejects only with SqlStatementError. */
export interface SqlRunner {
  run(statement: SqlStatement): Promise<SqlResult>;
  close(): Promise<void>;
}

/** The spelling of one SQL dialect; identifiers reach it already validated (config/user-directories/sql-identifier.ts). */
export interface SqlDialect {
  /** `tm_user` → `"tm_user"`, `a.b` → `"a"."b"`. */
  quoteIdentifier(identifier: string): string;
  /** The placeholder of the n-th value, from 1. */
  placeholder(position: number): string;
  /** The id column read as text, so ids reach the engine as strings (bigints whole). */
  idAsText(column: string): string;
  /** True when the id column is exactly the bound text (two placeholders of the same value). */
  idEquals(column: string, first: string, second: string): string;
  /** True when the column equals the bound `disabledWhen` value. */
  columnEquals(column: string, placeholder: string): string;
}

/** Validated identifiers only: a `"` or `` ` `` in one would mean the validation was bypassed. */
export function quoteIdentifierParts(identifier: string, quote: '"' | '`'): string {
  return identifier
    .split('.')
    .map((part) => {
      if (!SQL_IDENTIFIER_PART.test(part)) throw new Error('refusing to quote an unvalidated SQL identifier');
      return `${quote}${part}${quote}`;
    })
    .join('.');
}
