import { DEFAULT_SECRET_RESERVATION_SECONDS } from '../engine/reset-token-port.js';
import type {
  Clock,
  DisputeStore,
  IssuedResetSecret,
  IssueResetSecretInput,
  ResetTokenLookup,
  ResetTokenStore,
  UserRef,
} from '../engine/ports.js';
import { randomTestSecret, testDigest } from './test-digest.js';

export interface InMemoryResetTokenStoreOptions {
  readonly clock: Clock;
  /** Seconds a record outlives its secret's expiry, to tell "expired" or "used" from "unknown". Default one day, as Redis. */
  readonly tombstoneSeconds?: number;
  /** Seconds a reservation holds a secret (see ResetTokenStore.reserve). Default DEFAULT_SECRET_RESERVATION_SECONDS. */
  readonly reservationSeconds?: number;
  /** Where a dispute's lock of a user's resets is read (issueUnlessResetsLocked): the dispute store of the same ports. */
  readonly resetLocks: Pick<DisputeStore, 'resetLockOf'>;
}

interface StoredToken {
  readonly userId: string;
  readonly directory: string;
  readonly clientId: string;
  readonly issuedAt: number;
  readonly expiresAt: number;
  readonly generation: number;
  state: 'active' | 'reserved' | 'used' | 'locked';
  /** While `reserved`: the instant the reservation's lease runs out (ms). */
  reservedUntil: number;
  failedAttempts: number;
  /** Set by a release after a write that may have landed; kept until consumed. */
  writeUncertain: boolean;
}

type TokenState = 'active' | 'used' | 'locked' | 'expired' | 'unknown';

/** A user's generations are kept by directory and id together: the same id in two directories is two users. */
const userKey = ({ directory, userId }: UserRef) => `${directory}:${userId}`;

/**
 * The reset store of the Redis adapter, in a Map: records keyed by a digest of the secret (never
 * the secret), a per-user generation that kills older secrets, and each state change done in one
 * synchronous step after the last await, so it is atomic as the Redis Lua scripts are.
 */
export function inMemoryResetTokenStore({
  clock,
  tombstoneSeconds = 86_400,
  reservationSeconds = DEFAULT_SECRET_RESERVATION_SECONDS,
  resetLocks,
}: InMemoryResetTokenStoreOptions): ResetTokenStore {
  const records = new Map<string, StoredToken>();
  const generations = new Map<string, number>();
  const tokenIdPattern = /^[A-Za-z0-9_-]{43}$/;
  const nowMs = () => clock.now().getTime();

  /** The record while Redis would still hold it (its TTL is the lifetime plus the tombstone). */
  function readRecord(tokenId: string): StoredToken | null {
    const record = records.get(tokenId);
    if (!record) return null;
    const lifetimeMs = Math.max(1, record.expiresAt - record.issuedAt);
    if (nowMs() >= record.issuedAt + lifetimeMs + tombstoneSeconds * 1000) {
      records.delete(tokenId);
      return null;
    }
    return record;
  }

  /** A reservation reads as `used` while its lease runs, and as `active` once it ran out. */
  function stateOf(record: StoredToken | null): TokenState {
    if (record === null) return 'unknown';
    if (record.state === 'reserved' && nowMs() < record.reservedUntil) return 'used';
    if (record.state !== 'active' && record.state !== 'reserved') return record.state;
    return nowMs() >= record.expiresAt ? 'expired' : 'active';
  }

  function toLookup(state: TokenState, record: StoredToken | null): ResetTokenLookup {
    if (state !== 'active' || record === null) return { status: state === 'active' ? 'unknown' : state };
    if (record.generation !== (generations.get(userKey(record)) ?? 0)) return { status: 'superseded' };
    return {
      status: 'active',
      record: {
        userId: record.userId,
        directory: record.directory,
        clientId: record.clientId,
        issuedAt: new Date(record.issuedAt),
        expiresAt: new Date(record.expiresAt),
        writeUncertain: record.writeUncertain,
      },
    };
  }

  const bumpGeneration = (user: UserRef): number => {
    const generation = (generations.get(userKey(user)) ?? 0) + 1;
    generations.set(userKey(user), generation);
    return generation;
  };

  async function issue({ userId, directory, clientId, expiresAt }: IssueResetSecretInput): Promise<IssuedResetSecret> {
    const secret = randomTestSecret();
    const tokenId = await testDigest(secret);
    // Bumping the generation first kills every older secret before the new one exists.
    const generation = bumpGeneration({ directory, userId });
    records.set(tokenId, {
      userId,
      directory,
      clientId,
      issuedAt: nowMs(),
      expiresAt: expiresAt.getTime(),
      generation,
      state: 'active',
      reservedUntil: 0,
      failedAttempts: 0,
      writeUncertain: false,
    });
    return { secret, tokenId, expiresAt };
  }

  return {
    issue,

    async issueUnlessResetsLocked(input) {
      const lockedUntil = await resetLocks.resetLockOf(input);
      return lockedUntil === null ? { status: 'issued', ...(await issue(input)) } : { status: 'dispute-locked', lockedUntil };
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

    async reserve(secret) {
      const record = readRecord(await testDigest(secret));
      // From here to the return nothing awaits: of concurrent calls exactly one sees `active`.
      const state = stateOf(record);
      if (state === 'active' && record) {
        record.state = 'reserved';
        record.reservedUntil = nowMs() + reservationSeconds * 1000;
      }
      return toLookup(state, record);
    },

    async release(secret, options = {}) {
      const record = readRecord(await testDigest(secret));
      if (record?.state !== 'reserved') return;
      record.state = 'active';
      if (options.writeUncertain) record.writeUncertain = true;
    },

    async consume(secret) {
      const record = readRecord(await testDigest(secret));
      // A reservation was granted to a live secret and is its holder's to consume, however long the
      // write took (its lease running or run out alike). Nothing awaits from here to the return.
      const state = record?.state === 'reserved' ? 'active' : stateOf(record);
      if (state === 'active' && record) record.state = 'used';
      return toLookup(state, record);
    },

    async recordFailedAttempt(secret, maxFailedAttempts) {
      const record = readRecord(await testDigest(secret));
      if (!record || record.state === 'used' || record.state === 'reserved') return { locked: false };
      if (record.state === 'locked') return { locked: true };
      record.failedAttempts += 1;
      if (record.failedAttempts >= maxFailedAttempts) record.state = 'locked';
      return { locked: record.state === 'locked' };
    },

    async revokeAllForUser(user) {
      bumpGeneration(user);
    },

    async listActiveForUser(user) {
      const active = [];
      for (const [tokenId, record] of records) {
        if (userKey(record) !== userKey(user)) continue;
        const lookup = toLookup(stateOf(readRecord(tokenId)), readRecord(tokenId));
        if (lookup.status === 'active') active.push(lookup.record);
      }
      return active.sort((a, b) => a.issuedAt.getTime() - b.issuedAt.getTime());
    },
  };
}
