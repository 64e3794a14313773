import { describe, expect, it } from 'vitest';
import { DEFAULT_SECRET_RESERVATION_SECONDS } from '../../engine/reset-token-port.js';
import type { ResetTokenStore } from '../../engine/ports.js';
import { controllableClock, type ControllableClock } from '../controllable-clock.js';

/**
 * Builds a fresh, empty store that reads time from `clock`, and whose reservations last
 * `reservationSeconds` (the suite passes DEFAULT_SECRET_RESERVATION_SECONDS).
 */
export type MakeResetTokenStore = (options: {
  readonly clock: ControllableClock;
  readonly reservationSeconds: number;
}) => Promise<ResetTokenStore>;

const HOUR_MS = 3600 * 1000;
/** The directory the suite's users are in unless a test is about directories. */
const DIRECTORY = 'dir_a';

/** What every ResetTokenStore must do, as its port's doc comments state. One call per adapter. */
export function describeResetTokenStoreConformance(adapterName: string, makeStore: MakeResetTokenStore): void {
  describe(`${adapterName}: the reset token store contract`, () => {
    async function fresh() {
      const clock = controllableClock(new Date());
      const store = await makeStore({ clock, reservationSeconds: DEFAULT_SECRET_RESERVATION_SECONDS });
      const issue = (userId = 'usr_1', clientId = 'cl_1', directory = DIRECTORY) =>
        store.issue({ userId, directory, clientId, expiresAt: new Date(clock.now().getTime() + HOUR_MS) });
      return { clock, store, issue };
    }

    it('issues a 256-bit base64url secret whose tokenId is not the secret, and reads it back active', async () => {
      const { clock, store, issue } = await fresh();
      const issuedAt = clock.now();
      const { secret, tokenId, expiresAt } = await issue('usr_1', 'cl_1');
      expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(tokenId).not.toBe(secret);
      const expected = {
        status: 'active',
        record: { userId: 'usr_1', directory: DIRECTORY, clientId: 'cl_1', issuedAt, expiresAt, writeUncertain: false },
      };
      expect(await store.inspect(secret)).toEqual(expected);
      expect(await store.inspectById(tokenId)).toEqual(expected);
    });

    it('knows nothing of a secret it did not issue, or of a malformed tokenId', async () => {
      const { store, issue } = await fresh();
      await issue();
      expect(await store.inspect('A'.repeat(43))).toEqual({ status: 'unknown' });
      expect(await store.consume('A'.repeat(43))).toEqual({ status: 'unknown' });
      expect(await store.reserve('A'.repeat(43))).toEqual({ status: 'unknown' });
      await store.release('A'.repeat(43));
      expect(await store.inspect('A'.repeat(43))).toEqual({ status: 'unknown' });
      expect(await store.inspectById('not a token id')).toEqual({ status: 'unknown' });
      expect(await store.recordFailedAttempt('A'.repeat(43), 3)).toEqual({ locked: false });
    });

    it('never consumes on inspection, and consumes a secret once', async () => {
      const { store, issue } = await fresh();
      const { secret, tokenId } = await issue();
      await store.inspect(secret);
      await store.inspectById(tokenId);
      expect(await store.consume(secret)).toMatchObject({ status: 'active', record: { userId: 'usr_1' } });
      expect(await store.consume(secret)).toEqual({ status: 'used' });
      expect(await store.inspect(secret)).toEqual({ status: 'used' });
      expect(await store.inspectById(tokenId)).toEqual({ status: 'used' });
    });

    it('lets exactly one of 20 concurrent consumptions of one secret see it active', async () => {
      const { store, issue } = await fresh();
      const { secret } = await issue();
      const results = await Promise.all(Array.from({ length: 20 }, () => store.consume(secret)));
      expect(results.filter((result) => result.status === 'active')).toHaveLength(1);
      expect(results.filter((result) => result.status === 'used')).toHaveLength(19);
    });

    it('stops a secret working at its expiry instant, and tells it apart from an unknown one', async () => {
      const { clock, store, issue } = await fresh();
      const { secret, tokenId } = await issue();
      clock.advanceSeconds(3600 - 0.001);
      expect((await store.inspect(secret)).status).toBe('active');
      clock.advanceSeconds(0.001);
      expect(await store.inspect(secret)).toEqual({ status: 'expired' });
      expect(await store.inspectById(tokenId)).toEqual({ status: 'expired' });
      expect(await store.consume(secret)).toEqual({ status: 'expired' });
    });

    it('kills a user’s older secret when a newer one is issued, and no other user’s', async () => {
      const { store, issue } = await fresh();
      const older = await issue('usr_1');
      const otherUser = await issue('usr_2');
      const newer = await issue('usr_1');
      expect(await store.inspect(older.secret)).toEqual({ status: 'superseded' });
      expect(await store.inspectById(older.tokenId)).toEqual({ status: 'superseded' });
      expect((await store.consume(older.secret)).status).not.toBe('active');
      expect((await store.inspect(newer.secret)).status).toBe('active');
      expect((await store.inspect(otherUser.secret)).status).toBe('active');
    });

    it('kills every outstanding secret of a user on revokeAllForUser, and only that user’s', async () => {
      const { store, issue } = await fresh();
      const mine = await issue('usr_1');
      const theirs = await issue('usr_2');
      await store.revokeAllForUser({ directory: DIRECTORY, userId: 'usr_1' });
      expect(await store.inspect(mine.secret)).toEqual({ status: 'superseded' });
      expect((await store.consume(mine.secret)).status).not.toBe('active');
      expect((await store.inspect(theirs.secret)).status).toBe('active');
    });

    it('lists a user’s working secrets only: not a superseded, used, expired or other user’s one', async () => {
      const { clock, store, issue } = await fresh();
      const user = { directory: DIRECTORY, userId: 'usr_1' };
      expect(await store.listActiveForUser(user)).toEqual([]);
      await issue('usr_1', 'cl_1');
      await issue('usr_2', 'cl_1');
      const issuedAt = clock.now();
      const latest = await issue('usr_1', 'cl_2');
      const listed = [
        { userId: 'usr_1', directory: DIRECTORY, clientId: 'cl_2', issuedAt, expiresAt: latest.expiresAt, writeUncertain: false },
      ];
      expect(await store.listActiveForUser(user)).toEqual(listed);
      expect(await store.listActiveForUser({ directory: 'dir_b', userId: 'usr_1' })).toEqual([]);
      clock.advanceSeconds(3600);
      expect(await store.listActiveForUser(user)).toEqual([]);
      const used = await issue('usr_1');
      await store.consume(used.secret);
      expect(await store.listActiveForUser(user)).toEqual([]);
      await issue('usr_1');
      await store.revokeAllForUser(user);
      expect(await store.listActiveForUser(user)).toEqual([]);
    });

    it('locks a secret for good at the maximum of failed attempts', async () => {
      const { store, issue } = await fresh();
      const { secret, tokenId } = await issue();
      expect(await store.recordFailedAttempt(secret, 3)).toEqual({ locked: false });
      expect(await store.recordFailedAttempt(secret, 3)).toEqual({ locked: false });
      expect((await store.inspect(secret)).status).toBe('active');
      expect(await store.recordFailedAttempt(secret, 3)).toEqual({ locked: true });
      expect(await store.inspect(secret)).toEqual({ status: 'locked' });
      expect(await store.inspectById(tokenId)).toEqual({ status: 'locked' });
      expect(await store.consume(secret)).toEqual({ status: 'locked' });
      expect(await store.recordFailedAttempt(secret, 3)).toEqual({ locked: true });
    });

    it('counts no failed attempt against a used secret', async () => {
      const { store, issue } = await fresh();
      const { secret } = await issue();
      await store.consume(secret);
      expect(await store.recordFailedAttempt(secret, 1)).toEqual({ locked: false });
      expect(await store.inspect(secret)).toEqual({ status: 'used' });
    });

    it('keeps the same user id in two directories apart: two users, two generations', async () => {
      const { store, issue } = await fresh();
      const inA = await issue('1', 'cl_1', 'dir_a');
      const inB = await issue('1', 'cl_2', 'dir_b');
      expect(await store.inspect(inA.secret)).toMatchObject({ status: 'active', record: { userId: '1', directory: 'dir_a' } });
      expect(await store.inspect(inB.secret)).toMatchObject({ status: 'active', record: { userId: '1', directory: 'dir_b' } });
      await store.revokeAllForUser({ directory: 'dir_b', userId: '1' });
      expect(await store.inspect(inB.secret)).toEqual({ status: 'superseded' });
      expect((await store.inspect(inA.secret)).status).toBe('active');
      // A newer secret of B's user 1 does not supersede A's either.
      await issue('1', 'cl_2', 'dir_b');
      expect((await store.inspect(inA.secret)).status).toBe('active');
    });

    it('reserves an active secret for one caller: it reads as used until released, then works again', async () => {
      const { store, issue } = await fresh();
      const { secret, tokenId } = await issue();
      expect(await store.reserve(secret)).toMatchObject({ status: 'active', record: { userId: 'usr_1', directory: DIRECTORY } });
      expect(await store.reserve(secret)).toEqual({ status: 'used' });
      expect(await store.inspect(secret)).toEqual({ status: 'used' });
      expect(await store.inspectById(tokenId)).toEqual({ status: 'used' });
      expect(await store.recordFailedAttempt(secret, 1)).toEqual({ locked: false });
      await store.release(secret);
      expect((await store.inspect(secret)).status).toBe('active');
      expect((await store.reserve(secret)).status).toBe('active');
    });

    it('remembers a release after a write that may have landed, on every read, until the secret is consumed', async () => {
      const { store, issue } = await fresh();
      const { secret, tokenId } = await issue();
      await store.reserve(secret);
      await store.release(secret, { writeUncertain: true });
      expect(await store.inspect(secret)).toMatchObject({ status: 'active', record: { writeUncertain: true } });
      expect(await store.inspectById(tokenId)).toMatchObject({ status: 'active', record: { writeUncertain: true } });
      // A later failure that surely did not land does not clear it: the earlier write may still have.
      expect(await store.reserve(secret)).toMatchObject({ status: 'active', record: { writeUncertain: true } });
      await store.release(secret);
      expect(await store.inspect(secret)).toMatchObject({ status: 'active', record: { writeUncertain: true } });
      await store.reserve(secret);
      expect(await store.consume(secret)).toMatchObject({ status: 'active', record: { writeUncertain: true } });
      expect(await store.inspect(secret)).toEqual({ status: 'used' });
    });

    it('does not mark a plain release, nor a secret it did not reserve, as an uncertain write', async () => {
      const { store, issue } = await fresh();
      const plain = await issue('usr_plain');
      await store.reserve(plain.secret);
      await store.release(plain.secret);
      expect(await store.inspect(plain.secret)).toMatchObject({ status: 'active', record: { writeUncertain: false } });
      // Only a reserved secret is released: an active one stays as it was, flag included.
      const unreserved = await issue('usr_unreserved');
      await store.release(unreserved.secret, { writeUncertain: true });
      expect(await store.inspect(unreserved.secret)).toMatchObject({ status: 'active', record: { writeUncertain: false } });
    });

    it('consumes a reserved secret for good: release after consume revives nothing', async () => {
      const { store, issue } = await fresh();
      const { secret } = await issue();
      await store.reserve(secret);
      expect(await store.consume(secret)).toMatchObject({ status: 'active', record: { userId: 'usr_1' } });
      await store.release(secret);
      expect(await store.inspect(secret)).toEqual({ status: 'used' });
      expect(await store.reserve(secret)).toEqual({ status: 'used' });
      expect(await store.consume(secret)).toEqual({ status: 'used' });
    });

    it('lets exactly one of 20 concurrent reservations of one secret see it active; the others see used', async () => {
      const { store, issue } = await fresh();
      const { secret } = await issue();
      const results = await Promise.all(Array.from({ length: 20 }, () => store.reserve(secret)));
      expect(results.filter((result) => result.status === 'active')).toHaveLength(1);
      expect(results.filter((result) => result.status === 'used')).toHaveLength(19);
    });

    it('frees a reservation whose lease ran out, so a crashed completion does not kill the link', async () => {
      const { clock, store, issue } = await fresh();
      const { secret } = await issue();
      await store.reserve(secret);
      clock.advanceSeconds(DEFAULT_SECRET_RESERVATION_SECONDS - 1);
      expect(await store.reserve(secret)).toEqual({ status: 'used' });
      clock.advanceSeconds(1);
      expect((await store.inspect(secret)).status).toBe('active');
      expect((await store.reserve(secret)).status).toBe('active');
    });

    it('reserves neither a used, a locked nor an expired secret, and release revives none', async () => {
      const { clock, store, issue } = await fresh();
      const used = await issue('usr_used');
      await store.consume(used.secret);
      const locked = await issue('usr_locked');
      await store.recordFailedAttempt(locked.secret, 1);
      const expiring = await issue('usr_expiring');
      clock.advanceSeconds(3600);
      const expected = [
        [used.secret, 'used'],
        [locked.secret, 'locked'],
        [expiring.secret, 'expired'],
      ] as const;
      for (const [secret, status] of expected) {
        expect(await store.reserve(secret)).toEqual({ status });
        await store.release(secret);
        expect(await store.inspect(secret)).toEqual({ status });
      }
    });

    it('leaves a superseded secret superseded when reserved before its expiry', async () => {
      const { store, issue } = await fresh();
      const older = await issue();
      await issue();
      expect(await store.reserve(older.secret)).toEqual({ status: 'superseded' });
      await store.release(older.secret);
      expect(await store.inspect(older.secret)).toEqual({ status: 'superseded' });
    });

    it('answers reserve and consume the same with the expected owner as without, even when it names another user', async () => {
      const { store, issue } = await fresh();
      const owner = { directory: DIRECTORY, userId: 'usr_1' };
      const stranger = { directory: DIRECTORY, userId: 'usr_2' };
      const older = await issue('usr_1');
      const newer = await issue('usr_1');
      expect(await store.reserve(older.secret, owner)).toEqual({ status: 'superseded' });
      await store.release(older.secret);
      // A wrong expectation hides nothing: the record's own user is checked.
      expect(await store.reserve(older.secret, stranger)).toEqual({ status: 'superseded' });
      await store.release(older.secret);
      expect(await store.consume(older.secret, stranger)).toEqual({ status: 'superseded' });
      const reserved = await store.reserve(newer.secret, stranger);
      expect(reserved).toMatchObject({ status: 'active', record: { userId: 'usr_1', directory: DIRECTORY } });
      expect(await store.consume(newer.secret, owner)).toEqual(reserved);
      expect(await store.consume(newer.secret, owner)).toEqual({ status: 'used' });
      // A newer secret issued between a reservation and its consumption is seen by the consumption.
      const third = await issue('usr_1');
      expect((await store.reserve(third.secret, owner)).status).toBe('active');
      await issue('usr_1');
      expect(await store.consume(third.secret, owner)).toEqual({ status: 'superseded' });
    });
  });
}
