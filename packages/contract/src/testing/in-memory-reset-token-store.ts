import type { Clock, ResetTokenLookup, ResetTokenStore } from '../engine/ports.js';
import { randomTestSecret, testDigest } from './test-digest.js';

export interface InMemoryResetTokenStoreOptions {
  readonly clock: Clock;
  /** Seconds a record outlives its secret's expiry, to tell "expired" or "used" from "unknown". Default one day, as Redis. */
  readonly tombstoneSeconds?: number;
}

interface StoredToken {
  readonly userId: string;
  readonly clientId: string;
  readonly issuedAt: number;
  readonly expiresAt: number;
  readonly generation: number;
  state: 'active' | 'used' | 'locked';
  failedAttempts: number;
}

type TokenState = 'active' | 'used' | 'locked' | 'expired' | 'unknown';

/**
 * The reset store of the Redis adapter, in a Map: records keyed by a digest of the secret (never
 * the secret), a per-user generation that kills older secrets, and each state change done in one
 * synchronous step after the last await, so it is atomic as the Redis Lua scripts are.
 */
export function inMemoryResetTokenStore({ clock, tombstoneSeconds = 86_400 }: InMemoryResetTokenStoreOptions): ResetTokenStore {
  const records = new Map<string, StoredToken>();
  const generations = new Map<string, number>();
  const tokenIdPattern = /^[A-Za-z0-9_-]{43}$/;

  /** The record while Redis would still hold it (its TTL is the lifetime plus the tombstone). */
  function readRecord(tokenId: string): StoredToken | null {
    const record = records.get(tokenId);
    if (!record) return null;
    const lifetimeMs = Math.max(1, record.expiresAt - record.issuedAt);
    if (clock.now().getTime() >= record.issuedAt + lifetimeMs + tombstoneSeconds * 1000) {
      records.delete(tokenId);
      return null;
    }
    return record;
  }

  function stateOf(record: StoredToken | null): TokenState {
    if (record === null) return 'unknown';
    if (record.state !== 'active') return record.state;
    return clock.now().getTime() >= record.expiresAt ? 'expired' : 'active';
  }

  function toLookup(state: TokenState, record: StoredToken | null): ResetTokenLookup {
    if (state !== 'active' || record === null) return { status: state === 'active' ? 'unknown' : state };
    if (record.generation !== (generations.get(record.userId) ?? 0)) return { status: 'superseded' };
    return {
      status: 'active',
      record: {
        userId: record.userId,
        clientId: record.clientId,
        issuedAt: new Date(record.issuedAt),
        expiresAt: new Date(record.expiresAt),
      },
    };
  }

  const bumpGeneration = (userId: string): number => {
    const generation = (generations.get(userId) ?? 0) + 1;
    generations.set(userId, generation);
    return generation;
  };

  return {
    async issue({ userId, clientId, expiresAt }) {
      const secret = randomTestSecret();
      const tokenId = await testDigest(secret);
      // Bumping the generation first kills every older secret before the new one exists.
      const generation = bumpGeneration(userId);
      records.set(tokenId, {
        userId,
        clientId,
        issuedAt: clock.now().getTime(),
        expiresAt: expiresAt.getTime(),
        generation,
        state: 'active',
        failedAttempts: 0,
      });
      return { secret, tokenId, expiresAt };
    },

    async inspectById(tokenId) {
      if (!tokenIdPattern.test(tokenId)) return { status: 'unknown' };
      const record = readRecord(tokenId);
      return toLookup(stateOf(record), record);
    },

    async inspect(secret) {
      const record = readRecord(await testDigest(secret));
      return toLookup(stateOf(record), record);
    },

    async consume(secret) {
      const record = readRecord(await testDigest(secret));
      // From here to the return nothing awaits: of concurrent calls exactly one sees `active`.
      const state = stateOf(record);
      if (state === 'active' && record) record.state = 'used';
      return toLookup(state, record);
    },

    async recordFailedAttempt(secret, maxFailedAttempts) {
      const record = readRecord(await testDigest(secret));
      if (!record || record.state === 'used') return { locked: false };
      if (record.state === 'locked') return { locked: true };
      record.failedAttempts += 1;
      if (record.failedAttempts >= maxFailedAttempts) record.state = 'locked';
      return { locked: record.state === 'locked' };
    },

    async revokeAllForUser(userId) {
      bumpGeneration(userId);
    },
  };
}
