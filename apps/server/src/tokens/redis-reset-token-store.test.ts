import { controllableClock } from '@pwreset/contract/testing';
import { describeResetTokenStoreConformance } from '@pwreset/contract/testing/conformance';
import { describe, expect, it } from 'vitest';
import { usePrivateRedisPerFile } from '../../test/support/private-redis-per-file.js';
import { redisKeys } from '../redis/redis-keys.js';
import { redisResetTokenStore } from './redis-reset-token-store.js';
import { singleKeyRing } from './key-ring.js';

const privateRedis = usePrivateRedisPerFile();

describeResetTokenStoreConformance('Redis', async ({ clock, reservationSeconds }) =>
  redisResetTokenStore({
    redis: privateRedis.redis(),
    keys: redisKeys(privateRedis.freshPrefix()),
    keyRing: singleKeyRing('p'.repeat(32)),
    clock,
    reservationSeconds,
  }),
);

describe('the Redis reset token store at rest', () => {
  it('keeps no secret, only its keyed hash', async () => {
    const clock = controllableClock();
    const store = redisResetTokenStore({
      redis: privateRedis.redis(),
      keys: redisKeys(privateRedis.freshPrefix()),
      keyRing: singleKeyRing('p'.repeat(32)),
      clock,
    });
    const { secret } = await store.issue({
      userId: 'usr_1',
      directory: 'default',
      clientId: 'cl_1',
      expiresAt: new Date(clock.now().getTime() + 3_600_000),
    });
    await store.consume(secret);
    const stored = await privateRedis.everythingStored();
    expect(stored).toContain('usr_1');
    expect(stored).not.toContain(secret);
  });
});
