import { controllableClock } from '@pwreset/contract/testing';
import { describeResetCodeFlowStoreConformance } from '@pwreset/contract/testing/conformance';
import { describe, expect, it } from 'vitest';
import { usePrivateRedisPerFile } from '../../test/support/private-redis-per-file.js';
import { commandsDuring } from '../bench/command-stats.js';
import { redisKeys } from '../redis/redis-keys.js';
import { redisResetCodeFlowStore } from './redis-reset-code-flow-store.js';
import { singleKeyRing } from './key-ring.js';

const privateRedis = usePrivateRedisPerFile();

describeResetCodeFlowStoreConformance('Redis', async ({ clock, lifetimeSeconds, reservationSeconds }) =>
  redisResetCodeFlowStore({
    redis: privateRedis.redis(),
    keys: redisKeys(privateRedis.freshPrefix()),
    keyRing: singleKeyRing('p'.repeat(32)),
    clock,
    lifetimeSeconds,
    reservationSeconds,
  }),
);

describe('the Redis code flow store at rest', () => {
  it('keeps neither the flow id, nor the code, nor the address: only keyed hashes', async () => {
    const clock = controllableClock();
    const store = redisResetCodeFlowStore({
      redis: privateRedis.redis(),
      keys: redisKeys(privateRedis.freshPrefix()),
      keyRing: singleKeyRing('p'.repeat(32)),
      clock,
      lifetimeSeconds: 900,
    });
    const { flowId, flowRef } = await store.open({ clientId: 'cl_1', email: 'jane@example.com' });
    const issued = await store.issueCode({ flowRef, user: { directory: 'default', userId: 'usr_1' } });
    const stored = await privateRedis.everythingStored();
    expect(stored).toContain('usr_1');
    expect(stored).not.toContain(flowId);
    expect(stored).not.toContain(issued?.code);
    expect(stored).not.toContain('jane@example.com');
  });
});

describe("the Redis code flow store's revocation", () => {
  it('costs a user without flows one SMEMBERS, and ends every flow of a user who has some', async () => {
    const clock = controllableClock();
    const redis = privateRedis.redis();
    const keys = redisKeys(privateRedis.freshPrefix());
    const store = redisResetCodeFlowStore({ redis, keys, keyRing: singleKeyRing('p'.repeat(32)), clock, lifetimeSeconds: 900 });
    const user = { directory: 'default', userId: 'usr_revoked' };
    expect(await commandsDuring(redis, () => store.revokeForUser(user))).toEqual({ smembers: 1 });
    const { flowRef } = await store.open({ clientId: 'cl_1', email: 'jane@example.com' });
    await store.issueCode({ flowRef, user });
    const revoked = await commandsDuring(redis, () => store.revokeForUser(user));
    expect(revoked).toMatchObject({ smembers: 1, del: expect.any(Number) as number });
    expect(await redis.exists(keys.userResetCodeFlows(user))).toBe(0);
  });
});
