import { controllableClock } from '@pwreset/contract/testing';
import { describeResetLockedIssueConformance, describeResetTokenStoreConformance } from '@pwreset/contract/testing/conformance';
import { describe, expect, it } from 'vitest';
import { usePrivateRedisPerFile } from '../../test/support/private-redis-per-file.js';
import { commandsDuring } from '../bench/command-stats.js';
import { redisDisputeStore } from '../disputes/redis-dispute-store.js';
import { redisKeys } from '../redis/redis-keys.js';
import { INDEX_PRUNE_EVERY, redisResetTokenStore } from './redis-reset-token-store.js';
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

describeResetLockedIssueConformance('Redis', async ({ clock }) => {
  const [redis, keys, keyRing] = [privateRedis.redis(), redisKeys(privateRedis.freshPrefix()), singleKeyRing('p'.repeat(32))];
  return { tokens: redisResetTokenStore({ redis, keys, keyRing, clock }), disputes: redisDisputeStore({ redis, keys, keyRing, clock }) };
});

describe("the dispute lock's check in the issue", () => {
  it('costs no command of its own: the lock is read in the command that reads the old counter', async () => {
    const clock = controllableClock();
    const [redis, keys, keyRing] = [privateRedis.redis(), redisKeys(privateRedis.freshPrefix()), singleKeyRing('p'.repeat(32))];
    const tokens = redisResetTokenStore({ redis, keys, keyRing, clock });
    const input = { directory: 'default', userId: 'usr_cost', clientId: 'cl_1', expiresAt: new Date(clock.now().getTime() + 3_600_000) };
    const issued = await commandsDuring(redis, () => tokens.issue(input));
    const checkedAndIssued = await commandsDuring(redis, () => tokens.issueUnlessResetsLocked(input));
    expect(issued).toEqual({ incr: 1, get: 1, set: 1, zadd: 1, pexpireat: 1 });
    expect(checkedAndIssued).toEqual({ incr: 1, mget: 1, set: 1, zadd: 1, pexpireat: 1 });
    // Refused: the bump's round trip and nothing more.
    await redisDisputeStore({ redis, keys, keyRing, clock }).lockResets(input, new Date(clock.now().getTime() + 60_000));
    expect(await commandsDuring(redis, () => tokens.issueUnlessResetsLocked(input))).toEqual({ incr: 1, mget: 1 });
  });
});

describe("a reservation's read of the generations beside its script", () => {
  it('is one MGET sent with the script, and one more after it when the script had to be sent as text', async () => {
    const clock = controllableClock();
    const [redis, keys] = [privateRedis.redis(), redisKeys(privateRedis.freshPrefix())];
    const tokens = redisResetTokenStore({ redis, keys, keyRing: singleKeyRing('p'.repeat(32)), clock });
    const owner = { directory: 'default', userId: 'usr_beside' };
    const { secret } = await tokens.issue({ ...owner, clientId: 'cl_1', expiresAt: new Date(clock.now().getTime() + 3_600_000) });
    // A restarted (or failed-over) Redis has no scripts: the EVAL then runs after the MGET sent beside it.
    await redis.script('FLUSH');
    expect(await commandsDuring(redis, () => tokens.reserve(secret, owner))).toMatchObject({ evalsha: 1, eval: 1, mget: 2 });
    await tokens.release(secret);
    const loaded = await commandsDuring(redis, () => tokens.reserve(secret, owner));
    expect(loaded).toMatchObject({ evalsha: 1, mget: 1 });
    expect(loaded).not.toHaveProperty('eval');
    expect((await tokens.consume(secret, owner)).status).toBe('active');
  });
});

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

describe("a user's index of reset secrets", () => {
  it(`drops its expired entries at one issue in ${INDEX_PRUNE_EVERY}, and lives as long as the newest secret`, async () => {
    const clock = controllableClock();
    const redis = privateRedis.redis();
    const keys = redisKeys(privateRedis.freshPrefix());
    const store = redisResetTokenStore({ redis, keys, keyRing: singleKeyRing('p'.repeat(32)), clock });
    const user = { directory: 'default', userId: 'usr_index' };
    const index = keys.userResetTokens(user);
    const issueOneMinute = () => store.issue({ ...user, clientId: 'cl_1', expiresAt: new Date(clock.now().getTime() + 60_000) });
    // Each secret expires before the next is issued.
    for (let issued = 1; issued < INDEX_PRUNE_EVERY; issued += 1) {
      await issueOneMinute();
      clock.advanceSeconds(120);
    }
    expect(await redis.zcard(index)).toBe(INDEX_PRUNE_EVERY - 1);
    const newest = await issueOneMinute();
    // The 16th issue (generation 16) dropped the fifteen expired ones.
    expect(await redis.zrange(index, '0', '-1')).toEqual([newest.tokenId]);
    const expiresAtMs = Number(await redis.pexpiretime(index));
    expect(expiresAtMs).toBe(newest.expiresAt.getTime());
    expect((await store.listActiveForUser(user)).map((record) => record.expiresAt.getTime())).toEqual([newest.expiresAt.getTime()]);
  });
});
