/**
 * What a breach corpus answered for one password. `unavailable`: it could not answer in time or
 * answered something unusable; the local rules (length, the common-password list, context
 * words) then decide alone, so an outage of the corpus never blocks a reset.
 */
export type BreachCheckResult =
  | { readonly status: 'breached' }
  | { readonly status: 'not-breached' }
  | { readonly status: 'unavailable'; readonly reason: BreachCheckFailureReason };

/** Why a corpus could not answer: no answer in time, no connection, a non-2xx status, a body that is not a range. */
export type BreachCheckFailureReason = 'timeout' | 'network' | 'status' | 'body';

/** A corpus of breached passwords (Have I Been Pwned's range API, or a mirror of it). */
export interface BreachedPasswordCheck {
  /**
   * Whether `password` (exactly as given) appears in the corpus often enough to be refused.
   * Never rejects: every failure is `unavailable`, bounded in time by the adapter. The password
   * and its full hash never leave the adapter, not even in a log line.
   */
  check(password: string): Promise<BreachCheckResult>;
}
