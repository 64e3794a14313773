import { z } from 'zod';
import {
  BCRYPT_WRITTEN_PREFIXES,
  DEFAULT_BCRYPT_COST,
  MAX_BCRYPT_COST,
  MIN_BCRYPT_COST,
  type BcryptWrittenPrefix,
} from '../../users/password-hashes/bcrypt-format.js';
import { PASSWORD_HASH_FORMATS } from '../../users/password-hashes/password-hasher.js';
import { clientUrlSchema } from '../../clients/client-settings.js';
import { DIRECTORY_NAME } from './directory-name.js';
import { environmentStringSchema } from './environment-string.js';
import { sqlColumnSchema, sqlTableSchema } from './sql-identifier.js';
import { timeoutSettingSchema } from './timeout-setting.js';

export const USER_DIRECTORY_KINDS = ['redis', 'postgres', 'mysql', 'http'] as const;
export const EMAIL_MATCH_MODES = ['exact', 'case-insensitive'] as const;
/** What createPasswordHasher can write: a setting it would refuse at start is refused with the file's other problems. */
export const BCRYPT_PREFIXES = BCRYPT_WRITTEN_PREFIXES;
/** What an `onPasswordChange` column is set to, in the same UPDATE as the password. */
export const PASSWORD_CHANGE_VALUES = [null, 'now()'] as const;

const DEFAULT_STATEMENT_TIMEOUT = '5s';
const DEFAULT_HTTP_TIMEOUT = '5s';
export const DEFAULT_BCRYPT_PREFIX: BcryptWrittenPrefix = '2b';

/** Whether the fields the cross-field rules read are there in their shapes, even if another field failed. */
function isCrossCheckable(
  value: unknown,
): value is { passwordHash: string; columns: { id: unknown; password: unknown }; onPasswordChange: object } {
  if (typeof value !== 'object' || value === null) return false;
  const { passwordHash, columns, onPasswordChange } = value as Record<string, unknown>;
  return (
    typeof passwordHash === 'string' &&
    typeof columns === 'object' &&
    columns !== null &&
    typeof onPasswordChange === 'object' &&
    onPasswordChange !== null
  );
}

type Environment = Readonly<Record<string, string | undefined>>;

function sqlDirectorySchema<Kind extends 'postgres' | 'mysql'>(kind: Kind, urlProtocols: RegExp, environment: Environment) {
  const text = environmentStringSchema(environment);
  const column = text.pipe(sqlColumnSchema);
  return z
    .strictObject({
      kind: z.literal(kind),
      url: text.pipe(z.url({ protocol: urlProtocols, error: `must be a ${kind} connection URL` })),
      table: text.pipe(sqlTableSchema),
      columns: z.strictObject({
        id: column,
        email: column,
        password: column,
        name: column.optional(),
        locale: column.optional(),
        /** A column whose true / non-zero value means the account is disabled. */
        disabled: column.optional(),
      }),
      /** The account is disabled when `column` equals `equals` (compared by the database). */
      disabledWhen: z
        .strictObject({ column, equals: z.union([text, z.number(), z.boolean()], { error: 'must be a string, number or boolean' }) })
        .optional(),
      emailMatch: z.enum(EMAIL_MATCH_MODES),
      passwordHash: z.enum(PASSWORD_HASH_FORMATS),
      bcryptPrefix: z.enum(BCRYPT_PREFIXES).optional(),
      bcryptCost: z.int().min(MIN_BCRYPT_COST).max(MAX_BCRYPT_COST).optional(),
      onPasswordChange: z
        .record(sqlColumnSchema, z.union([z.null(), z.literal('now()')], { error: 'must be null or "now()"' }), {
          error: (issue) => (issue.code === 'invalid_key' ? 'must be a column name of letters, digits and _' : undefined),
        })
        .default({}),
      /** Bound on every statement (and on connecting), e.g. `"5s"` or `"800ms"`. Default 5s. */
      statementTimeout: timeoutSettingSchema(text).default(timeoutSettingSchema(z.string()).parse(DEFAULT_STATEMENT_TIMEOUT)),
    })
    .superRefine(
      (settings, ctx) => {
        if (settings.passwordHash !== 'bcrypt') {
          for (const key of ['bcryptPrefix', 'bcryptCost'] as const) {
            if (settings[key] !== undefined) ctx.addIssue({ code: 'custom', path: [key], message: 'is only for "passwordHash": "bcrypt"' });
          }
        }
        for (const changed of Object.keys(settings.onPasswordChange)) {
          if (changed === settings.columns.password || changed === settings.columns.id) {
            ctx.addIssue({ code: 'custom', path: ['onPasswordChange', changed], message: 'must not name the id or password column' });
          }
        }
      },
      // Also when another field is wrong, so that the operator sees every problem at once.
      { when: (payload) => isCrossCheckable(payload.value) },
    )
    .transform(({ statementTimeout, bcryptPrefix, bcryptCost, ...settings }) => ({
      ...settings,
      statementTimeoutMs: statementTimeout,
      ...(settings.passwordHash === 'bcrypt'
        ? { bcrypt: { prefix: bcryptPrefix ?? DEFAULT_BCRYPT_PREFIX, cost: bcryptCost ?? DEFAULT_BCRYPT_COST } }
        : {}),
    }));
}

/** The schema of a USER_DIRECTORIES_FILE, with `{"env": "VAR"}` values read from `environment`. */
export function userDirectoriesFileSchema(environment: Environment) {
  const text = environmentStringSchema(environment);
  const directorySchema = z.discriminatedUnion(
    'kind',
    [
      /** The embedded store (users in Redis); no options. */
      z.strictObject({ kind: z.literal('redis') }),
      sqlDirectorySchema('postgres', /^postgres(ql)?$/, environment),
      sqlDirectorySchema('mysql', /^(mysql|mariadb)$/, environment),
      z
        .strictObject({
          kind: z.literal('http'),
          /** The rule of client URLs: https, or http for localhost / 127.0.0.1 / [::1]. */
          url: text.pipe(clientUrlSchema),
          /** HMAC key of the request signatures, used as its UTF-8 bytes. */
          secret: text.pipe(z.string().min(32, 'must be at least 32 characters')),
          timeout: timeoutSettingSchema(text).default(timeoutSettingSchema(z.string()).parse(DEFAULT_HTTP_TIMEOUT)),
        })
        .transform(({ timeout, ...settings }) => ({ ...settings, timeoutMs: timeout })),
    ],
    { error: `must have a "kind" of ${USER_DIRECTORY_KINDS.join(', ')}` },
  );
  return z
    .record(z.string().regex(DIRECTORY_NAME), directorySchema, {
      error: (issue) => (issue.code === 'invalid_key' ? 'is not a directory name (letters, digits, _ and -, at most 64)' : undefined),
    })
    .refine((directories) => Object.keys(directories).length > 0, 'must name at least one directory');
}

export type UserDirectorySettings = z.output<ReturnType<typeof userDirectoriesFileSchema>>[string];
export type SqlUserDirectorySettings = Extract<UserDirectorySettings, { kind: 'postgres' | 'mysql' }>;
export type PostgresUserDirectorySettings = Extract<UserDirectorySettings, { kind: 'postgres' }>;
export type MysqlUserDirectorySettings = Extract<UserDirectorySettings, { kind: 'mysql' }>;
/** What a SQL adapter needs of its settings: the table and its rules, not where the server is (that is the pool's). */
export type SqlTableSettings = Omit<SqlUserDirectorySettings, 'kind' | 'url'>;
export type HttpUserDirectorySettings = Extract<UserDirectorySettings, { kind: 'http' }>;
export type EmailMatchMode = (typeof EMAIL_MATCH_MODES)[number];
