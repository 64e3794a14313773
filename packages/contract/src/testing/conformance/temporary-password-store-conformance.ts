import { describe, expect, it } from 'vitest';
import { DEFAULT_SECRET_RESERVATION_SECONDS } from '../../engine/reset-token-port.js';
import type { TemporaryPasswordStore, UserRef } from '../../engine/ports.js';
import { controllableClock, type ControllableClock } from '../controllable-clock.js';

/** Builds a fresh, empty store that reads time from `clock`, whose reservations last `reservationSeconds`. */
export type MakeTemporaryPasswordStore = (options: {
  readonly clock: ControllableClock;
  readonly reservationSeconds: number;
}) => Promise<TemporaryPasswordStore>;

const HOUR_MS = 3600 * 1000;
/** The directory the suite's users are in unless a test is about directories. */
const DIRECTORY = 'dir_a';
/** A user of the suite's directory. */
const userOf = (userId: string): UserRef => ({ directory: DIRECTORY, userId });

/** A code that differs from `code` in its first character. */
const wrongCodeFor = (code: string) => (code.startsWith('2') ? `3${code.slice(1)}` : `2${code.slice(1)}`);

/** What every TemporaryPasswordStore must do, as its port's doc comments state. One call per adapter. */
export function describeTemporaryPasswordStoreConformance(adapterName: string, makeStore: MakeTemporaryPasswordStore): void {
  describe(`${adapterName}: the temporary password store contract`, () => {
    async function fresh() {
      const clock = controllableClock(new Date());
      const store = await makeStore({ clock, reservationSeconds: DEFAULT_SECRET_RESERVATION_SECONDS });
      const expiresAt = new Date(clock.now().getTime() + HOUR_MS);
      const issue = (userId = 'usr_1', clientId = 'cl_1', directory = DIRECTORY) => store.issue({ userId, directory, clientId, expiresAt });
      return { clock, store, issue, expiresAt };
    }

    it('issues a 10-character code without look-alikes, found with or without the account', async () => {
      const { store, issue, expiresAt } = await fresh();
      const { code, codeId } = await issue();
      expect(code).toMatch(/^[2-9A-HJKMNP-Z]{10}$/);
      expect(codeId).not.toContain(code);
      const active = {
        status: 'active',
        record: { userId: 'usr_1', directory: DIRECTORY, clientId: 'cl_1', expiresAt, writeUncertain: false },
      };
      expect(await store.verify({ code, user: userOf('usr_1'), maxFailedAttempts: 3 })).toEqual(active);
      expect(await store.verify({ code, maxFailedAttempts: 3 })).toEqual(active);
      expect(await store.inspectById(codeId, userOf('usr_1'))).toEqual(active);
    });

    it('accepts a code typed in lower case and with spaces', async () => {
      const { store, issue } = await fresh();
      const { code } = await issue();
      const typed = ` ${code.slice(0, 5).toLowerCase()} ${code.slice(5)} `;
      expect((await store.verify({ code: typed, maxFailedAttempts: 3 })).status).toBe('active');
      expect((await store.consume({ code: typed, user: userOf('usr_1') })).status).toBe('active');
    });

    it('counts wrong codes against the named account’s code and locks it at the maximum', async () => {
      const { store, issue } = await fresh();
      const { code, codeId } = await issue();
      const wrong = wrongCodeFor(code);
      expect(await store.verify({ code: wrong, user: userOf('usr_1'), maxFailedAttempts: 3 })).toEqual({ status: 'mismatch' });
      expect(await store.verify({ code: wrong, user: userOf('usr_1'), maxFailedAttempts: 3 })).toEqual({ status: 'mismatch' });
      expect(await store.verify({ code: wrong, user: userOf('usr_1'), maxFailedAttempts: 3 })).toEqual({ status: 'locked' });
      expect(await store.verify({ code, user: userOf('usr_1'), maxFailedAttempts: 3 })).toEqual({ status: 'locked' });
      expect(await store.consume({ code, user: userOf('usr_1') })).toEqual({ status: 'locked' });
      expect(await store.inspectById(codeId, userOf('usr_1'))).toEqual({ status: 'locked' });
    });

    it('answers unknown for a wrong code without an account, counting nothing', async () => {
      const { store, issue } = await fresh();
      const { code } = await issue();
      expect(await store.verify({ code: wrongCodeFor(code), maxFailedAttempts: 1 })).toEqual({ status: 'unknown' });
      expect(await store.verify({ code: wrongCodeFor(code), user: userOf('usr_nobody'), maxFailedAttempts: 1 })).toEqual({
        status: 'unknown',
      });
      expect((await store.verify({ code, user: userOf('usr_1'), maxFailedAttempts: 1 })).status).toBe('active');
    });

    it('consumes a code once, and only with the code and the account it belongs to', async () => {
      const { store, issue } = await fresh();
      const { code, codeId } = await issue('usr_1');
      expect(await store.consume({ code: wrongCodeFor(code), user: userOf('usr_1') })).toEqual({ status: 'unknown' });
      expect(await store.consume({ code, user: userOf('usr_2') })).toEqual({ status: 'unknown' });
      expect(await store.consume({ code, user: userOf('usr_1') })).toMatchObject({
        status: 'active',
        record: { userId: 'usr_1', directory: DIRECTORY, clientId: 'cl_1' },
      });
      expect(await store.consume({ code, user: userOf('usr_1') })).toEqual({ status: 'used' });
      expect(await store.verify({ code, maxFailedAttempts: 3 })).toEqual({ status: 'used' });
      expect(await store.inspectById(codeId, userOf('usr_1'))).toEqual({ status: 'used' });
    });

    it('lets exactly one of 20 concurrent consumptions of one code see it active', async () => {
      const { store, issue } = await fresh();
      const { code } = await issue();
      const results = await Promise.all(Array.from({ length: 20 }, () => store.consume({ code, user: userOf('usr_1') })));
      expect(results.filter((result) => result.status === 'active')).toHaveLength(1);
      expect(results.filter((result) => result.status === 'used')).toHaveLength(19);
    });

    it('replaces a user’s older code with a newer one, and leaves other users’ codes alone', async () => {
      const { store, issue } = await fresh();
      const older = await issue('usr_1');
      const theirs = await issue('usr_2');
      const newer = await issue('usr_1');
      expect(await store.verify({ code: older.code, maxFailedAttempts: 3 })).toEqual({ status: 'unknown' });
      expect(await store.inspectById(older.codeId, userOf('usr_1'))).toEqual({ status: 'unknown' });
      expect((await store.verify({ code: newer.code, maxFailedAttempts: 3 })).status).toBe('active');
      expect((await store.verify({ code: theirs.code, maxFailedAttempts: 3 })).status).toBe('active');
    });

    it('kills a user’s code on revokeForUser, and only that user’s', async () => {
      const { store, issue } = await fresh();
      const mine = await issue('usr_1');
      const theirs = await issue('usr_2');
      await store.revokeForUser(userOf('usr_1'));
      await store.revokeForUser(userOf('usr_nobody'));
      expect(await store.verify({ code: mine.code, maxFailedAttempts: 3 })).toEqual({ status: 'unknown' });
      expect(await store.consume({ code: mine.code, user: userOf('usr_1') })).toEqual({ status: 'unknown' });
      expect(await store.inspectById(mine.codeId, userOf('usr_1'))).toEqual({ status: 'unknown' });
      expect((await store.verify({ code: theirs.code, maxFailedAttempts: 3 })).status).toBe('active');
    });

    it('leaves a used code to say it was used when revokeForUser comes after', async () => {
      const { store, issue } = await fresh();
      const { code } = await issue('usr_1');
      await store.consume({ code, user: userOf('usr_1') });
      await store.revokeForUser(userOf('usr_1'));
      expect(await store.verify({ code, maxFailedAttempts: 3 })).toEqual({ status: 'used' });
    });

    it('stops a code working at its expiry instant', async () => {
      const { clock, store, issue } = await fresh();
      const { code, codeId } = await issue();
      clock.advanceSeconds(3600 - 0.001);
      expect((await store.verify({ code, maxFailedAttempts: 3 })).status).toBe('active');
      clock.advanceSeconds(0.001);
      expect(await store.verify({ code, user: userOf('usr_1'), maxFailedAttempts: 3 })).toEqual({ status: 'expired' });
      expect(await store.inspectById(codeId, userOf('usr_1'))).toEqual({ status: 'expired' });
      expect(await store.consume({ code, user: userOf('usr_1') })).toEqual({ status: 'expired' });
    });

    it('keeps the same user id in two directories apart: two users, two codes', async () => {
      const { store, issue } = await fresh();
      const inA = await issue('1', 'cl_1', 'dir_a');
      const inB = await issue('1', 'cl_2', 'dir_b');
      const userA = { directory: 'dir_a', userId: '1' };
      const userB = { directory: 'dir_b', userId: '1' };
      expect(await store.verify({ code: inA.code, maxFailedAttempts: 3 })).toMatchObject({
        status: 'active',
        record: { userId: '1', directory: 'dir_a', clientId: 'cl_1' },
      });
      expect(await store.verify({ code: inB.code, maxFailedAttempts: 3 })).toMatchObject({
        status: 'active',
        record: { userId: '1', directory: 'dir_b', clientId: 'cl_2' },
      });
      // A's code is no code of B's user 1: not found with that user, not reserved, not consumed.
      expect(await store.verify({ code: inA.code, user: userB, maxFailedAttempts: 3 })).toEqual({ status: 'mismatch' });
      expect(await store.reserve({ code: inA.code, user: userB })).toEqual({ status: 'unknown' });
      expect(await store.consume({ code: inA.code, user: userB })).toEqual({ status: 'unknown' });
      expect(await store.inspectById(inA.codeId, userB)).toEqual({ status: 'unknown' });
      await store.revokeForUser(userB);
      expect((await store.verify({ code: inB.code, maxFailedAttempts: 3 })).status).toBe('unknown');
      expect((await store.verify({ code: inA.code, user: userA, maxFailedAttempts: 3 })).status).toBe('active');
    });

    it('reserves an active code for one caller: it reads as used until released, then works again', async () => {
      const { store, issue } = await fresh();
      const { code, codeId } = await issue();
      const user = userOf('usr_1');
      expect(await store.reserve({ code: wrongCodeFor(code), user })).toEqual({ status: 'unknown' });
      expect(await store.reserve({ code, user })).toMatchObject({ status: 'active', record: { userId: 'usr_1', directory: DIRECTORY } });
      expect(await store.reserve({ code, user })).toEqual({ status: 'used' });
      expect(await store.verify({ code, maxFailedAttempts: 3 })).toEqual({ status: 'used' });
      expect(await store.inspectById(codeId, user)).toEqual({ status: 'used' });
      await store.release({ code, user });
      expect((await store.verify({ code, user, maxFailedAttempts: 3 })).status).toBe('active');
      expect((await store.reserve({ code, user })).status).toBe('active');
    });

    it('remembers a release after a write that may have landed, on every read, until the code is consumed', async () => {
      const { store, issue } = await fresh();
      const { code, codeId } = await issue();
      const user = userOf('usr_1');
      await store.reserve({ code, user });
      // A wrong code releases nothing, and marks nothing.
      await store.release({ code: wrongCodeFor(code), user, writeUncertain: true });
      expect(await store.verify({ code, maxFailedAttempts: 3 })).toEqual({ status: 'used' });
      await store.release({ code, user, writeUncertain: true });
      const uncertain = { status: 'active', record: { userId: 'usr_1', writeUncertain: true } };
      expect(await store.verify({ code, maxFailedAttempts: 3 })).toMatchObject(uncertain);
      expect(await store.verify({ code, user, maxFailedAttempts: 3 })).toMatchObject(uncertain);
      expect(await store.inspectById(codeId, user)).toMatchObject(uncertain);
      // A later failure that surely did not land does not clear it: the earlier write may still have.
      expect(await store.reserve({ code, user })).toMatchObject(uncertain);
      await store.release({ code, user });
      expect(await store.verify({ code, user, maxFailedAttempts: 3 })).toMatchObject(uncertain);
      await store.reserve({ code, user });
      expect(await store.consume({ code, user })).toMatchObject(uncertain);
      expect(await store.verify({ code, user, maxFailedAttempts: 3 })).toEqual({ status: 'used' });
    });

    it('does not mark a plain release, nor a code it did not reserve, as an uncertain write', async () => {
      const { store, issue } = await fresh();
      const plain = await issue('usr_plain');
      await store.reserve({ code: plain.code, user: userOf('usr_plain') });
      await store.release({ code: plain.code, user: userOf('usr_plain') });
      const certain = { status: 'active', record: { writeUncertain: false } };
      expect(await store.verify({ code: plain.code, maxFailedAttempts: 3 })).toMatchObject(certain);
      const unreserved = await issue('usr_unreserved');
      await store.release({ code: unreserved.code, user: userOf('usr_unreserved'), writeUncertain: true });
      expect(await store.verify({ code: unreserved.code, maxFailedAttempts: 3 })).toMatchObject(certain);
    });

    it('consumes a reserved code for good: release after consume revives nothing', async () => {
      const { store, issue } = await fresh();
      const { code } = await issue();
      const user = userOf('usr_1');
      await store.reserve({ code, user });
      expect(await store.consume({ code, user })).toMatchObject({ status: 'active', record: { userId: 'usr_1' } });
      await store.release({ code, user });
      expect(await store.verify({ code, maxFailedAttempts: 3 })).toEqual({ status: 'used' });
      expect(await store.reserve({ code, user })).toEqual({ status: 'used' });
    });

    it('lets exactly one of 20 concurrent reservations of one code see it active; the others see used', async () => {
      const { store, issue } = await fresh();
      const { code } = await issue();
      const results = await Promise.all(Array.from({ length: 20 }, () => store.reserve({ code, user: userOf('usr_1') })));
      expect(results.filter((result) => result.status === 'active')).toHaveLength(1);
      expect(results.filter((result) => result.status === 'used')).toHaveLength(19);
    });

    it('frees a reservation whose lease ran out, so a crashed completion does not kill the code', async () => {
      const { clock, store, issue } = await fresh();
      const { code } = await issue();
      const user = userOf('usr_1');
      await store.reserve({ code, user });
      clock.advanceSeconds(DEFAULT_SECRET_RESERVATION_SECONDS - 1);
      expect(await store.reserve({ code, user })).toEqual({ status: 'used' });
      clock.advanceSeconds(1);
      expect((await store.verify({ code, maxFailedAttempts: 3 })).status).toBe('active');
      expect((await store.reserve({ code, user })).status).toBe('active');
    });

    it('reserves neither a locked nor an expired code, and release revives neither', async () => {
      const { clock, store, issue } = await fresh();
      const locked = await issue('usr_locked');
      await store.verify({ code: wrongCodeFor(locked.code), user: userOf('usr_locked'), maxFailedAttempts: 1 });
      const expiring = await issue('usr_expiring');
      clock.advanceSeconds(3600);
      for (const [code, userId, status] of [
        [locked.code, 'usr_locked', 'locked'],
        [expiring.code, 'usr_expiring', 'expired'],
      ] as const) {
        expect(await store.reserve({ code, user: userOf(userId) })).toEqual({ status });
        await store.release({ code, user: userOf(userId) });
        expect(await store.verify({ code, user: userOf(userId), maxFailedAttempts: 3 })).toEqual({ status });
      }
    });
  });
}
