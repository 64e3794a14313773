import { controllableClock } from '@pwreset/contract/testing';
import { describeTemporaryPasswordStoreConformance } from '@pwreset/contract/testing/conformance';
import { describe, expect, it } from 'vitest';
import { usePrivateRedisPerFile } from '../../test/support/private-redis-per-file.js';
import { redisKeys } from '../redis/redis-keys.js';
import { redisTemporaryPasswordStore } from './redis-temporary-password-store.js';
import { singleKeyRing } from './key-ring.js';

const privateRedis = usePrivateRedisPerFile();

describeTemporaryPasswordStoreConformance('Redis', async ({ clock, reservationSeconds }) =>
  redisTemporaryPasswordStore({
    redis: privateRedis.redis(),
    keys: redisKeys(privateRedis.freshPrefix()),
    keyRing: singleKeyRing('p'.repeat(32)),
    clock,
    reservationSeconds,
  }),
);

describe('the Redis temporary password store at rest', () => {
  it('keeps no code, only its keyed hash', async () => {
    const clock = controllableClock();
    const store = redisTemporaryPasswordStore({
      redis: privateRedis.redis(),
      keys: redisKeys(privateRedis.freshPrefix()),
      keyRing: singleKeyRing('p'.repeat(32)),
      clock,
    });
    const { code } = await store.issue({
      userId: 'usr_1',
      directory: 'default',
      clientId: 'cl_1',
      expiresAt: new Date(clock.now().getTime() + 3_600_000),
    });
    const stored = await privateRedis.everythingStored();
    expect(stored).toContain('usr_1');
    expect(stored).not.toContain(code);
  });
});
