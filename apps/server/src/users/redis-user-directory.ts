import { createHash, randomUUID } from 'node:crypto';
import { normalizeEmail, normalizePassword } from '@pwreset/contract';
import type { AccountWithPasswordCheck, UserAccount, UserDirectory } from '@pwreset/contract/engine';
import type { RedisConnection } from '../redis/redis-connection-factory.js';
import { z } from 'zod';
import { DirectoryUnavailableError } from '../directories/directory-unavailable-error.js';
import type { RedisKeys } from '../redis/redis-keys.js';
import { runScript } from '../redis/run-script.js';
import { storedPasswordHashFormat, UnknownPasswordHashFormatError, verifyPasswordAgainstStoredHash } from './password-hashes/index.js';
import { hashPassword, verifyPassword } from './password-hashing.js';
import { SET_PASSWORD_OF_EXISTING_ACCOUNT_SCRIPT } from './user-directory-scripts.js';

/** An account of an embedded directory as its Redis hash holds it (backup and restore read it too). */
export const storedUserSchema = z.object({
  email: z.string(),
  name: z.string().optional(),
  locale: z.string().optional(),
  passwordHash: z.string(),
  disabled: z.enum(['0', '1']).default('0'),
  createdAt: z.string(),
  passwordChangedAt: z.string().optional(),
  /** '1' while the hash is one another application made (users import), of the password as typed, not its NFKC form. */
  passwordImported: z.enum(['0', '1']).optional(),
});

export type StoredUser = z.infer<typeof storedUserSchema>;

/** The key that finds an embedded directory's account by its address: a digest of the normalised address, never the address. */
export function embeddedUserEmailKey(keys: RedisKeys, directory: string, email: string): string {
  return keys.userIdByEmail(directory, createHash('sha256').update(normalizeEmail(email)).digest('hex'));
}

/** The password exactly as given against an imported hash; rejects as verifyPassword does for an unknown format. */
async function verifyImportedPassword(passwordHash: string, password: string): Promise<boolean> {
  return (await verifyPasswordAgainstStoredHash(password, passwordHash)) === true;
}

/** A user id `createUser` never makes (its ids are `usr_` and hex). */
const NO_USER_ID = 'usr_none';

export interface NewUser {
  readonly email: string;
  readonly password: string;
  // `| undefined`: these come straight from the CLI's parsed options, where an absent flag is undefined.
  readonly name?: string | undefined;
  readonly locale?: string | undefined;
}

export type CreateUserResult = { created: true; userId: string } | { created: false; reason: 'EMAIL_TAKEN' };

/** An account moved in from another store with its password hash as it is (`pnpm cli users import`). */
export interface ImportedUser {
  readonly email: string;
  /** An argon2id (PHC), bcrypt (`$2a$`/`$2b$`/`$2y$`) or Traffic Ops `SCRYPT:…` hash, stored as given. */
  readonly passwordHash: string;
  readonly name?: string | undefined;
  readonly locale?: string | undefined;
  readonly disabled?: boolean | undefined;
}

/**
 * `UNKNOWN_HASH_FORMAT`: the hash is in none of the formats we read (or its parameters are beyond
 * our bounds), so the account could never have its current password checked: nothing is stored.
 */
export type ImportUserResult = CreateUserResult | { created: false; reason: 'UNKNOWN_HASH_FORMAT' };

/** The user directory, plus what operators need that the engine must not have. */
export interface ManagedUserDirectory extends UserDirectory {
  findByIdWithPasswordCheck(userId: string): Promise<AccountWithPasswordCheck | null>;
  createUser(user: NewUser): Promise<CreateUserResult>;
  /** Stores an account with an existing hash, so a team moves its users in without knowing their passwords. */
  importUser(user: ImportedUser): Promise<ImportUserResult>;
  setDisabled(userId: string, disabled: boolean): Promise<void>;
}

export interface RedisUserDirectoryOptions {
  readonly redis: RedisConnection;
  readonly keys: RedisKeys;
  /**
   * The directory's name (`default` without USER_DIRECTORIES_FILE). Its users' keys carry it, so
   * two embedded directories in one Redis, or ids that repeat across directories, never meet.
   */
  readonly directory: string;
}

/**
 * Users in Redis hashes, found by a digest of the normalised address. New passwords are argon2id;
 * the current one is checked in any format we read (argon2id, bcrypt, Traffic Ops scrypt), so
 * imported hashes work until the user's first reset replaces them.
 */
export function redisUserDirectory({ redis, keys, directory }: RedisUserDirectoryOptions): ManagedUserDirectory {
  const emailKey = (email: string) => embeddedUserEmailKey(keys, directory, email);
  const userKey = (userId: string) => keys.user({ directory, userId });

  /** Claims the address (SET NX: two concurrent adds cannot both win it) and stores the account under a new id. */
  async function storeNewUser(
    email: string,
    fields: {
      passwordHash: string;
      imported: boolean;
      name?: string | undefined;
      locale?: string | undefined;
      disabled?: boolean | undefined;
    },
  ): Promise<CreateUserResult> {
    const userId = `usr_${randomUUID().replaceAll('-', '')}`;
    const claimed = await redis.set(emailKey(email), userId, 'NX');
    if (claimed === null) return { created: false, reason: 'EMAIL_TAKEN' };
    await redis.hset(userKey(userId), {
      email: email.trim(),
      ...(fields.name ? { name: fields.name } : {}),
      ...(fields.locale ? { locale: fields.locale } : {}),
      passwordHash: fields.passwordHash,
      ...(fields.imported ? { passwordImported: '1' } : {}),
      disabled: fields.disabled ? '1' : '0',
      createdAt: new Date().toISOString(),
    });
    return { created: true, userId };
  }

  /** The account's record, every field (its password hash included: it never leaves this module). */
  async function readStoredUser(userId: string): Promise<StoredUser | null> {
    const fields = await redis.hgetall(userKey(userId));
    return Object.keys(fields).length === 0 ? null : storedUserSchema.parse(fields);
  }

  function accountOf(userId: string, stored: StoredUser): UserAccount {
    return {
      id: userId,
      email: stored.email,
      ...(stored.name ? { name: stored.name } : {}),
      ...(stored.locale ? { locale: stored.locale } : {}),
      disabled: stored.disabled === '1',
    };
  }

  async function findById(userId: string): Promise<UserAccount | null> {
    const stored = await readStoredUser(userId);
    return stored === null ? null : accountOf(userId, stored);
  }

  /** Whether `password` is the one a stored hash is of (`imported`: a hash brought in by `users import`). */
  async function matchesStoredHash(passwordHash: string, imported: boolean, password: string): Promise<boolean> {
    try {
      if (await verifyPassword(passwordHash, password)) return true;
      // An imported hash is of what the user typed in the other application, which did not apply
      // NFKC: the password as given is checked too (only when NFKC changes it, so rarely).
      return imported && normalizePassword(password) !== password && (await verifyImportedPassword(passwordHash, password));
    } catch (error) {
      // A stored hash in no format we know is a data problem (issue 12, "Bad input"): a 503 and a logged
      // error, as in an application's store, never a "different password" that lets REUSED pass unchecked.
      if (error instanceof UnknownPasswordHashFormatError) throw new DirectoryUnavailableError(directory, 'unknown-hash-format');
      throw error;
    }
  }

  return {
    findById,

    async findByIdWithPasswordCheck(userId) {
      // findById reads the whole record anyway: the hash comes with it, no second read for the reuse check.
      const stored = await readStoredUser(userId);
      if (stored === null) return null;
      const { passwordHash } = stored;
      const imported = stored.passwordImported === '1';
      return { account: accountOf(userId, stored), isCurrentPassword: (password) => matchesStoredHash(passwordHash, imported, password) };
    },

    async findByEmail(email) {
      const userId = await redis.get(emailKey(email));
      // An unknown address reads an account that is not there, so it costs the known one's round trips:
      // the legacy APIs' hidden answers (LEGACY_HIDE_UNKNOWN_ACCOUNTS) rely on it.
      return findById(userId ?? NO_USER_ID);
    },

    async verifyPassword(userId, password) {
      const [passwordHash, imported] = await redis.hmget(userKey(userId), 'passwordHash', 'passwordImported');
      if (passwordHash === null || passwordHash === undefined) return false;
      return matchesStoredHash(passwordHash, imported === '1', password);
    },

    async setPassword(userId, password) {
      const passwordHash = await hashPassword(password);
      // Only an existing account's, in one round trip (see the script).
      await runScript(redis, SET_PASSWORD_OF_EXISTING_ACCOUNT_SCRIPT, [userKey(userId)], [passwordHash, new Date().toISOString()]);
    },

    async createUser({ email, password, name, locale }) {
      return storeNewUser(email, { passwordHash: await hashPassword(password), imported: false, name, locale });
    },

    async importUser({ email, passwordHash, name, locale, disabled }) {
      // Checked before anything is claimed: a refused import leaves no trace, not even the address.
      if (storedPasswordHashFormat(passwordHash) === null) return { created: false, reason: 'UNKNOWN_HASH_FORMAT' };
      return storeNewUser(email, { passwordHash, imported: true, name, locale, disabled });
    },

    async setDisabled(userId, disabled) {
      await redis.hset(userKey(userId), 'disabled', disabled ? '1' : '0');
    },
  };
}
