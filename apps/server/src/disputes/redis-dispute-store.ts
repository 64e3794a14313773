import type { Clock, DisputeLookup, DisputeStore } from '@pwreset/contract/engine';
import { z } from 'zod';
import type { RedisConnection } from '../redis/redis-connection-factory.js';
import type { RedisKeys } from '../redis/redis-keys.js';
import type { KeyRing } from '../tokens/key-ring.js';
import { generateSecret } from '../tokens/keyed-hash.js';
import { CONSUME_DISPUTE_SCRIPT, LOCK_RESETS_SCRIPT } from './dispute-scripts.js';
import { runningResetLock } from './reset-lock-record.js';

export interface RedisDisputeStoreOptions {
  readonly redis: RedisConnection;
  readonly keys: RedisKeys;
  /** Keys of the HMAC that replaces each secret at rest: new secrets carry the current key's id (tokens/key-ring.ts). */
  readonly keyRing: KeyRing;
  readonly clock: Clock;
  /** How long, in seconds, a record outlives its secret's expiry, to tell "expired" or "used" from "not valid". Default: one day. */
  readonly tombstoneSeconds?: number;
}

/** The stored form of a dispute secret's record: a Redis hash under the secret's keyed hash. */
const storedDisputeSchema = z.object({
  userId: z.string().min(1),
  directory: z.string().min(1),
  clientId: z.string().min(1),
  /** Milliseconds since the epoch. */
  changedAt: z.coerce.number(),
  /** Milliseconds since the epoch; the secret stops working at this instant. */
  expiresAt: z.coerce.number(),
  state: z.enum(['active', 'used']),
});
type StoredDispute = z.infer<typeof storedDisputeSchema>;

/**
 * Dispute secrets and reset locks in Redis. Only an HMAC of each secret is a key (apart from the
 * reset secrets' keys, so neither is ever found as the other), the record carries a TTL, and its
 * one change of state (consume) is one Lua script on the record alone. A user's lock is one key in
 * the user's slot, holding its end; Redis drops it once it ran out.
 */
export function redisDisputeStore({ redis, keys, keyRing, clock, tombstoneSeconds = 86_400 }: RedisDisputeStoreOptions): DisputeStore {
  // One HMAC, under the key the secret's stamp names: a rotation leaves older links working.
  const keyOf = (secret: string) => keys.dispute(keyRing.digestOfStamped(secret));

  async function readRecord(key: string): Promise<StoredDispute | null> {
    const fields = await redis.hgetall(key);
    return Object.keys(fields).length === 0 ? null : storedDisputeSchema.parse(fields);
  }

  function lookupOf(state: DisputeLookup['status'], record: StoredDispute | null): DisputeLookup {
    if (state !== 'active' || record === null) return { status: state === 'active' ? 'unknown' : state };
    return {
      status: 'active',
      record: {
        userId: record.userId,
        directory: record.directory,
        clientId: record.clientId,
        changedAt: new Date(record.changedAt),
        expiresAt: new Date(record.expiresAt),
      },
    };
  }

  return {
    async issue({ userId, directory, clientId, changedAt, expiresAt }) {
      const secret = keyRing.stamp(generateSecret());
      const disputeId = keyRing.digestOfStamped(secret);
      const key = keys.dispute(disputeId);
      const record: StoredDispute = {
        userId,
        directory,
        clientId,
        changedAt: changedAt.getTime(),
        expiresAt: expiresAt.getTime(),
        state: 'active',
      };
      const lifetimeMs = Math.max(1, expiresAt.getTime() - clock.now().getTime());
      await redis
        .multi()
        .hset(key, record)
        .pexpire(key, lifetimeMs + tombstoneSeconds * 1000)
        .exec();
      return { secret, disputeId };
    },

    async inspect(secret) {
      const record = await readRecord(keyOf(secret));
      if (record === null) return { status: 'unknown' };
      if (record.state === 'used') return { status: 'used' };
      return lookupOf(clock.now().getTime() >= record.expiresAt ? 'expired' : 'active', record);
    },

    async consume(secret) {
      const key = keyOf(secret);
      // ioredis types EVAL's reply as unknown; the script returns one of these strings.
      const state = (await redis.eval(CONSUME_DISPUTE_SCRIPT, 1, key, clock.now().getTime())) as DisputeLookup['status'];
      return lookupOf(state, state === 'active' ? await readRecord(key) : null);
    },

    async lockResets(user, until) {
      const ttlMs = Math.max(1, until.getTime() - clock.now().getTime());
      await redis.eval(LOCK_RESETS_SCRIPT, 1, keys.userDisputeLock(user), until.getTime(), ttlMs);
    },

    async resetLockOf(user) {
      return runningResetLock(await redis.get(keys.userDisputeLock(user)), clock.now().getTime());
    },

    async liftResetLock(user) {
      return runningResetLock(await redis.getdel(keys.userDisputeLock(user)), clock.now().getTime()) !== null;
    },
  };
}
