import { z } from 'zod';

/**
 * One SQL identifier part: letters, digits and `_`, not starting with a digit, at most 63 characters
 * (PostgreSQL's limit; MySQL allows 64). Only names that pass this are ever quoted into a statement.
 */
export const SQL_IDENTIFIER_PART = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

const PART_RULE = 'letters, digits and _, not starting with a digit, at most 63 characters';

/** A column name. */
export const sqlColumnSchema = z.string().regex(SQL_IDENTIFIER_PART, `must be a column name of ${PART_RULE}`);

/** A table name, optionally qualified by its schema (`schema.table`). */
export const sqlTableSchema = z.string().refine((text) => {
  const parts = text.split('.');
  return parts.length <= 2 && parts.every((part) => SQL_IDENTIFIER_PART.test(part));
}, `must be a table name, or schema.table, of ${PART_RULE}`);
