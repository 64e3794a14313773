import { randomInt } from 'node:crypto';
import type { Clock, TemporaryPasswordLookup, TemporaryPasswordStore } from '@pwreset/contract/engine';
import type { Redis } from 'ioredis';
import type { RedisKeys } from '../redis/redis-keys.js';
import { keyedHash } from './keyed-hash.js';
import {
  CONSUME_TEMPORARY_PASSWORD_SCRIPT,
  REVOKE_TEMPORARY_PASSWORD_SCRIPT,
  VERIFY_TEMPORARY_PASSWORD_SCRIPT,
} from './temporary-password-scripts.js';

/** No look-alikes (0/O, 1/I/L): a person reads it from a mail and types it. 31^10 ≈ 2^49.5. */
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const CODE_LENGTH = 10;

export interface RedisTemporaryPasswordStoreOptions {
  readonly redis: Redis;
  readonly keys: RedisKeys;
  readonly pepper: string;
  readonly clock: Clock;
  /** Seconds a record outlives its code, to tell "expired" or "used" from "unknown". Default one day. */
  readonly tombstoneSeconds?: number;
}

type CodeState = Exclude<TemporaryPasswordLookup['status'], 'active'> | 'active';

/** People type codes in any case and with stray spaces. */
function normalizeCode(code: string): string {
  return code.replace(/\s+/g, '').toUpperCase();
}

export function redisTemporaryPasswordStore({
  redis,
  keys,
  pepper,
  clock,
  tombstoneSeconds = 86_400,
}: RedisTemporaryPasswordStoreOptions): TemporaryPasswordStore {
  const hashOf = (code: string) => keyedHash(pepper, `temporary-password:${normalizeCode(code)}`);

  async function lookup(state: CodeState, userId: string): Promise<TemporaryPasswordLookup> {
    if (state !== 'active') return { status: state };
    const fields = await redis.hmget(keys.temporaryPassword(userId), 'clientId', 'expiresAt');
    const [clientId, expiresAt] = fields;
    if (!clientId || !expiresAt) return { status: 'unknown' };
    return { status: 'active', record: { userId, clientId, expiresAt: new Date(Number(expiresAt)) } };
  }

  return {
    async issue({ userId, clientId, expiresAt }) {
      const code = Array.from({ length: CODE_LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
      const codeHash = hashOf(code);
      const key = keys.temporaryPassword(userId);
      const previous = await redis.hget(key, 'codeHash');
      const lifetimeMs = Math.max(1, expiresAt.getTime() - clock.now().getTime()) + tombstoneSeconds * 1000;
      // The user's record is replaced whole: a newer code kills the older one.
      await redis
        .multi()
        .del(key)
        .hset(key, { codeHash, clientId, expiresAt: String(expiresAt.getTime()), state: 'active', failedAttempts: '0' })
        .pexpire(key, lifetimeMs)
        .exec();
      await redis.set(keys.userIdByTemporaryPassword(codeHash), userId, 'PX', lifetimeMs);
      if (previous) await redis.del(keys.userIdByTemporaryPassword(previous));
      return { code, codeId: codeHash };
    },

    async verify({ code, userId, maxFailedAttempts }) {
      const codeHash = hashOf(code);
      const owner = userId ?? (await redis.get(keys.userIdByTemporaryPassword(codeHash)));
      if (!owner) return { status: 'unknown' };
      // ioredis types EVAL's reply as unknown; the script returns one of the states.
      const state = (await redis.eval(
        VERIFY_TEMPORARY_PASSWORD_SCRIPT,
        1,
        keys.temporaryPassword(owner),
        codeHash,
        clock.now().getTime(),
        maxFailedAttempts,
      )) as CodeState;
      return lookup(state, owner);
    },

    async consume({ code, userId }) {
      const state = (await redis.eval(
        CONSUME_TEMPORARY_PASSWORD_SCRIPT,
        1,
        keys.temporaryPassword(userId),
        hashOf(code),
        clock.now().getTime(),
      )) as CodeState;
      return lookup(state, userId);
    },

    async inspectById(codeId, userId) {
      const [state, codeHash, expiresAt] = await redis.hmget(keys.temporaryPassword(userId), 'state', 'codeHash', 'expiresAt');
      if (!state || codeHash !== codeId) return { status: 'unknown' };
      if (state === 'active' && clock.now().getTime() >= Number(expiresAt)) return { status: 'expired' };
      return lookup(state as CodeState, userId);
    },

    async revokeForUser(userId) {
      // The user's record first, in one script (it has the last word; the index only finds it).
      // ioredis types EVAL's reply as unknown; the script returns the killed code's hash or null.
      const codeHash = (await redis.eval(REVOKE_TEMPORARY_PASSWORD_SCRIPT, 1, keys.temporaryPassword(userId))) as string | null;
      if (codeHash) await redis.del(keys.userIdByTemporaryPassword(codeHash));
    },
  };
}
