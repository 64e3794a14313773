import type { SecretReleaseOptions } from './reset-token-port.js';
import type { UserRef } from './user-directory-port.js';

/** Wrong codes a code flow takes before it is locked for good (FLOW_LOCKED), whoever types them. */
export const MAX_WRONG_CODES_PER_FLOW = 5;

/** Digits in a mailed reset code. */
export const RESET_CODE_DIGITS = 8;

/** What the store knows about a live code flow. Never holds the flow id or the code, only keyed hashes. */
export interface ResetCodeFlowRecord {
  /** The application that requested the flow: only it may complete it. */
  readonly clientId: string;
  /** The flow stops working at this instant. */
  readonly expiresAt: Date;
  /** The account the code was mailed to; null while none was (an unknown address never gets one). */
  readonly user: UserRef | null;
  /** A completion's write may have landed though it failed (see ResetTokenRecord.writeUncertain). */
  readonly writeUncertain: boolean;
}

export type ResetCodeFlowLookup =
  | { readonly status: 'active'; readonly record: ResetCodeFlowRecord }
  /**
   * `mismatch`: a wrong code (counted); `unknown`: no such flow, or another client's (not counted);
   * `ended`: used, replaced by a newer request, or revoked by a completed reset.
   */
  | { readonly status: 'unknown' | 'mismatch' | 'expired' | 'ended' | 'locked' };

/**
 * Code flows (`method: "code"`): a flow is opened when the request is answered, for every address
 * alike, and the mail job gives it its code once the account is found. A flow for an address
 * without an account exists all the same, with no user and a code no one holds, so that its wrong
 * codes count, lock and expire exactly as a real one's. Only keyed hashes of flow ids and codes are
 * kept. A newer request for the same address ends the older flow (as a newer link does).
 *
 * A completion holds the flow while it writes the password, as with reset secrets (see
 * ResetTokenStore): `verify` → `reserve` → `setPassword` → `consume`, or `release` when the write failed.
 */
export interface ResetCodeFlowStore {
  /** A flow's lifetime in seconds (RESET_CODE_TTL), counted from `open`. */
  readonly lifetimeSeconds: number;
  /**
   * Opens a flow for the client and the (normalised) address, ending the address's older flow. Its
   * code is a random one no one holds until `issueCode`. Returns the flow id (256 random bits, the
   * only time it exists outside the caller) and `flowRef`, a keyed hash the mail job may carry.
   */
  open(input: { clientId: string; email: string }): Promise<{ flowId: string; flowRef: string; expiresAt: Date }>;
  /**
   * Gives a still active, unexpired flow a fresh code for the user and returns it (the only time it
   * exists outside the mail); a retry replaces the earlier code. Null when the flow no longer works.
   */
  issueCode(input: { flowRef: string; user: UserRef }): Promise<{ code: string; expiresAt: Date } | null>;
  /**
   * Checks a code, atomically: the flow's attempt is counted before the keyed hashes are compared
   * (so no number of concurrent tries gets past the cap), and a flow that already had
   * `maxWrongCodes` wrong codes is `locked`, even for the right one. A right code's attempt is not
   * kept as a failure. Another client's flow reads as `unknown` and counts nothing.
   */
  verify(input: { flowId: string; clientId: string; code: string; maxWrongCodes: number }): Promise<ResetCodeFlowLookup>;
  /**
   * Atomically moves an active flow whose code is `code` to reserved for a bounded lease (as
   * ResetTokenStore.reserve): of concurrent calls exactly one sees `active`, the others `ended`.
   */
  reserve(input: { flowId: string; code: string }): Promise<ResetCodeFlowLookup>;
  /** Returns a reserved flow to active (its password could not be written); see ResetTokenStore.release. */
  release(input: { flowId: string } & SecretReleaseOptions): Promise<void>;
  /** Atomically ends the flow (used): a reserved one, or an active one in one step. Exactly one concurrent caller sees `active`. */
  consume(input: { flowId: string }): Promise<ResetCodeFlowLookup>;
  /**
   * Counts one failed attempt with an active flow (a refused password after a right code); the flow
   * is `locked` for good at `maxFailedAttempts`. Returns whether it is now locked.
   */
  recordFailedAttempt(input: { flowId: string; maxFailedAttempts: number }): Promise<{ locked: boolean }>;
  /** Ends the user's live flow, if any (after a completed reset, whichever way it went). */
  revokeForUser(user: UserRef): Promise<void>;
}
