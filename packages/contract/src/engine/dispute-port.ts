import type { UserRef } from './user-directory-port.js';

/**
 * How long, in seconds, a dispute link ("this wasn't me", mailed with "password changed") works:
 * 7 days, longer than a reset link, since a reader may only notice the mail days later.
 */
export const DISPUTE_SECRET_LIFETIME_SECONDS = 7 * 86_400;

/** What the dispute store knows about one dispute secret. Never holds the secret itself. */
export interface DisputeRecord {
  /** The user whose password changed, in `directory` (ids repeat across directories). */
  readonly userId: string;
  readonly directory: string;
  /** The application whose reset changed the password: it receives the `password_reset.disputed` webhook. */
  readonly clientId: string;
  /** When the password changed, as the "password changed" mail said. */
  readonly changedAt: Date;
  /** The secret stops working at this instant. */
  readonly expiresAt: Date;
}

export type DisputeLookup =
  { readonly status: 'active'; readonly record: DisputeRecord } | { readonly status: 'unknown' | 'expired' | 'used' };

/**
 * "This wasn't me": the secrets mailed with "password changed", and the reset locks a dispute
 * sets. A dispute secret lives apart from reset secrets (another key space), so one is never
 * taken for the other. Implementations keep only a keyed hash of each secret.
 */
export interface DisputeStore {
  /**
   * Creates a dispute secret for one password change; it stops working at `expiresAt`. Returns
   * the raw secret (the only time it exists outside the mail that carries it) and its keyed hash.
   */
  issue(input: {
    userId: string;
    directory: string;
    clientId: string;
    changedAt: Date;
    expiresAt: Date;
  }): Promise<{ secret: string; disputeId: string }>;
  /** Reads a secret's state without consuming it. */
  inspect(secret: string): Promise<DisputeLookup>;
  /**
   * Atomically marks an active secret used. Of any number of concurrent calls with one secret
   * exactly one sees `active`; the others see `used`. The record stays as a tombstone until some
   * time after its expiry, so a second click can be told "already used".
   */
  consume(secret: string): Promise<DisputeLookup>;
  /**
   * Blocks reset mails to the user (in that directory) until `until`. A lock already running
   * longer is kept: a second dispute never shortens the first.
   */
  lockResets(user: UserRef, until: Date): Promise<void>;
  /** Until when reset mails to the user are blocked; null when they are not (never locked, lifted or run out). */
  resetLockOf(user: UserRef): Promise<Date | null>;
  /** Lifts the user's lock (an admin-started reset). Returns whether a lock was running. */
  liftResetLock(user: UserRef): Promise<boolean>;
}
