export interface UserAccount {
  readonly id: string;
  /** The address as the user registered it. */
  readonly email: string;
  readonly name?: string;
  readonly locale?: string;
  /** A disabled account never receives a reset mail. */
  readonly disabled: boolean;
}

/** An account, and its password as stored when it was read (UserDirectory.findByIdWithPasswordCheck). */
export interface AccountWithPasswordCheck {
  readonly account: UserAccount;
  /** verifyPassword against the stored password read with the account: the hash itself never leaves the directory. */
  isCurrentPassword(password: string): Promise<boolean>;
}

/** The accounts whose passwords we reset. The engine changes passwords only through this port. */
export interface UserDirectory {
  /**
   * The most bytes of UTF-8 of a password that the directory's hash format reads (bcrypt: 72), when
   * it reads no more; absent: any length. The engine narrows every policy by it (effectivePasswordPolicy),
   * so a longer password is refused as TOO_LONG rather than silently truncated by the hash.
   */
  readonly maxPasswordBytes?: number;
  /**
   * Looks an account up by address. The engine passes the address as the caller gave it, trimmed;
   * the implementation applies its own rule (the embedded directory normalises, see normalizeEmail;
   * a SQL directory matches exactly or case-insensitively, as configured). Any string is answered
   * (one no account has: null), with the same work whether or not an account has it, so that
   * answers hiding unknown accounts are alike in time too.
   */
  findByEmail(email: string): Promise<UserAccount | null>;
  findById(userId: string): Promise<UserAccount | null>;
  /**
   * Optional: findById, and the stored password verifyPassword would compare against, read at once:
   * one round trip where a directory keeps both in one record, for a completion's reuse check. A
   * directory without it is asked findById, then verifyPassword.
   */
  findByIdWithPasswordCheck?(userId: string): Promise<AccountWithPasswordCheck | null>;
  /** Compares in constant time against the stored hash. */
  verifyPassword(userId: string, password: string): Promise<boolean>;
  /**
   * Hashes the new password in the directory's format and stores it. It receives the password
   * exactly as the user gave it, already checked by the policy (at most `maxPasswordBytes`).
   */
  setPassword(userId: string, password: string): Promise<void>;
}

/** The directory of the one population of users a deployment has when it names none. */
export const DEFAULT_USER_DIRECTORY = 'default';

/**
 * Every user directory of the deployment, by name: one population of users each. A client is bound
 * to one of them (ResetClient.directory), and the engine reaches users only through the client's.
 */
export interface UserDirectories {
  /**
   * The directory of that name. An unknown name rejects nothing and guesses nothing: it throws a
   * DependencyUnavailableError (503), since the name came from a client or a stored secret that a
   * changed configuration no longer knows.
   */
  named(directory: string): UserDirectory;
}

/**
 * One user, as the stores of secrets key it: ids repeat across directories (SQL ids 1, 2, 3…), so
 * an id alone names no one.
 */
export interface UserRef {
  /** The directory's name (ResetClient.directory). */
  readonly directory: string;
  /** The directory's own id of the account. */
  readonly userId: string;
}
