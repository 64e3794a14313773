import type { Clock, DisputeLookup, DisputeRecord, DisputeStore, UserRef } from '../engine/ports.js';
import { randomTestSecret, testDigest } from './test-digest.js';

export interface InMemoryDisputeStoreOptions {
  readonly clock: Clock;
  /** Seconds a record outlives its secret's expiry, to tell "expired" or "used" from "unknown". Default one day, as Redis. */
  readonly tombstoneSeconds?: number;
}

interface StoredDispute extends DisputeRecord {
  used: boolean;
}

const userKey = ({ directory, userId }: UserRef) => `${directory}:${userId}`;

/**
 * The dispute store of the Redis adapter, in Maps: records keyed by a digest of the secret (never
 * the secret), locks by user; each change done in one synchronous step after the last await, so it
 * is atomic as the Redis scripts are.
 */
export function inMemoryDisputeStore({ clock, tombstoneSeconds = 86_400 }: InMemoryDisputeStoreOptions): DisputeStore {
  const records = new Map<string, StoredDispute>();
  const locks = new Map<string, number>();
  const nowMs = () => clock.now().getTime();

  function lookup(record: StoredDispute | undefined): DisputeLookup {
    if (!record || nowMs() >= record.expiresAt.getTime() + tombstoneSeconds * 1000) return { status: 'unknown' };
    if (record.used) return { status: 'used' };
    if (nowMs() >= record.expiresAt.getTime()) return { status: 'expired' };
    const { used: _used, ...fields } = record;
    return { status: 'active', record: fields };
  }

  return {
    async issue({ userId, directory, clientId, changedAt, expiresAt }) {
      const secret = randomTestSecret();
      const disputeId = await testDigest(secret);
      records.set(disputeId, { userId, directory, clientId, changedAt, expiresAt, used: false });
      return { secret, disputeId };
    },
    async inspect(secret) {
      return lookup(records.get(await testDigest(secret)));
    },
    async consume(secret) {
      const record = records.get(await testDigest(secret));
      const found = lookup(record);
      if (found.status === 'active' && record) record.used = true;
      return found;
    },
    async lockResets(user, until) {
      const key = userKey(user);
      locks.set(key, Math.max(locks.get(key) ?? 0, until.getTime()));
    },
    async resetLockOf(user) {
      const until = locks.get(userKey(user));
      return until === undefined || until <= nowMs() ? null : new Date(until);
    },
    async liftResetLock(user) {
      const key = userKey(user);
      const until = locks.get(key);
      locks.delete(key);
      return until !== undefined && until > nowMs();
    },
  };
}
