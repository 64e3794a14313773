import { randomInt } from 'node:crypto';
import {
  DEFAULT_SECRET_RESERVATION_SECONDS,
  type Clock,
  type TemporaryPasswordLookup,
  type TemporaryPasswordStore,
  type UserRef,
} from '@pwreset/contract/engine';
import type { RedisConnection } from '../redis/redis-connection-factory.js';
import type { RedisKeys } from '../redis/redis-keys.js';
import { runScript } from '../redis/run-script.js';
import type { KeyRing } from './key-ring.js';
import {
  CONSUME_TEMPORARY_PASSWORD_SCRIPT,
  RELEASE_TEMPORARY_PASSWORD_SCRIPT,
  RESERVE_TEMPORARY_PASSWORD_SCRIPT,
  REVOKE_TEMPORARY_PASSWORD_SCRIPT,
  VERIFY_TEMPORARY_PASSWORD_SCRIPT,
} from './temporary-password-scripts.js';

/** No look-alikes (0/O, 1/I/L): a person reads it from a mail and types it. 31^10 ≈ 2^49.5. */
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const CODE_LENGTH = 10;

export interface RedisTemporaryPasswordStoreOptions {
  readonly redis: RedisConnection;
  readonly keys: RedisKeys;
  /**
   * Keys of the codes' hashes. A typed 10-character code has no room for a key id: its stored hash carries
   * it, and a lookup by code alone tries the current key, then the others.
   */
  readonly keyRing: KeyRing;
  readonly clock: Clock;
  /** Seconds a record outlives its code, to tell "expired" or "used" from "unknown". Default one day. */
  readonly tombstoneSeconds?: number;
  /** Seconds a completion's reservation holds a code while the password is written. Default 60. */
  readonly reservationSeconds?: number;
}

type CodeState = Exclude<TemporaryPasswordLookup['status'], 'active'> | 'active';

/** People type codes in any case and with stray spaces. */
function normalizeCode(code: string): string {
  return code.replace(/\s+/g, '').toUpperCase();
}

/**
 * The code index's value: the owner's directory, a colon, the owner's id. A directory name has no
 * colon, so the first one splits them, whatever the id holds.
 */
function encodeOwner({ directory, userId }: UserRef): string {
  return `${directory}:${userId}`;
}

function decodeOwner(encoded: string): UserRef | null {
  const colon = encoded.indexOf(':');
  // An entry without a colon was written before directories: its user's record moved with the keys.
  if (colon <= 0) return null;
  return { directory: encoded.slice(0, colon), userId: encoded.slice(colon + 1) };
}

export function redisTemporaryPasswordStore({
  redis,
  keys,
  keyRing,
  clock,
  tombstoneSeconds = 86_400,
  reservationSeconds = DEFAULT_SECRET_RESERVATION_SECONDS,
}: RedisTemporaryPasswordStoreOptions): TemporaryPasswordStore {
  const hashedText = (code: string) => `temporary-password:${normalizeCode(code)}`;

  /** The code's hash under the key the user's live code was hashed with (one HMAC); the current key when there is none. */
  async function hashForUser(code: string, user: UserRef): Promise<string> {
    const stored = await redis.hget(keys.temporaryPassword(user), 'codeHash');
    return keyRing.digest(hashedText(code), (stored === null ? null : keyRing.keyIdOf(stored)) ?? undefined);
  }

  /** The owner of a code found by the code alone, under the current key first, then each older one. */
  async function findByCode(code: string): Promise<{ owner: UserRef; codeHash: string } | null> {
    for (const codeHash of keyRing.digestsUnderEveryKey(hashedText(code))) {
      const indexed = await redis.get(keys.userByTemporaryPassword(codeHash));
      const owner = indexed === null ? null : decodeOwner(indexed);
      if (owner) return { owner, codeHash };
    }
    return null;
  }

  async function lookup(state: CodeState, user: UserRef): Promise<TemporaryPasswordLookup> {
    if (state !== 'active') return { status: state };
    const fields = await redis.hmget(keys.temporaryPassword(user), 'clientId', 'expiresAt', 'writeUncertain');
    const [clientId, expiresAt, writeUncertain] = fields;
    if (!clientId || !expiresAt) return { status: 'unknown' };
    return {
      status: 'active',
      record: { ...user, clientId, expiresAt: new Date(Number(expiresAt)), writeUncertain: writeUncertain === '1' },
    };
  }

  return {
    async issue({ userId, directory, clientId, expiresAt }) {
      const owner = { directory, userId };
      const code = Array.from({ length: CODE_LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
      const codeHash = keyRing.digest(hashedText(code));
      const key = keys.temporaryPassword(owner);
      const previous = await redis.hget(key, 'codeHash');
      const lifetimeMs = Math.max(1, expiresAt.getTime() - clock.now().getTime()) + tombstoneSeconds * 1000;
      // The user's record is replaced whole: a newer code kills the older one.
      await redis
        .multi()
        .del(key)
        .hset(key, { codeHash, clientId, expiresAt: String(expiresAt.getTime()), state: 'active', failedAttempts: '0' })
        .pexpire(key, lifetimeMs)
        .exec();
      await redis.set(keys.userByTemporaryPassword(codeHash), encodeOwner(owner), 'PX', lifetimeMs);
      if (previous) await redis.del(keys.userByTemporaryPassword(previous));
      return { code, codeId: codeHash };
    },

    async verify({ code, user, maxFailedAttempts }) {
      const found = user ? { owner: user, codeHash: await hashForUser(code, user) } : await findByCode(code);
      if (!found) return { status: 'unknown' };
      const { owner, codeHash } = found;
      // ioredis types a script's reply as unknown; the script returns one of the states.
      const state = (await runScript(
        redis,
        VERIFY_TEMPORARY_PASSWORD_SCRIPT,
        [keys.temporaryPassword(owner)],
        [codeHash, clock.now().getTime(), maxFailedAttempts],
      )) as CodeState;
      return lookup(state, owner);
    },

    async reserve({ code, user }) {
      const now = clock.now().getTime();
      const state = (await runScript(
        redis,
        RESERVE_TEMPORARY_PASSWORD_SCRIPT,
        [keys.temporaryPassword(user)],
        [await hashForUser(code, user), now, now + reservationSeconds * 1000],
      )) as CodeState;
      return lookup(state, user);
    },

    async release({ code, user, writeUncertain = false }) {
      await runScript(
        redis,
        RELEASE_TEMPORARY_PASSWORD_SCRIPT,
        [keys.temporaryPassword(user)],
        [await hashForUser(code, user), writeUncertain ? '1' : '0'],
      );
    },

    async consume({ code, user }) {
      const state = (await runScript(
        redis,
        CONSUME_TEMPORARY_PASSWORD_SCRIPT,
        [keys.temporaryPassword(user)],
        [await hashForUser(code, user), clock.now().getTime()],
      )) as CodeState;
      return lookup(state, user);
    },

    async inspectById(codeId, user) {
      const fields = await redis.hmget(keys.temporaryPassword(user), 'state', 'codeHash', 'expiresAt', 'reservedUntil');
      const [state, codeHash, expiresAt, reservedUntil] = fields;
      if (!state || codeHash !== codeId) return { status: 'unknown' };
      const now = clock.now().getTime();
      // As the scripts read it: a reservation is `used` while its lease runs, `active` after.
      if (state === 'reserved' && now < Number(reservedUntil ?? 0)) return { status: 'used' };
      const live = state === 'reserved' ? 'active' : state;
      if (live === 'active' && now >= Number(expiresAt)) return { status: 'expired' };
      return lookup(live as CodeState, user);
    },

    async revokeForUser(user) {
      // The user's record first, in one script (it has the last word; the index only finds it).
      // ioredis types a script's reply as unknown; the script returns the killed code's hash or null.
      const codeHash = (await runScript(redis, REVOKE_TEMPORARY_PASSWORD_SCRIPT, [keys.temporaryPassword(user)], [])) as string | null;
      if (codeHash) await redis.del(keys.userByTemporaryPassword(codeHash));
    },
  };
}
