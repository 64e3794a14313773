import type { LimitDecision, RateLimits } from '@pwreset/contract/engine';
import type { RedisConnection } from '../redis/redis-connection-factory.js';
import type { RedisKeys } from '../redis/redis-keys.js';
import { runScript } from '../redis/run-script.js';
import type { KeyRing } from '../tokens/key-ring.js';
import { TAKE_FIXED_WINDOWS_SCRIPT } from './fixed-window-script.js';
import type { LimitSetting } from './limit-setting.js';

export interface RateLimitSettings {
  /** Reset mails per target address (default 3 an hour). */
  readonly requestsPerAddress: LimitSetting;
  readonly requestsPerClient: LimitSetting;
  readonly requestsPerIp: LimitSetting;
  /** inspect + complete calls per IP, whatever the secret. */
  readonly secretAttemptsPerIp: LimitSetting;
  readonly maxFailedAttemptsPerSecret: number;
}

export interface RedisRateLimitsOptions {
  readonly redis: RedisConnection;
  /** Where each counter lives (resetRequestThrottle, secretAttemptThrottle). */
  readonly keys: RedisKeys;
  /**
   * Keys of the HMAC that replaces an address in a throttle key: the current one alone. A rotation thus starts
   * each address's window afresh, once (a window is an hour by default); trying every key would cost an HMAC
   * and a counter per key on every request, for a count that expires by itself.
   */
  readonly keyRing: KeyRing;
  readonly settings: RateLimitSettings;
}

interface Counter {
  readonly key: string;
  readonly limit: LimitSetting;
}

/** A reset request's three counters, in one slot: its address (a keyed hash of it), its client and its IP. */
export function resetRequestCounters(
  { keys, keyRing, settings }: Pick<RedisRateLimitsOptions, 'keys' | 'keyRing' | 'settings'>,
  { email, clientId, ip }: { readonly email: string; readonly clientId: string; readonly ip: string },
): Counter[] {
  return [
    { key: keys.resetRequestThrottle('address', keyRing.digest(`throttle:${email}`)), limit: settings.requestsPerAddress },
    { key: keys.resetRequestThrottle('client', clientId), limit: settings.requestsPerClient },
    { key: keys.resetRequestThrottle('ip', ip), limit: settings.requestsPerIp },
  ];
}

/** A counter's ARGV for takeFixedWindowsLua: its points, then its window in milliseconds. */
export function windowArguments(counters: readonly Counter[]): number[] {
  return counters.flatMap(({ limit }) => [limit.points, limit.durationSeconds * 1000]);
}

/** What a script's "refused for so many milliseconds" means to the caller. */
export function limitDecision(refusedForMs: number): LimitDecision {
  return refusedForMs > 0 ? { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(refusedForMs / 1000)) } : { allowed: true };
}

/**
 * Fixed-window throttles on Redis, in one script per call (see TAKE_FIXED_WINDOWS_SCRIPT): a reset
 * request's three counters are one round trip and seven commands, where three rate-limiter-flexible
 * consumes were three scripts and twelve. A Redis failure rejects: the caller fails closed (503)
 * instead of letting unthrottled traffic through.
 */
export function redisRateLimits({ redis, keys, keyRing, settings }: RedisRateLimitsOptions): RateLimits {
  async function take(counters: readonly Counter[]): Promise<LimitDecision> {
    // By EVALSHA, as every hot-path script (runScript); it returns a number of milliseconds.
    const refused = await runScript(
      redis,
      TAKE_FIXED_WINDOWS_SCRIPT,
      counters.map(({ key }) => key),
      windowArguments(counters),
    );
    return limitDecision(Number(refused));
  }

  return {
    maxFailedAttemptsPerSecret: settings.maxFailedAttemptsPerSecret,

    // Every counter is taken, together, whether or not the address has an account.
    allowResetRequest: (request) => take(resetRequestCounters({ keys, keyRing, settings }, request)),

    allowSecretAttempt: ({ ip }) => take([{ key: keys.secretAttemptThrottle(ip), limit: settings.secretAttemptsPerIp }]),
  };
}
