import type { Clock, TemporaryPasswordLookup, TemporaryPasswordStore } from '../engine/ports.js';
import { testDigest } from './test-digest.js';

export interface InMemoryTemporaryPasswordStoreOptions {
  readonly clock: Clock;
  /** Seconds a record outlives its code, to tell "expired" or "used" from "unknown". Default one day, as Redis. */
  readonly tombstoneSeconds?: number;
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
  state: 'active' | 'used' | 'locked';
  failedAttempts: number;
}

type CodeState = TemporaryPasswordLookup['status'];

/** People type codes in any case and with stray spaces. */
const normalizeCode = (code: string) => code.replace(/\s+/g, '').toUpperCase();

/**
 * Antel's temporary passwords as the Redis adapter keeps them: one live code per user (a newer
 * one replaces it), a digest of the code and never the code, a cap on wrong attempts, and each
 * state change in one synchronous step after the last await (atomic, as the Lua scripts are).
 */
export function inMemoryTemporaryPasswordStore({
  clock,
  tombstoneSeconds = 86_400,
}: InMemoryTemporaryPasswordStoreOptions): TemporaryPasswordStore {
  const byUser = new Map<string, StoredCode>();
  const userIdByCodeHash = new Map<string, { userId: string; goneAt: number }>();
  const hashOf = (code: string) => testDigest(`temporary-password:${normalizeCode(code)}`);
  const nowMs = () => clock.now().getTime();

  function recordOf(userId: string): StoredCode | null {
    const record = byUser.get(userId);
    if (record && nowMs() >= record.goneAt) byUser.delete(userId);
    return byUser.get(userId) ?? null;
  }

  function ownerOf(codeHash: string): string | null {
    const entry = userIdByCodeHash.get(codeHash);
    if (entry && nowMs() >= entry.goneAt) userIdByCodeHash.delete(codeHash);
    return userIdByCodeHash.get(codeHash)?.userId ?? null;
  }

  function lookup(state: CodeState, userId: string): TemporaryPasswordLookup {
    if (state !== 'active') return { status: state };
    const record = recordOf(userId);
    if (!record) return { status: 'unknown' };
    return { status: 'active', record: { userId, clientId: record.clientId, expiresAt: new Date(record.expiresAt) } };
  }

  return {
    async issue({ userId, clientId, expiresAt }) {
      const randomIndexes = globalThis.crypto.getRandomValues(new Uint32Array(CODE_LENGTH));
      const code = Array.from(randomIndexes, (index) => ALPHABET[index % ALPHABET.length]).join('');
      const codeHash = await hashOf(code);
      const goneAt = nowMs() + Math.max(1, expiresAt.getTime() - nowMs()) + tombstoneSeconds * 1000;
      const previous = byUser.get(userId);
      // The user's record is replaced whole: a newer code kills the older one.
      byUser.set(userId, { codeHash, clientId, expiresAt: expiresAt.getTime(), goneAt, state: 'active', failedAttempts: 0 });
      userIdByCodeHash.set(codeHash, { userId, goneAt });
      if (previous) userIdByCodeHash.delete(previous.codeHash);
      return { code, codeId: codeHash };
    },

    async verify({ code, userId, maxFailedAttempts }) {
      const codeHash = await hashOf(code);
      const owner = userId ?? ownerOf(codeHash);
      if (!owner) return { status: 'unknown' };
      const record = recordOf(owner);
      if (!record) return { status: 'unknown' };
      if (record.state !== 'active') return { status: record.state };
      if (nowMs() >= record.expiresAt) return { status: 'expired' };
      if (record.codeHash === codeHash) return lookup('active', owner);
      record.failedAttempts += 1;
      if (record.failedAttempts < maxFailedAttempts) return { status: 'mismatch' };
      record.state = 'locked';
      return { status: 'locked' };
    },

    async consume({ code, userId }) {
      const codeHash = await hashOf(code);
      // From here to the return nothing awaits: of concurrent calls exactly one sees `active`.
      const record = recordOf(userId);
      if (!record || record.codeHash !== codeHash) return { status: 'unknown' };
      if (record.state !== 'active') return { status: record.state };
      if (nowMs() >= record.expiresAt) return { status: 'expired' };
      record.state = 'used';
      return lookup('active', userId);
    },

    async inspectById(codeId, userId) {
      const record = recordOf(userId);
      if (!record || record.codeHash !== codeId) return { status: 'unknown' };
      if (record.state === 'active' && nowMs() >= record.expiresAt) return { status: 'expired' };
      return lookup(record.state, userId);
    },

    async revokeForUser(userId) {
      const record = recordOf(userId);
      // A used or locked code stays, to say why it no longer works; an expired one is still
      // `active` in its record and goes, as the Redis script (which reads no clock) does.
      if (record?.state !== 'active') return;
      byUser.delete(userId);
      userIdByCodeHash.delete(record.codeHash);
    },
  };
}
