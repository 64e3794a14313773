export interface UserAccount {
  readonly id: string;
  /** The address as the user registered it. */
  readonly email: string;
  readonly name?: string;
  readonly locale?: string;
  /** A disabled account never receives a reset mail. */
  readonly disabled: boolean;
}

/** The accounts whose passwords we reset. The engine changes passwords only through this port. */
export interface UserDirectory {
  /**
   * Looks an account up by address; the implementation normalises it (see normalizeEmail). Any
   * string is answered (one no account has: null), with the same work whether or not an account
   * has it, so that answers hiding unknown accounts are alike in time too.
   */
  findByEmail(email: string): Promise<UserAccount | null>;
  findById(userId: string): Promise<UserAccount | null>;
  /** Compares in constant time against the stored hash. */
  verifyPassword(userId: string, password: string): Promise<boolean>;
  /** Hashes (argon2id) and stores the new password. */
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
