import { describe, expect, it } from 'vitest';
import { DISPUTE_SECRET_LIFETIME_SECONDS } from '../../engine/dispute-port.js';
import type { DisputeStore } from '../../engine/ports.js';
import { controllableClock, type ControllableClock } from '../controllable-clock.js';

/** Builds a fresh, empty store that reads time from `clock`. */
export type MakeDisputeStore = (options: { readonly clock: ControllableClock }) => Promise<DisputeStore>;

const DAY_MS = 86_400 * 1000;
const DIRECTORY = 'dir_a';

/** What every DisputeStore must do, as its port's doc comments state. One call per adapter. */
export function describeDisputeStoreConformance(adapterName: string, makeStore: MakeDisputeStore): void {
  describe(`${adapterName}: the dispute store contract`, () => {
    async function fresh() {
      const clock = controllableClock(new Date('2030-01-01T00:00:00.000Z'));
      const store = await makeStore({ clock });
      const changedAt = new Date(clock.now().getTime() - 1000);
      const issue = (userId = 'usr_1', directory = DIRECTORY) =>
        store.issue({
          userId,
          directory,
          clientId: 'cl_1',
          changedAt,
          expiresAt: new Date(changedAt.getTime() + DISPUTE_SECRET_LIFETIME_SECONDS * 1000),
        });
      return { clock, store, issue, changedAt };
    }

    it('issues a 256-bit base64url secret whose id is not the secret, and reads it back active without consuming it', async () => {
      const { store, issue, changedAt } = await fresh();
      const { secret, disputeId } = await issue();
      expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(disputeId).not.toBe(secret);
      const active = {
        status: 'active',
        record: {
          userId: 'usr_1',
          directory: DIRECTORY,
          clientId: 'cl_1',
          changedAt,
          expiresAt: new Date(changedAt.getTime() + DISPUTE_SECRET_LIFETIME_SECONDS * 1000),
        },
      };
      expect(await store.inspect(secret)).toEqual(active);
      expect(await store.inspect(secret)).toEqual(active);
    });

    it('knows nothing of a secret it did not issue', async () => {
      const { store, issue } = await fresh();
      await issue();
      expect(await store.inspect('A'.repeat(43))).toEqual({ status: 'unknown' });
      expect(await store.consume('A'.repeat(43))).toEqual({ status: 'unknown' });
    });

    it('consumes a secret once: of 20 concurrent consumes exactly one sees it active, and it reads as used after', async () => {
      const { store, issue } = await fresh();
      const { secret } = await issue();
      const results = await Promise.all(Array.from({ length: 20 }, () => store.consume(secret)));
      expect(results.filter((result) => result.status === 'active')).toHaveLength(1);
      expect(results.filter((result) => result.status === 'used')).toHaveLength(19);
      expect(await store.inspect(secret)).toEqual({ status: 'used' });
    });

    it('says a secret past its 7 days has expired, and cannot be consumed', async () => {
      const { clock, store, issue } = await fresh();
      const { secret } = await issue();
      clock.advanceSeconds(DISPUTE_SECRET_LIFETIME_SECONDS - 2);
      expect((await store.inspect(secret)).status).toBe('active');
      clock.advanceSeconds(1);
      expect(await store.inspect(secret)).toEqual({ status: 'expired' });
      expect(await store.consume(secret)).toEqual({ status: 'expired' });
    });

    it('locks a user’s resets until the given time, per directory, and never shortens a running lock', async () => {
      const { clock, store } = await fresh();
      const user = { directory: DIRECTORY, userId: 'usr_1' };
      expect(await store.resetLockOf(user)).toBeNull();
      const until = new Date(clock.now().getTime() + DAY_MS);
      await store.lockResets(user, until);
      expect(await store.resetLockOf(user)).toEqual(until);
      expect(await store.resetLockOf({ directory: 'dir_b', userId: 'usr_1' })).toBeNull();
      expect(await store.resetLockOf({ directory: DIRECTORY, userId: 'usr_2' })).toBeNull();
      await store.lockResets(user, new Date(clock.now().getTime() + 1000));
      expect(await store.resetLockOf(user)).toEqual(until);
      clock.advanceSeconds(DAY_MS / 1000);
      expect(await store.resetLockOf(user)).toBeNull();
    });

    it('lifts a running lock and says whether there was one', async () => {
      const { clock, store } = await fresh();
      const user = { directory: DIRECTORY, userId: 'usr_1' };
      expect(await store.liftResetLock(user)).toBe(false);
      await store.lockResets(user, new Date(clock.now().getTime() + DAY_MS));
      expect(await store.liftResetLock(user)).toBe(true);
      expect(await store.resetLockOf(user)).toBeNull();
      expect(await store.liftResetLock(user)).toBe(false);
    });
  });
}
