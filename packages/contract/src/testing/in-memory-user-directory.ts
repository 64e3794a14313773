import { namedUserDirectories } from '../engine/named-user-directories.js';
import type { UserAccount, UserDirectories, UserDirectory } from '../engine/ports.js';
import { normalizeEmail } from '../normalize-email.js';
import { countUtf8Bytes, normalizePassword } from '../password-policy.js';
import { constantTimeEquals, testDigest } from './test-digest.js';

export interface NewTestUser {
  readonly email: string;
  readonly password: string;
  readonly name?: string;
  readonly locale?: string;
}

export type AddTestUserResult =
  { readonly created: true; readonly userId: string } | { readonly created: false; readonly reason: 'EMAIL_TAKEN' };

/** The user directory, plus the set-up a test needs (what the CLI does to the real ones). */
export interface InMemoryUserDirectory extends UserDirectory {
  addUser(user: NewTestUser): Promise<AddTestUserResult>;
  setDisabled(userId: string, disabled: boolean): Promise<void>;
}

interface StoredUser {
  readonly account: UserAccount;
  readonly passwordHash: string;
}

export interface InMemoryUserDirectoryOptions {
  /**
   * Stands in for a directory whose hash format reads only so many bytes (bcrypt: 72): the port's
   * `maxPasswordBytes`, and `setPassword` throws a RangeError on a longer password, as our bcrypt
   * hasher does, so a test sees any path that forgot the policy's byte limit. Default: none.
   */
  readonly maxPasswordBytes?: number;
}

/**
 * Users in a Map, found by their normalised address. The contract package has no native
 * dependency, so passwords are kept as a test-only SHA-256 digest of their NFKC form (not
 * argon2id: never use this outside tests), compared in constant time.
 */
export function inMemoryUserDirectory({ maxPasswordBytes }: InMemoryUserDirectoryOptions = {}): InMemoryUserDirectory {
  const users = new Map<string, StoredUser>();
  const userIdByEmail = new Map<string, string>();
  let created = 0;
  const hashPassword = (password: string) => testDigest(`test-only-password:${normalizePassword(password)}`);

  const findById = async (userId: string): Promise<UserAccount | null> => users.get(userId)?.account ?? null;
  const isPasswordOf = async (stored: StoredUser, password: string) =>
    constantTimeEquals(await hashPassword(password), stored.passwordHash);

  return {
    ...(maxPasswordBytes === undefined ? {} : { maxPasswordBytes }),
    findById,

    async findByEmail(email) {
      const userId = userIdByEmail.get(normalizeEmail(email));
      return userId === undefined ? null : findById(userId);
    },

    async verifyPassword(userId, password) {
      const stored = users.get(userId);
      return stored !== undefined && isPasswordOf(stored, password);
    },

    async findByIdWithPasswordCheck(userId) {
      const stored = users.get(userId);
      return stored === undefined ? null : { account: stored.account, isCurrentPassword: (password) => isPasswordOf(stored, password) };
    },

    async setPassword(userId, password) {
      if (maxPasswordBytes !== undefined && countUtf8Bytes(password) > maxPasswordBytes) {
        throw new RangeError(`this directory hashes at most ${maxPasswordBytes} bytes; the policy must refuse longer`);
      }
      const passwordHash = await hashPassword(password);
      const stored = users.get(userId);
      // An account that does not exist is not created by a password change.
      if (stored) users.set(userId, { ...stored, passwordHash });
    },

    async addUser({ email, password, name, locale }) {
      const passwordHash = await hashPassword(password);
      const normalized = normalizeEmail(email);
      if (userIdByEmail.has(normalized)) return { created: false, reason: 'EMAIL_TAKEN' };
      created += 1;
      const userId = `usr_test${created}`;
      userIdByEmail.set(normalized, userId);
      const account: UserAccount = {
        id: userId,
        email: email.trim(),
        ...(name ? { name } : {}),
        ...(locale ? { locale } : {}),
        disabled: false,
      };
      users.set(userId, { account, passwordHash });
      return { created: true, userId };
    },

    async setDisabled(userId, disabled) {
      const stored = users.get(userId);
      if (stored) users.set(userId, { ...stored, account: { ...stored.account, disabled } });
    },
  };
}

/** Several in-memory directories by name, each a test reaches with its own handles. */
export interface InMemoryUserDirectories extends UserDirectories {
  /** The directory of that name; an unknown name throws DependencyUnavailableError, as in the server. */
  named(directory: string): InMemoryUserDirectory;
}

/**
 * UserDirectories over the given in-memory directories (default: one, `default`, as a deployment
 * without USER_DIRECTORIES_FILE has). A test that needs a directory behaving otherwise (one whose
 * writes fail) passes its own, e.g. `{ ...inMemoryUserDirectory(), setPassword: … }`.
 */
export function inMemoryUserDirectories(
  directories: Readonly<Record<string, InMemoryUserDirectory>> = { default: inMemoryUserDirectory() },
): InMemoryUserDirectories {
  return namedUserDirectories(directories);
}
