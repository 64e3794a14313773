import type { Redis } from 'ioredis';
import type { RedisKeys } from '../redis/redis-keys.js';
import { DeliveryOutcomeUnknownError } from './delivery-errors.js';

export interface AtMostOnceOptions {
  readonly redis: Redis;
  readonly keys: RedisKeys;
  /** How long the "sent" record is kept, in seconds; longer than any job lives. Default 30 days. */
  readonly retentionSeconds?: number;
}

/**
 * Runs a delivery at most once per idempotency key, across retries and worker crashes:
 * a key already delivered is skipped, and a key whose earlier attempt began and never
 * finished (its worker died mid-send) is parked rather than sent a second time.
 */
export function atMostOnce({ redis, keys, retentionSeconds = 30 * 86_400 }: AtMostOnceOptions) {
  return async function deliverOnce(idempotencyKey: string, deliver: () => Promise<void>): Promise<'delivered' | 'already-delivered'> {
    const key = keys.delivery(idempotencyKey);
    const state = await redis.get(key);
    if (state === 'delivered') return 'already-delivered';
    // Claim the key: only one attempt may be "sending" at a time, and a leftover claim means
    // an attempt died after it may have reached the receiver.
    const claimed = await redis.set(key, 'sending', 'EX', retentionSeconds, 'NX');
    if (claimed === null) throw new DeliveryOutcomeUnknownError();
    try {
      await deliver();
    } catch (error) {
      // The receiver said no (or never answered): nothing was delivered, a retry is safe.
      await redis.del(key);
      throw error;
    }
    await redis.set(key, 'delivered', 'EX', retentionSeconds);
    return 'delivered';
  };
}

export type DeliverOnce = ReturnType<typeof atMostOnce>;
