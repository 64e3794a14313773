import type { UserAccount } from '@pwreset/contract/engine';
import { z } from 'zod';
import { ACCOUNT_COLUMNS } from './sql-user-statements.js';

/** Text columns may come back as Buffers (binary collations, BLOBs): read them as UTF-8. */
const text = z.union([z.string(), z.instanceof(Buffer).transform((bytes) => bytes.toString('utf8'))]);

/** The webhook and audit carry the directory's own id as a string of at most 255 characters. */
const MAX_ID_LENGTH = 255;

/**
 * Whether a `disabled` column's value means "disabled": true, a non-zero number (MySQL's TINYINT(1)),
 * a set BIT (a Buffer), or a true-looking string; NULL and anything else mean enabled.
 */
export function isDisabledValue(value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return value !== 0 && value !== 0n;
  if (Buffer.isBuffer(value)) return value.some((byte) => byte !== 0);
  if (typeof value === 'string') return ['1', 't', 'true', 'y', 'yes'].includes(value.trim().toLowerCase());
  return false;
}

const accountRowSchema = z.object({
  [ACCOUNT_COLUMNS.id]: text.pipe(z.string().min(1).max(MAX_ID_LENGTH)),
  [ACCOUNT_COLUMNS.email]: text.pipe(z.string().trim().min(1)),
  [ACCOUNT_COLUMNS.name]: text.nullish(),
  [ACCOUNT_COLUMNS.locale]: text.nullish(),
  [ACCOUNT_COLUMNS.disabled]: z.unknown().optional(),
  [ACCOUNT_COLUMNS.disabledWhen]: z.unknown().optional(),
});

/** One looked-up row as an account; undefined when it has no usable id or address. */
export function accountFromRow(row: Record<string, unknown>): UserAccount | undefined {
  const parsed = accountRowSchema.safeParse(row);
  if (!parsed.success) return undefined;
  const { [ACCOUNT_COLUMNS.name]: name, [ACCOUNT_COLUMNS.locale]: locale } = parsed.data;
  return {
    id: parsed.data[ACCOUNT_COLUMNS.id],
    email: parsed.data[ACCOUNT_COLUMNS.email],
    ...(name ? { name } : {}),
    ...(locale ? { locale } : {}),
    disabled: isDisabledValue(parsed.data[ACCOUNT_COLUMNS.disabled]) || isDisabledValue(parsed.data[ACCOUNT_COLUMNS.disabledWhen]),
  };
}

/** A stored hash as text; null when the column is NULL (e.g. Traffic Ops' LDAP users). */
export function passwordHashFromRow(row: Record<string, unknown>): string | null | undefined {
  const parsed = text.nullable().safeParse(row[ACCOUNT_COLUMNS.passwordHash]);
  return parsed.success ? parsed.data : undefined;
}
