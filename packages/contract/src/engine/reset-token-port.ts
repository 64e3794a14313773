/** What the reset store knows about a live secret. Never holds the secret itself. */
export interface ResetTokenRecord {
  readonly userId: string;
  /** The application that asked for the reset. */
  readonly clientId: string;
  readonly issuedAt: Date;
  /** The secret stops working at this instant. */
  readonly expiresAt: Date;
}

export type ResetTokenLookup =
  | { readonly status: 'active'; readonly record: ResetTokenRecord }
  | { readonly status: 'unknown' | 'expired' | 'used' | 'superseded' | 'locked' };

/**
 * Reset secrets. Implementations keep only a keyed hash of each secret, never the secret.
 */
export interface ResetTokenStore {
  /**
   * Creates a new secret for the user and kills every older one of that user. It stops working
   * at `expiresAt`. Returns the raw secret (the only time it exists outside the mail that carries
   * it) and its `tokenId`, a keyed hash that may be stored to look the secret's state up later.
   */
  issue(input: { userId: string; clientId: string; expiresAt: Date }): Promise<{ secret: string; tokenId: string; expiresAt: Date }>;
  /** Reads a secret's state without consuming it. */
  inspect(secret: string): Promise<ResetTokenLookup>;
  /** Reads the state of a secret by the `tokenId` that `issue` returned. */
  inspectById(tokenId: string): Promise<ResetTokenLookup>;
  /**
   * Atomically consumes an active secret: of any number of concurrent calls with the same
   * secret, exactly one sees `active`; the others see `used`.
   */
  consume(secret: string): Promise<ResetTokenLookup>;
  /** Kills every outstanding secret of the user (after a completed reset). */
  revokeAllForUser(userId: string): Promise<void>;
  /**
   * Counts one failed attempt with an active secret (a refused password); the secret is
   * `locked` for good once it has had `maxFailedAttempts`. Returns whether it is now locked.
   */
  recordFailedAttempt(secret: string, maxFailedAttempts: number): Promise<{ locked: boolean }>;
}
