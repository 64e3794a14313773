import type { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { usePrivateRedisPerFile } from '../../test/support/private-redis-per-file.js';
import { commandsDuring } from '../bench/command-stats.js';
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
function failingOnce(redis: Redis, method: 'evalsha' | 'set', failure: 'reply lost' | 'never arrived', callsBefore = 0): Redis {
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

/** Whether a SET is the claim's SET NX GET (the gate's other SETs write `delivered`). */
const isClaimSet = (args: readonly unknown[]) => args.includes('NX') && args.includes('GET');

/**
 * The connection as it behaves on a Redis older than 7.0, which refuses NX with GET: each claim's
 * SET is answered `ERR syntax error`, here by the real server (NX with XX is refused so by every
 * version), and nothing is written. `refused` counts them.
 */
function withoutSetNxGet(redis: Redis): { redis: Redis; refused: () => number } {
  let refused = 0;
  const proxy = new Proxy(redis, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (property !== 'set' || typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (!isClaimSet(args)) return (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        refused += 1;
        return target.call('SET', String(args[0]), 'refused', 'NX', 'XX');
      };
    },
  });
  return { redis: proxy, refused: () => refused };
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
    const gate = atMostOnce({ redis: failingOnce(redis, 'set', 'reply lost'), keys });
    await expect(gate.deliverOnce('job_3', send)).rejects.toThrow(/Connection is closed/);
    expect(isSendingClaim(await redis.get(keys.delivery('job_3')))).toBe(true);
    expect(await gate.checkState('job_3')).toBe('not-sent');
    expect(await gate.deliverOnce('job_3', send)).toBe('delivered');
    expect(sends()).toBe(1);
  });

  it('parks such a claim in another process, which cannot know that nothing was sent', async () => {
    const { redis, keys, send, sends } = setUp();
    const crashed = atMostOnce({ redis: failingOnce(redis, 'set', 'reply lost'), keys });
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
    // The first SET is the claim, the second the "delivered" record.
    const gate = atMostOnce({ redis: failingOnce(redis, 'set', 'never arrived', 1), keys });
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
    // The claim is a SET; the release after the refusal is the first script, sent by its SHA-1.
    const gate = atMostOnce({ redis: failingOnce(redis, 'evalsha', 'never arrived'), keys });
    await expect(gate.deliverOnce('job_7', () => Promise.reject(new Error('the receiver answered 503')))).rejects.toThrow(/503/);
    expect(isSendingClaim(await redis.get(keys.delivery('job_7')))).toBe(true);
    expect(await gate.deliverOnce('job_7', send)).toBe('delivered');
    expect(sends()).toBe(1);
  });

  it('claims and records a delivery in two commands, SET NX GET and SET, without any script', async () => {
    const { redis, keys, send, sends } = setUp();
    const gate = atMostOnce({ redis, keys });
    expect(await commandsDuring(redis, () => gate.deliverOnce('job_8', send))).toEqual({ set: 2 });
    // A key already delivered costs the claim's SET alone, which finds it and writes nothing.
    expect(await commandsDuring(redis, () => gate.deliverOnce('job_8', send))).toEqual({ set: 1 });
    expect(sends()).toBe(1);
    expect(await redis.get(keys.delivery('job_8'))).toBe(DELIVERED);
    expect(await redis.ttl(keys.delivery('job_8'))).toBeGreaterThan(29 * 86_400);
  });

  it('counts its own claim, written and then sent again by the client, as claimed', async () => {
    const { redis, keys, send, sends } = setUp();
    // The claim's SET carried out twice, the first reply lost: the client sent it again on reconnect.
    let claimsSentTwice = 0;
    const resending = new Proxy(redis, {
      get(target, property, receiver) {
        const value: unknown = Reflect.get(target, property, receiver);
        if (property !== 'set' || typeof value !== 'function') return value;
        return async (...args: unknown[]) => {
          const set = () => (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
          if (!isClaimSet(args)) return set();
          claimsSentTwice += 1;
          await set();
          return set();
        };
      },
    });
    const gate = atMostOnce({ redis: resending, keys });
    expect(await gate.deliverOnce('job_9', send)).toBe('delivered');
    expect(claimsSentTwice).toBe(1);
    expect(sends()).toBe(1);
    expect(await redis.get(keys.delivery('job_9'))).toBe(DELIVERED);
  });

  it('claims by the script on a Redis older than 7.0, and tries SET NX GET there only once', async () => {
    const { redis, keys, send, sends } = setUp();
    const old = withoutSetNxGet(redis);
    const gate = atMostOnce({ redis: old.redis, keys });
    expect(await gate.deliverOnce('job_10', send)).toBe('delivered');
    const later = await commandsDuring(redis, () => gate.deliverOnce('job_11', send));
    // EVALSHA of the claim, its GET and SET, and the "delivered" SET; nothing refused.
    expect(later).toEqual({ evalsha: 1, get: 1, set: 2 });
    expect(old.refused()).toBe(1);
    expect(await gate.deliverOnce('job_11', send)).toBe('already-delivered');
    await redis.set(keys.delivery('job_12'), 'sending:someone-else');
    await expect(gate.deliverOnce('job_12', send)).rejects.toBeInstanceOf(DeliveryOutcomeUnknownError);
    expect(old.refused()).toBe(1);
    expect(sends()).toBe(2);
    expect(await redis.get(keys.delivery('job_10'))).toBe(DELIVERED);
    expect(await redis.get(keys.delivery('job_11'))).toBe(DELIVERED);
  });
});
