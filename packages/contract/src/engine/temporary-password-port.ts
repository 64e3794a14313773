/** A short, human-typed temporary password (Antel's flow), as the store knows it. */
export interface TemporaryPasswordRecord {
  readonly userId: string;
  readonly clientId: string;
  readonly expiresAt: Date;
}

export type TemporaryPasswordLookup =
  | { readonly status: 'active'; readonly record: TemporaryPasswordRecord }
  /** `mismatch`: the user has a live temporary password and this was not it (counted). */
  | { readonly status: 'unknown' | 'expired' | 'used' | 'locked' | 'mismatch' };

/**
 * Temporary passwords: short codes a person types, so unlike reset secrets they get a cap on
 * wrong attempts per issued code (then it is dead) besides a TTL. Only keyed hashes are kept;
 * one live code per user (a newer one replaces it).
 */
export interface TemporaryPasswordStore {
  /** Creates the user's code, replacing any older one. Returns the code: the only time it exists outside the mail. */
  issue(input: { userId: string; clientId: string; expiresAt: Date }): Promise<{ code: string; codeId: string }>;
  /**
   * Checks a code without consuming it. With `userId`, a wrong code counts against that user's
   * live code, which is locked at `maxFailedAttempts`. Without it, the code is looked up alone.
   */
  verify(input: { code: string; userId?: string; maxFailedAttempts: number }): Promise<TemporaryPasswordLookup>;
  /** Atomically consumes an active code: of concurrent calls exactly one sees `active`. */
  consume(input: { code: string; userId: string }): Promise<TemporaryPasswordLookup>;
  /** Reads a code's state by the `codeId` that `issue` returned. */
  inspectById(codeId: string, userId: string): Promise<TemporaryPasswordLookup>;
  /**
   * Kills the user's live code, if any (after a completed reset): it is `unknown` from then on. A
   * used or locked code is left as it is, so it still says why it no longer works.
   */
  revokeForUser(userId: string): Promise<void>;
}
