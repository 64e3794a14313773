import { DependencyUnavailableError } from '../dependency-unavailable-error.js';
import type { Clock, LimitDecision, RateLimits } from '../engine/ports.js';
import { testDigest } from './test-digest.js';

/** A throttle: `points` calls per `durationSeconds`, as the server's `3/1h` settings say. */
export interface TestLimit {
  readonly points: number;
  readonly durationSeconds: number;
}

export interface InMemoryRateLimitsOptions {
  readonly clock: Clock;
  /** Default: so many calls that no test reaches them unless it is about throttles. */
  readonly requestsPerAddress?: TestLimit;
  readonly requestsPerClient?: TestLimit;
  readonly requestsPerIp?: TestLimit;
  readonly secretAttemptsPerIp?: TestLimit;
  /** Default 10, as RESET_SECRET_MAX_FAILED_ATTEMPTS. */
  readonly maxFailedAttemptsPerSecret?: number;
}

/** The throttles, plus a switch that makes their store unreachable (they then fail closed). */
export interface InMemoryRateLimits extends RateLimits {
  setUnavailable(unavailable: boolean): void;
}

const UNLIMITED: TestLimit = { points: 1_000_000, durationSeconds: 3600 };

/**
 * Fixed windows per identity, as the Redis throttles keep them (fixed-window-script.ts): the first call opens
 * a window of `durationSeconds`, every call counts (refused ones too), and a call over `points`
 * is refused until the window ends. Unavailable, every method rejects, never allows.
 */
export function inMemoryRateLimits({
  clock,
  requestsPerAddress = UNLIMITED,
  requestsPerClient = UNLIMITED,
  requestsPerIp = UNLIMITED,
  secretAttemptsPerIp = UNLIMITED,
  maxFailedAttemptsPerSecret = 10,
}: InMemoryRateLimitsOptions): InMemoryRateLimits {
  const windows = new Map<string, { count: number; endsAt: number }>();
  let unavailable = false;

  function take(name: string, limit: TestLimit, identity: string): LimitDecision {
    const key = `${name}:${identity}`;
    const now = clock.now().getTime();
    const current = windows.get(key);
    const window = current && now < current.endsAt ? current : { count: 0, endsAt: now + limit.durationSeconds * 1000 };
    window.count += 1;
    windows.set(key, window);
    if (window.count <= limit.points) return { allowed: true };
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((window.endsAt - now) / 1000)) };
  }

  function ensureAvailable(): void {
    if (unavailable) throw new DependencyUnavailableError('rate limits');
  }

  return {
    maxFailedAttemptsPerSecret,

    async allowResetRequest({ email, clientId, ip }) {
      ensureAvailable();
      // The address is counted by a digest, never kept, as Redis keeps only a keyed hash of it.
      const addressDigest = await testDigest(`throttle:${email}`);
      // Every counter is taken, together, whether or not the address has an account.
      const decisions = [
        take('address', requestsPerAddress, addressDigest),
        take('client', requestsPerClient, clientId),
        take('ip', requestsPerIp, ip),
      ];
      return decisions.find((decision) => !decision.allowed) ?? { allowed: true };
    },

    async allowSecretAttempt({ ip }) {
      ensureAvailable();
      return take('secret-attempt-ip', secretAttemptsPerIp, ip);
    },

    setUnavailable(value) {
      unavailable = value;
    },
  };
}
