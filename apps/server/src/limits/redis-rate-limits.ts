import type { LimitDecision, RateLimits } from '@pwreset/contract/engine';
import type { RedisConnection } from '../redis/redis-connection-factory.js';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { KeyRing } from '../tokens/key-ring.js';
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
  /** Prefix of every throttle key; the counted identity goes in hash-tag braces after it. */
  readonly keyPrefix: string;
  /**
   * Keys of the HMAC that replaces an address in a throttle key: the current one alone. A rotation thus starts
   * each address's window afresh, once (a window is an hour by default); trying every key would cost an HMAC
   * and a counter per key on every request, for a count that expires by itself.
   */
  readonly keyRing: KeyRing;
  readonly settings: RateLimitSettings;
}

/**
 * Throttles on Redis with rate-limiter-flexible. Without an insurance limiter a Redis failure
 * rejects: the caller fails closed (503) instead of letting unthrottled traffic through.
 */
export function redisRateLimits({ redis, keyPrefix, keyRing, settings }: RedisRateLimitsOptions): RateLimits {
  const limiter = (name: string, { points, durationSeconds }: LimitSetting) =>
    new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: `${keyPrefix}:${name}`,
      points,
      duration: durationSeconds,
      rejectIfRedisNotReady: true,
    });
  const perAddress = limiter('address', settings.requestsPerAddress);
  const perClient = limiter('client', settings.requestsPerClient);
  const perIp = limiter('ip', settings.requestsPerIp);
  const secretAttempts = limiter('secret-attempt-ip', settings.secretAttemptsPerIp);

  async function take(rateLimiter: RateLimiterRedis, identity: string): Promise<LimitDecision> {
    try {
      await rateLimiter.consume(`{${identity}}`);
      return { allowed: true };
    } catch (rejection) {
      // rate-limiter-flexible rejects with a RateLimiterRes when exhausted, with an Error when Redis failed.
      if (rejection instanceof RateLimiterRes)
        return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)) };
      throw rejection;
    }
  }

  return {
    maxFailedAttemptsPerSecret: settings.maxFailedAttemptsPerSecret,

    async allowResetRequest({ email, clientId, ip }) {
      // Every counter is taken, together, whether or not the address has an account.
      const decisions = await Promise.all([
        take(perAddress, keyRing.digest(`throttle:${email}`)),
        take(perClient, clientId),
        take(perIp, ip),
      ]);
      return decisions.find((decision) => !decision.allowed) ?? { allowed: true };
    },

    allowSecretAttempt: ({ ip }) => take(secretAttempts, ip),
  };
}
