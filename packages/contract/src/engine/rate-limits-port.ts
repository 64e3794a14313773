/** Who is behind a call: the end user's address, as the calling application or the socket says. */
export interface Requester {
  readonly ip: string;
  readonly userAgent?: string | undefined;
}

export type LimitDecision = { readonly allowed: true } | { readonly allowed: false; readonly retryAfterSeconds: number };

/**
 * Throttles. Every method counts the call it is asked about. Implementations fail closed:
 * when their store is unreachable they reject (the caller answers 503), never allow.
 */
export interface RateLimits {
  /** Refused completions a secret survives; the next one locks it for good. */
  readonly maxFailedAttemptsPerSecret: number;
  /**
   * One reset request: counted against the target address (by a keyed hash of the normalised
   * address, whether or not an account has it), the client, and the end user's IP.
   */
  allowResetRequest(input: { readonly email: string; readonly clientId: string; readonly ip: string }): Promise<LimitDecision>;
  /** One use of a reset secret (inspect or complete) from this IP, whatever the secret. */
  allowSecretAttempt(input: { readonly ip: string }): Promise<LimitDecision>;
}
