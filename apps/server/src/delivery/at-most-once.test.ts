import type { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { usePrivateRedisPerFile } from '../../test/support/private-redis-per-file.js';
import { redisKeys } from '../redis/redis-keys.js';
import { atMostOnce, DELIVERED, isSendingClaim } from './at-most-once.js';
import { CLAIM_DELIVERY_SCRIPT } from './delivery-claim-scripts.js';
import { DeliveryOutcomeUnknownError } from './delivery-errors.js';

const privateRedis = usePrivateRedisPerFile();

/**
 * The connection as it behaves when Redis dies around one call of `method` (the first, or the one
 * after `callsBefore` others): it fails with a connection error, after Redis carried it out (its
 * reply was lost) or before it reached Redis.
 */
function failingOnce(redis: Redis, method: 'eval' | 'set', failure: 'reply lost' | 'never arrived', callsBefore = 0): Redis {
  let calls = 0;
  return new Proxy(redis, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (property !== method || typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        calls += 1;
        if (calls !== callsBefore + 1) return (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        if (failure === 'reply lost') await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        throw new Error('Connection is closed.');
      };
    },
  });
}

function setUp() {
  const redis = privateRedis.redis();
  const keys = redisKeys(privateRedis.freshPrefix());
  let sends = 0;
  const send = () => {
    sends += 1;
    return Promise.resolve();
  };
  return { redis, keys, send, sends: () => sends };
}

describe('the at-most-once delivery gate', () => {
  it('sends once, and skips a key already delivered', async () => {
    const { redis, keys, send, sends } = setUp();
    const gate = atMostOnce({ redis, keys });
    expect(await gate.deliverOnce('job_1', send)).toBe('delivered');
    expect(await gate.deliverOnce('job_1', send)).toBe('already-delivered');
    expect(sends()).toBe(1);
    expect(await redis.get(keys.delivery('job_1'))).toBe(DELIVERED);
  });

  it('parks a key whose claim another attempt left behind (it may have sent), in any process', async () => {
    const { redis, keys, send, sends } = setUp();
    await redis.set(keys.delivery('job_2'), 'sending:someone-else');
    const gate = atMostOnce({ redis, keys });
    await expect(gate.deliverOnce('job_2', send)).rejects.toBeInstanceOf(DeliveryOutcomeUnknownError);
    expect(await gate.checkState('job_2')).toBe('outcome-unknown');
    // A claim of the version before claims named their attempt.
    await redis.set(keys.delivery('job_2'), 'sending');
    expect(await gate.checkState('job_2')).toBe('outcome-unknown');
    expect(sends()).toBe(0);
  });

  it('sends on the next attempt when the claim was written but its reply lost, as nothing was sent', async () => {
    const { redis, keys, send, sends } = setUp();
    const gate = atMostOnce({ redis: failingOnce(redis, 'eval', 'reply lost'), keys });
    await expect(gate.deliverOnce('job_3', send)).rejects.toThrow(/Connection is closed/);
    expect(isSendingClaim(await redis.get(keys.delivery('job_3')))).toBe(true);
    expect(await gate.checkState('job_3')).toBe('not-sent');
    expect(await gate.deliverOnce('job_3', send)).toBe('delivered');
    expect(sends()).toBe(1);
  });

  it('parks such a claim in another process, which cannot know that nothing was sent', async () => {
    const { redis, keys, send, sends } = setUp();
    const crashed = atMostOnce({ redis: failingOnce(redis, 'eval', 'reply lost'), keys });
    await expect(crashed.deliverOnce('job_4', send)).rejects.toThrow(/Connection is closed/);
    const other = atMostOnce({ redis, keys });
    await expect(other.deliverOnce('job_4', send)).rejects.toBeInstanceOf(DeliveryOutcomeUnknownError);
    expect(sends()).toBe(0);
  });

  it('counts a claim sent again by the client after a reconnect as its own', async () => {
    const { redis, keys } = setUp();
    const key = keys.delivery('job_5');
    expect(await redis.eval(CLAIM_DELIVERY_SCRIPT, 1, key, 'sending:mine', '60', '')).toBe(1);
    expect(await redis.eval(CLAIM_DELIVERY_SCRIPT, 1, key, 'sending:mine', '60', '')).toBe(1);
    // Anyone else's attempt is told whose claim is there, and a delivered key is never taken.
    expect(await redis.eval(CLAIM_DELIVERY_SCRIPT, 1, key, 'sending:theirs', '60', '')).toBe('sending:mine');
    await redis.set(key, DELIVERED);
    expect(await redis.eval(CLAIM_DELIVERY_SCRIPT, 1, key, 'sending:mine', '60', 'delivered')).toBe(DELIVERED);
  });

  it('records a send whose "delivered" record was lost, instead of parking it or sending it again', async () => {
    const { redis, keys, send, sends } = setUp();
    const gate = atMostOnce({ redis: failingOnce(redis, 'set', 'never arrived'), keys });
    await expect(gate.deliverOnce('job_6', send)).rejects.toThrow(/Connection is closed/);
    expect(sends()).toBe(1);
    expect(isSendingClaim(await redis.get(keys.delivery('job_6')))).toBe(true);
    expect(await gate.checkState('job_6')).toBe('delivered');
    expect(await redis.get(keys.delivery('job_6'))).toBe(DELIVERED);
    expect(await gate.deliverOnce('job_6', send)).toBe('already-delivered');
    expect(sends()).toBe(1);
  });

  it('sends on the next attempt when the receiver refused and the release never reached Redis', async () => {
    const { redis, keys, send, sends } = setUp();
    // The first script is the claim, the second the release after the refusal.
    const gate = atMostOnce({ redis: failingOnce(redis, 'eval', 'never arrived', 1), keys });
    await expect(gate.deliverOnce('job_7', () => Promise.reject(new Error('the receiver answered 503')))).rejects.toThrow(/503/);
    expect(isSendingClaim(await redis.get(keys.delivery('job_7')))).toBe(true);
    expect(await gate.deliverOnce('job_7', send)).toBe('delivered');
    expect(sends()).toBe(1);
  });
});
