import { controllableClock } from '@pwreset/contract/testing';
import { describeDisputeStoreConformance } from '@pwreset/contract/testing/conformance';
import { describe, expect, it } from 'vitest';
import { usePrivateRedisPerFile } from '../../test/support/private-redis-per-file.js';
import { redisKeys } from '../redis/redis-keys.js';
import { redisDisputeStore } from './redis-dispute-store.js';
import { singleKeyRing } from '../tokens/key-ring.js';

const privateRedis = usePrivateRedisPerFile();

describeDisputeStoreConformance('Redis', async ({ clock }) =>
  redisDisputeStore({
    redis: privateRedis.redis(),
    keys: redisKeys(privateRedis.freshPrefix()),
    keyRing: singleKeyRing('p'.repeat(32)),
    clock,
  }),
);

describe('the Redis dispute store at rest', () => {
  it('keeps no secret, only its keyed hash, and a lock Redis forgets once it ran out', async () => {
    const clock = controllableClock();
    const keys = redisKeys(privateRedis.freshPrefix());
    const store = redisDisputeStore({ redis: privateRedis.redis(), keys, keyRing: singleKeyRing('p'.repeat(32)), clock });
    const { secret } = await store.issue({
      userId: 'usr_1',
      directory: 'default',
      clientId: 'cl_1',
      changedAt: clock.now(),
      expiresAt: new Date(clock.now().getTime() + 7 * 86_400_000),
    });
    await store.consume(secret);
    const user = { directory: 'default', userId: 'usr_1' };
    await store.lockResets(user, new Date(clock.now().getTime() + 60_000));
    const stored = await privateRedis.everythingStored();
    expect(stored).toContain('usr_1');
    expect(stored).not.toContain(secret);
    const ttl = await privateRedis.redis().pttl(keys.userDisputeLock(user));
    expect(ttl).toBeGreaterThan(50_000);
    expect(ttl).toBeLessThanOrEqual(60_000);
  });
});
