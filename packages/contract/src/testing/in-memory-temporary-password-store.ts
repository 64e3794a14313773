import { DEFAULT_SECRET_RESERVATION_SECONDS } from '../engine/reset-token-port.js';
import type { Clock, TemporaryPasswordLookup, TemporaryPasswordStore, UserRef } from '../engine/ports.js';
import { testDigest } from './test-digest.js';

export interface InMemoryTemporaryPasswordStoreOptions {
  readonly clock: Clock;
  /** Seconds a record outlives its code, to tell "expired" or "used" from "unknown". Default one day, as Redis. */
  readonly tombstoneSeconds?: number;
  /** Seconds a reservation holds a code (see TemporaryPasswordStore.reserve). Default DEFAULT_SECRET_RESERVATION_SECONDS. */
  readonly reservationSeconds?: number;
}

/** The shape of the codes people type: no look-alikes (0/O, 1/I/L), ten characters. */
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const CODE_LENGTH = 10;

interface StoredCode {
  readonly codeHash: string;
  readonly clientId: string;
  readonly expiresAt: number;
  /** When Redis would drop the record (its TTL). */
  readonly goneAt: number;
  state: 'active' | 'reserved' | 'used' | 'locked';
  /** While `reserved`: the instant the reservation's lease runs out (ms). */
  reservedUntil: number;
  failedAttempts: number;
  /** Set by a release after a write that may have landed; kept until consumed (or the code is replaced). */
  writeUncertain: boolean;
}

type CodeState = TemporaryPasswordLookup['status'];

/** People type codes in any case and with stray spaces. */
const normalizeCode = (code: string) => code.replace(/\s+/g, '').toUpperCase();

/** Users are keyed by directory and id together: the same id in two directories is two users. */
const userKey = ({ directory, userId }: UserRef) => `${directory}:${userId}`;

/**
 * Antel's temporary passwords as the Redis adapter keeps them: one live code per user (a newer
 * one replaces it), a digest of the code and never the code, a cap on wrong attempts, and each
 * state change in one synchronous step after the last await (atomic, as the Lua scripts are).
 */
export function inMemoryTemporaryPasswordStore({
  clock,
  tombstoneSeconds = 86_400,
  reservationSeconds = DEFAULT_SECRET_RESERVATION_SECONDS,
}: InMemoryTemporaryPasswordStoreOptions): TemporaryPasswordStore {
  const byUser = new Map<string, StoredCode>();
  const ownerByCodeHash = new Map<string, { owner: UserRef; goneAt: number }>();
  const hashOf = (code: string) => testDigest(`temporary-password:${normalizeCode(code)}`);
  const nowMs = () => clock.now().getTime();

  function recordOf(user: UserRef): StoredCode | null {
    const record = byUser.get(userKey(user));
    if (record && nowMs() >= record.goneAt) byUser.delete(userKey(user));
    return byUser.get(userKey(user)) ?? null;
  }

  function ownerOf(codeHash: string): UserRef | null {
    const entry = ownerByCodeHash.get(codeHash);
    if (entry && nowMs() >= entry.goneAt) ownerByCodeHash.delete(codeHash);
    return ownerByCodeHash.get(codeHash)?.owner ?? null;
  }

  /** A reservation reads as `used` while its lease runs, and as `active` once it ran out. */
  function stateOf(record: StoredCode): Exclude<CodeState, 'active' | 'mismatch' | 'unknown'> | 'live' {
    if (record.state === 'reserved' && nowMs() < record.reservedUntil) return 'used';
    if (record.state === 'used' || record.state === 'locked') return record.state;
    return nowMs() >= record.expiresAt ? 'expired' : 'live';
  }

  function lookup(state: CodeState, user: UserRef): TemporaryPasswordLookup {
    if (state !== 'active') return { status: state };
    const record = recordOf(user);
    if (!record) return { status: 'unknown' };
    const { clientId, expiresAt, writeUncertain } = record;
    return { status: 'active', record: { ...user, clientId, expiresAt: new Date(expiresAt), writeUncertain } };
  }

  return {
    async issue({ userId, directory, clientId, expiresAt }) {
      const owner = { directory, userId };
      const randomIndexes = globalThis.crypto.getRandomValues(new Uint32Array(CODE_LENGTH));
      const code = Array.from(randomIndexes, (index) => ALPHABET[index % ALPHABET.length]).join('');
      const codeHash = await hashOf(code);
      const goneAt = nowMs() + Math.max(1, expiresAt.getTime() - nowMs()) + tombstoneSeconds * 1000;
      const previous = byUser.get(userKey(owner));
      // The user's record is replaced whole: a newer code kills the older one.
      byUser.set(userKey(owner), {
        codeHash,
        clientId,
        expiresAt: expiresAt.getTime(),
        goneAt,
        state: 'active',
        reservedUntil: 0,
        failedAttempts: 0,
        writeUncertain: false,
      });
      ownerByCodeHash.set(codeHash, { owner, goneAt });
      if (previous) ownerByCodeHash.delete(previous.codeHash);
      return { code, codeId: codeHash };
    },

    async verify({ code, user, maxFailedAttempts }) {
      const codeHash = await hashOf(code);
      const owner = user ?? ownerOf(codeHash);
      if (!owner) return { status: 'unknown' };
      const record = recordOf(owner);
      if (!record) return { status: 'unknown' };
      const state = stateOf(record);
      if (state !== 'live') return { status: state };
      if (record.codeHash === codeHash) return lookup('active', owner);
      record.failedAttempts += 1;
      if (record.failedAttempts < maxFailedAttempts) return { status: 'mismatch' };
      record.state = 'locked';
      return { status: 'locked' };
    },

    async reserve({ code, user }) {
      const codeHash = await hashOf(code);
      // From here to the return nothing awaits: of concurrent calls exactly one sees `active`.
      const record = recordOf(user);
      if (!record || record.codeHash !== codeHash) return { status: 'unknown' };
      const state = stateOf(record);
      if (state !== 'live') return { status: state };
      record.state = 'reserved';
      record.reservedUntil = nowMs() + reservationSeconds * 1000;
      return lookup('active', user);
    },

    async release({ code, user, writeUncertain = false }) {
      const codeHash = await hashOf(code);
      const record = recordOf(user);
      if (record?.codeHash !== codeHash || record.state !== 'reserved') return;
      record.state = 'active';
      if (writeUncertain) record.writeUncertain = true;
    },

    async consume({ code, user }) {
      const codeHash = await hashOf(code);
      // From here to the return nothing awaits: of concurrent calls exactly one sees `active`.
      const record = recordOf(user);
      if (!record || record.codeHash !== codeHash) return { status: 'unknown' };
      // A reservation was granted to a live code and is its holder's to consume, however long the write took.
      const state = record.state === 'reserved' ? 'live' : stateOf(record);
      if (state !== 'live') return { status: state };
      record.state = 'used';
      return lookup('active', user);
    },

    async inspectById(codeId, user) {
      const record = recordOf(user);
      if (!record || record.codeHash !== codeId) return { status: 'unknown' };
      const state = stateOf(record);
      return lookup(state === 'live' ? 'active' : state, user);
    },

    async revokeForUser(user) {
      const record = recordOf(user);
      // A used or locked code stays, to say why it no longer works; an expired one is still
      // `active` in its record and goes, as the Redis script (which reads no clock) does; so does
      // a reserved one, whose completion goes on without it.
      if (record?.state !== 'active' && record?.state !== 'reserved') return;
      byUser.delete(userKey(user));
      ownerByCodeHash.delete(record.codeHash);
    },
  };
}
