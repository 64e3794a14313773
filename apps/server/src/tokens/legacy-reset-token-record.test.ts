import { controllableClock } from '@pwreset/contract/testing';
import { describe, expect, it } from 'vitest';
import { usePrivateRedisPerFile } from '../../test/support/private-redis-per-file.js';
import { redisKeys } from '../redis/redis-keys.js';
import { generateSecret } from './keyed-hash.js';
import { singleKeyRing } from './key-ring.js';
import { redisResetTokenStore } from './redis-reset-token-store.js';

// A rolling upgrade: secrets the previous version issued (a hash of named fields, its generation
// counter under `…:reset-generation`) keep working, with every rule, until they expire.

const privateRedis = usePrivateRedisPerFile();
const keyRing = singleKeyRing('p'.repeat(32));
const user = { directory: 'default', userId: 'usr_legacy|ü' };

async function world() {
  const redis = privateRedis.redis();
  const keys = redisKeys(privateRedis.freshPrefix());
  const clock = controllableClock();
  const store = redisResetTokenStore({ redis, keys, keyRing, clock, reservationSeconds: 60 });

  /** What the previous version's `issue` wrote, byte for byte: the counter, the hash with its TTL, the index. */
  async function issueAsPreviousVersion(): Promise<{ secret: string; key: string }> {
    const generation = await redis.incr(keys.legacyUserResetGeneration(user));
    const secret = keyRing.stamp(generateSecret());
    const tokenId = keyRing.digestOfStamped(secret);
    const issuedAt = clock.now().getTime();
    const expiresAt = issuedAt + 3_600_000;
    const key = keys.resetToken(tokenId);
    await redis
      .multi()
      .hset(key, { ...user, clientId: 'cl_legacy', issuedAt, expiresAt, generation, state: 'active', failedAttempts: 0 })
      .pexpire(key, 3_600_000 + 86_400_000)
      .exec();
    await redis.multi().zadd(keys.userResetTokens(user), expiresAt, tokenId).pexpireat(keys.userResetTokens(user), expiresAt).exec();
    return { secret, key };
  }

  return { redis, keys, clock, store, issueAsPreviousVersion };
}

describe('a reset secret the previous version stored as a hash', () => {
  it('inspects as active, with its record', async () => {
    const { clock, store, issueAsPreviousVersion } = await world();
    const { secret } = await issueAsPreviousVersion();
    expect(await store.inspect(secret)).toEqual({
      status: 'active',
      record: {
        ...user,
        clientId: 'cl_legacy',
        issuedAt: clock.now(),
        expiresAt: new Date(clock.now().getTime() + 3_600_000),
        writeUncertain: false,
      },
    });
    expect((await store.listActiveForUser(user)).map((record) => record.clientId)).toEqual(['cl_legacy']);
  });

  it('is reserved, released with its write uncertain, and consumed once, staying a hash with its TTL', async () => {
    const { redis, store, issueAsPreviousVersion } = await world();
    const { secret, key } = await issueAsPreviousVersion();
    const ttlBefore = await redis.pttl(key);
    expect((await store.reserve(secret)).status).toBe('active');
    expect((await store.inspect(secret)).status).toBe('used');
    await store.release(secret, { writeUncertain: true });
    expect(await store.inspect(secret)).toMatchObject({ status: 'active', record: { writeUncertain: true } });
    expect((await store.consume(secret)).status).toBe('active');
    expect((await store.consume(secret)).status).toBe('used');
    expect(await redis.type(key)).toBe('hash');
    expect(await redis.hget(key, 'state')).toBe('used');
    expect(await redis.pttl(key)).toBeGreaterThan(ttlBefore - 60_000);
  });

  it('is locked at the limit of failed attempts', async () => {
    const { store, issueAsPreviousVersion } = await world();
    const { secret } = await issueAsPreviousVersion();
    expect(await store.recordFailedAttempt(secret, 2)).toEqual({ locked: false });
    expect(await store.recordFailedAttempt(secret, 2)).toEqual({ locked: true });
    expect((await store.inspect(secret)).status).toBe('locked');
    expect((await store.consume(secret)).status).toBe('locked');
  });

  it('is expired past its expiry', async () => {
    const { clock, store, issueAsPreviousVersion } = await world();
    const { secret } = await issueAsPreviousVersion();
    clock.advanceSeconds(3_601);
    expect((await store.inspect(secret)).status).toBe('expired');
    expect((await store.reserve(secret)).status).toBe('expired');
  });

  it('is superseded by a newer secret of either version, and by a revocation', async () => {
    const { store, issueAsPreviousVersion } = await world();
    const older = await issueAsPreviousVersion();
    const newer = await issueAsPreviousVersion();
    expect((await store.inspect(older.secret)).status).toBe('superseded');
    expect((await store.inspect(newer.secret)).status).toBe('active');

    const current = await store.issue({ ...user, clientId: 'cl_new', expiresAt: new Date(Date.now() + 3_600_000) });
    expect((await store.inspect(newer.secret)).status).toBe('superseded');
    expect((await store.inspect(current.secret)).status).toBe('active');

    const { store: other, issueAsPreviousVersion: issueElsewhere } = await world();
    const revoked = await issueElsewhere();
    await other.revokeAllForUser(user);
    expect((await other.inspect(revoked.secret)).status).toBe('superseded');
  });

  it('while both versions run, the newest secret of either lives and the older dies', async () => {
    const { store, issueAsPreviousVersion } = await world();
    await issueAsPreviousVersion();
    const expiresAt = new Date(Date.now() + 3_600_000);
    const ofThisVersion = await store.issue({ ...user, clientId: 'cl_new', expiresAt });
    const ofThePrevious = await issueAsPreviousVersion();
    expect((await store.inspect(ofThisVersion.secret)).status).toBe('superseded');
    expect((await store.inspect(ofThePrevious.secret)).status).toBe('active');

    await store.revokeAllForUser(user);
    const afterRevocation = await issueAsPreviousVersion();
    expect((await store.inspect(ofThePrevious.secret)).status).toBe('superseded');
    expect((await store.inspect(afterRevocation.secret)).status).toBe('active');
    const newest = await store.issue({ ...user, clientId: 'cl_new', expiresAt });
    expect((await store.inspect(afterRevocation.secret)).status).toBe('superseded');
    expect((await store.inspect(newest.secret)).status).toBe('active');
  });

  it("keeps the old counter in step when the mail path's issue (issueUnlessResetsLocked) reads the lock beside it", async () => {
    const { redis, keys, store, issueAsPreviousVersion } = await world();
    const ofThePrevious = await issueAsPreviousVersion();
    const counted = Number(await redis.get(keys.legacyUserResetGeneration(user)));
    const issued = await store.issueUnlessResetsLocked({ ...user, clientId: 'cl_new', expiresAt: new Date(Date.now() + 3_600_000) });
    if (issued.status !== 'issued') throw new Error(`expected a secret, got ${issued.status}`);
    expect((await store.inspect(ofThePrevious.secret)).status).toBe('superseded');
    expect(Number(await redis.get(keys.legacyUserResetGeneration(user)))).toBe(counted + 1);
    // An older server's next issue (the old counter alone) kills it, as it kills its own.
    await issueAsPreviousVersion();
    expect((await store.inspect(issued.secret)).status).toBe('superseded');
  });

  it('gives a user without the old counter none', async () => {
    const { redis, keys, store } = await world();
    const { secret } = await store.issue({ ...user, clientId: 'cl_new', expiresAt: new Date(Date.now() + 3_600_000) });
    await store.revokeAllForUser(user);
    expect((await store.inspect(secret)).status).toBe('superseded');
    expect(await redis.exists(keys.legacyUserResetGeneration(user))).toBe(0);
    expect(await redis.get(keys.userResetGeneration(user))).toBe('2');
  });
});
