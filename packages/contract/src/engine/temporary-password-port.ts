import type { SecretReleaseOptions } from './reset-token-port.js';
import type { UserRef } from './user-directory-port.js';

/** A short, human-typed temporary password (Antel's flow), as the store knows it. */
export interface TemporaryPasswordRecord {
  readonly userId: string;
  /** The directory the user is in: a code is bound to client, directory and user together. */
  readonly directory: string;
  readonly clientId: string;
  readonly expiresAt: Date;
  /** A completion's write may have landed though it failed (see ResetTokenRecord.writeUncertain). */
  readonly writeUncertain: boolean;
}

export type TemporaryPasswordLookup =
  | { readonly status: 'active'; readonly record: TemporaryPasswordRecord }
  /** `mismatch`: the user has a live temporary password and this was not it (counted). */
  | { readonly status: 'unknown' | 'expired' | 'used' | 'locked' | 'mismatch' };

/**
 * Temporary passwords: short codes a person types, so unlike reset secrets they get a cap on
 * wrong attempts per issued code (then it is dead) besides a TTL. Only keyed hashes are kept;
 * one live code per user (a newer one replaces it). Users are keyed by directory and id together.
 *
 * A completion holds the code while it writes the password, as with reset secrets (see
 * ResetTokenStore): `reserve` → `setPassword` → `consume`, or `release` when the write failed.
 */
export interface TemporaryPasswordStore {
  /** Creates the user's code, replacing any older one. Returns the code: the only time it exists outside the mail. */
  issue(input: { userId: string; directory: string; clientId: string; expiresAt: Date }): Promise<{ code: string; codeId: string }>;
  /**
   * Checks a code without consuming it. With `user`, a wrong code counts against that user's
   * live code, which is locked at `maxFailedAttempts`. Without it, the code is looked up alone.
   * A reserved code reads as `used` while its lease runs.
   */
  verify(input: { code: string; user?: UserRef; maxFailedAttempts: number }): Promise<TemporaryPasswordLookup>;
  /**
   * Atomically moves the user's active code to reserved for a bounded lease (as
   * ResetTokenStore.reserve): of concurrent calls exactly one sees `active`, the others `used`.
   */
  reserve(input: { code: string; user: UserRef }): Promise<TemporaryPasswordLookup>;
  /**
   * Returns the user's reserved code to active (its password could not be written). With
   * `writeUncertain`, the record says so from then on, until the code is consumed (or replaced).
   */
  release(input: { code: string; user: UserRef } & SecretReleaseOptions): Promise<void>;
  /**
   * Atomically marks the code used: a reserved one, or an active one in a single step. Of
   * concurrent calls exactly one sees `active`.
   */
  consume(input: { code: string; user: UserRef }): Promise<TemporaryPasswordLookup>;
  /** Reads a code's state by the `codeId` that `issue` returned. */
  inspectById(codeId: string, user: UserRef): Promise<TemporaryPasswordLookup>;
  /**
   * Kills the user's live code, if any (after a completed reset): it is `unknown` from then on. A
   * used or locked code is left as it is, so it still says why it no longer works.
   */
  revokeForUser(user: UserRef): Promise<void>;
}
