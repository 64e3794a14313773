import { describe, expect, it } from 'vitest';
import type { ResetTokenStore } from '../../engine/ports.js';
import { controllableClock, type ControllableClock } from '../controllable-clock.js';

/** Builds a fresh, empty store that reads time from `clock`. */
export type MakeResetTokenStore = (options: { readonly clock: ControllableClock }) => Promise<ResetTokenStore>;

const HOUR_MS = 3600 * 1000;

/** What every ResetTokenStore must do, as its port's doc comments state. One call per adapter. */
export function describeResetTokenStoreConformance(adapterName: string, makeStore: MakeResetTokenStore): void {
  describe(`${adapterName}: the reset token store contract`, () => {
    async function fresh() {
      const clock = controllableClock(new Date());
      const store = await makeStore({ clock });
      const issue = (userId = 'usr_1', clientId = 'cl_1') =>
        store.issue({ userId, clientId, expiresAt: new Date(clock.now().getTime() + HOUR_MS) });
      return { clock, store, issue };
    }

    it('issues a 256-bit base64url secret whose tokenId is not the secret, and reads it back active', async () => {
      const { clock, store, issue } = await fresh();
      const issuedAt = clock.now();
      const { secret, tokenId, expiresAt } = await issue('usr_1', 'cl_1');
      expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(tokenId).not.toBe(secret);
      const expected = { status: 'active', record: { userId: 'usr_1', clientId: 'cl_1', issuedAt, expiresAt } };
      expect(await store.inspect(secret)).toEqual(expected);
      expect(await store.inspectById(tokenId)).toEqual(expected);
    });

    it('knows nothing of a secret it did not issue, or of a malformed tokenId', async () => {
      const { store, issue } = await fresh();
      await issue();
      expect(await store.inspect('A'.repeat(43))).toEqual({ status: 'unknown' });
      expect(await store.consume('A'.repeat(43))).toEqual({ status: 'unknown' });
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
      await store.revokeAllForUser('usr_1');
      expect(await store.inspect(mine.secret)).toEqual({ status: 'superseded' });
      expect((await store.consume(mine.secret)).status).not.toBe('active');
      expect((await store.inspect(theirs.secret)).status).toBe('active');
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
  });
}
