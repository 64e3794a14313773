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
