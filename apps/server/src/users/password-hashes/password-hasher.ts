/** The formats a user directory can store passwords in (USER_DIRECTORIES_FILE `passwordHash`). */
export const PASSWORD_HASH_FORMATS = ['argon2id', 'bcrypt', 'trafficops-scrypt'] as const;
export type PasswordHashFormat = (typeof PASSWORD_HASH_FORMATS)[number];

/** Hashes new passwords in one directory's format and checks a password against any stored hash. */
export interface PasswordHasher {
  /** The format `hash` writes. */
  readonly format: PasswordHashFormat;
  /** Hashes a new password (already checked by the policy) in the directory's format. */
  hash(password: string): Promise<string>;
  /**
   * Whether `password` matches `storedHash`, whatever format of the three it is in (constant time).
   * `null` when there is nothing to compare with (an empty or NULL stored hash, e.g. an LDAP user);
   * rejects with UnknownPasswordHashFormatError when the stored hash is in no known format.
   */
  verify(password: string, storedHash: string | null): Promise<boolean | null>;
}

/** A stored hash in no format we know: a data problem of the directory, never a "wrong password". */
export class UnknownPasswordHashFormatError extends Error {
  constructor() {
    // Never the hash itself: it must not reach a log line.
    super('the stored password hash is in no known format');
    this.name = 'UnknownPasswordHashFormatError';
  }
}
