import { RetryableDeliveryError } from './delivery-errors.js';

export interface RetryPolicy {
  /** Attempts before a job is parked. */
  readonly maxAttempts: number;
  /** Delay before the second attempt, in milliseconds; doubles each time. */
  readonly baseDelayMs: number;
  /** Cap on the exponential delay, in milliseconds. */
  readonly maxDelayMs: number;
}

/**
 * Exponential backoff with full jitter (so a recovering SendGrid is not hit by every worker at
 * once), never sooner than the receiver's own Retry-After.
 */
export function retryDelayMs(policy: RetryPolicy, attemptsMade: number, error: unknown, random = Math.random): number {
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attemptsMade - 1));
  const jittered = Math.round(exponential / 2 + (random() * exponential) / 2);
  const retryAfter = error instanceof RetryableDeliveryError ? (error.retryAfterMs ?? 0) : 0;
  return Math.max(jittered, retryAfter);
}
