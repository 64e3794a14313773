import type { UserRef } from './user-directory-port.js';

/** What the reset store knows about a live secret. Never holds the secret itself. */
export interface ResetTokenRecord {
  readonly userId: string;
  /** The directory the user is in: a secret is bound to client, directory and user together. */
  readonly directory: string;
  /** The application that asked for the reset. */
  readonly clientId: string;
  readonly issuedAt: Date;
  /** The secret stops working at this instant. */
  readonly expiresAt: Date;
  /**
   * A completion's password write failed in a way that may have landed (a timeout): the secret
   * was released so it works again, and the next completion skips the REUSED check (see
   * writePasswordWhileReserved). Kept until the secret is consumed.
   */
  readonly writeUncertain: boolean;
}

/** How a reserved secret is returned to active (see ResetTokenStore.release). */
export interface SecretReleaseOptions {
  /** The write failed in a way that may have landed (DependencyUnavailableError.outcomeUnknown): remember it on the record. */
  readonly writeUncertain?: boolean;
}

export type ResetTokenLookup =
  | { readonly status: 'active'; readonly record: ResetTokenRecord }
  | { readonly status: 'unknown' | 'expired' | 'used' | 'superseded' | 'locked' };

/** A secret just issued: the raw secret (the only time it exists outside the mail that carries it), its keyed hash, its end. */
export interface IssuedResetSecret {
  readonly secret: string;
  readonly tokenId: string;
  readonly expiresAt: Date;
}

/** What `issueUnlessResetsLocked` did: issued a secret, or nothing, a dispute locking the user's resets until `lockedUntil`. */
export type IssueUnlessResetsLocked =
  ({ readonly status: 'issued' } & IssuedResetSecret) | { readonly status: 'dispute-locked'; readonly lockedUntil: Date };

/**
 * How long, in seconds, a reservation holds a secret by default (see ResetTokenStore.reserve):
 * longer than any directory's timeout, so a write still under way is never raced, and short enough
 * that a process that died mid-write does not kill the link for more than a minute.
 */
export const DEFAULT_SECRET_RESERVATION_SECONDS = 60;

/**
 * The user a secret's lookup named (the inspect before a reservation), handed to `reserve` and
 * `consume`: a store may then read the user's state (the generation that kills older secrets)
 * alongside the change instead of after it, one round trip instead of two. The answer is the same
 * with it or without; a secret whose record names another user is checked as without it.
 */
export type ExpectedSecretOwner = UserRef;

/** Whose secret `issue` creates, for which application, and until when. */
export interface IssueResetSecretInput {
  readonly userId: string;
  readonly directory: string;
  readonly clientId: string;
  readonly expiresAt: Date;
}

/**
 * Reset secrets. Implementations keep only a keyed hash of each secret, never the secret.
 *
 * A completion writes the password while it holds the secret, so that no reset is ever half done:
 * `reserve` → the directory's `setPassword` → `consume` on success, `release` on any failure.
 */
export interface ResetTokenStore {
  /**
   * Creates a new secret for the user and kills every older one of that user (in that directory:
   * the same id in another directory is another user). It stops working at `expiresAt`. Returns the
   * raw secret (the only time it exists outside the mail that carries it) and its `tokenId`, a
   * keyed hash that may be stored to look the secret's state up later.
   */
  issue(input: IssueResetSecretInput): Promise<IssuedResetSecret>;
  /**
   * `issue`, unless a dispute ("this wasn't me") still locks the user's resets, as
   * DisputeStore.resetLockOf tells: then no secret is issued. The mail path's one check and issue, so
   * a store may read the lock with the generation it bumps anyway. A refused call may still have
   * moved the generation; that kills nothing, since the dispute revoked the user's secrets when it set
   * the lock and none is issued while it runs.
   */
  issueUnlessResetsLocked(input: IssueResetSecretInput): Promise<IssueUnlessResetsLocked>;
  /** Reads a secret's state without consuming it. A reserved secret reads as `used` while its lease runs. */
  inspect(secret: string): Promise<ResetTokenLookup>;
  /** Reads the state of a secret by the `tokenId` that `issue` returned. */
  inspectById(tokenId: string): Promise<ResetTokenLookup>;
  /**
   * Atomically moves an active secret to reserved, for a bounded lease (the store's reservation
   * time, DEFAULT_SECRET_RESERVATION_SECONDS unless configured). Of any number of concurrent calls
   * with one secret exactly one sees `active`; the others see `used`, the answer a double submit
   * normally ends with (if the winner's write fails, the secret is released and works again). A
   * reservation whose lease ran out is gone: the secret is active again, so a process that crashed
   * between reserve and consume does not kill the link for good.
   */
  reserve(secret: string, expected?: ExpectedSecretOwner): Promise<ResetTokenLookup>;
  /**
   * Returns a reserved secret to active (its password could not be written). Anything else is left
   * as it is. With `writeUncertain`, the record says so from then on (a later plain release does
   * not clear it), until the secret is consumed.
   */
  release(secret: string, options?: SecretReleaseOptions): Promise<void>;
  /**
   * Atomically marks the secret used: a reserved one (once its password was written), or an active
   * one in a single step. Of concurrent calls exactly one sees `active`; the others see `used`. The
   * record stays as a tombstone, so a second click can be told "already used".
   */
  consume(secret: string, expected?: ExpectedSecretOwner): Promise<ResetTokenLookup>;
  /** Kills every outstanding secret of the user (after a completed reset). */
  revokeAllForUser(user: UserRef): Promise<void>;
  /**
   * The user's secrets that still work (active: neither used, reserved, locked, superseded nor
   * expired), oldest first, for an operator to see. Records only: never a secret or its hash.
   */
  listActiveForUser(user: UserRef): Promise<ResetTokenRecord[]>;
  /**
   * Counts one failed attempt with an active secret (a refused password); the secret is
   * `locked` for good once it has had `maxFailedAttempts`. Returns whether it is now locked.
   */
  recordFailedAttempt(secret: string, maxFailedAttempts: number): Promise<{ locked: boolean }>;
}
