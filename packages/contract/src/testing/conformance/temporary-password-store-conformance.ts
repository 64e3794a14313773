import { describe, expect, it } from 'vitest';
import type { TemporaryPasswordStore } from '../../engine/ports.js';
import { controllableClock, type ControllableClock } from '../controllable-clock.js';

/** Builds a fresh, empty store that reads time from `clock`. */
export type MakeTemporaryPasswordStore = (options: { readonly clock: ControllableClock }) => Promise<TemporaryPasswordStore>;

const HOUR_MS = 3600 * 1000;

/** A code that differs from `code` in its first character. */
const wrongCodeFor = (code: string) => (code.startsWith('2') ? `3${code.slice(1)}` : `2${code.slice(1)}`);

/** What every TemporaryPasswordStore must do, as its port's doc comments state. One call per adapter. */
export function describeTemporaryPasswordStoreConformance(adapterName: string, makeStore: MakeTemporaryPasswordStore): void {
  describe(`${adapterName}: the temporary password store contract`, () => {
    async function fresh() {
      const clock = controllableClock(new Date());
      const store = await makeStore({ clock });
      const expiresAt = new Date(clock.now().getTime() + HOUR_MS);
      const issue = (userId = 'usr_1', clientId = 'cl_1') => store.issue({ userId, clientId, expiresAt });
      return { clock, store, issue, expiresAt };
    }

    it('issues a 10-character code without look-alikes, found with or without the account', async () => {
      const { store, issue, expiresAt } = await fresh();
      const { code, codeId } = await issue();
      expect(code).toMatch(/^[2-9A-HJKMNP-Z]{10}$/);
      expect(codeId).not.toContain(code);
      const active = { status: 'active', record: { userId: 'usr_1', clientId: 'cl_1', expiresAt } };
      expect(await store.verify({ code, userId: 'usr_1', maxFailedAttempts: 3 })).toEqual(active);
      expect(await store.verify({ code, maxFailedAttempts: 3 })).toEqual(active);
      expect(await store.inspectById(codeId, 'usr_1')).toEqual(active);
    });

    it('accepts a code typed in lower case and with spaces', async () => {
      const { store, issue } = await fresh();
      const { code } = await issue();
      const typed = ` ${code.slice(0, 5).toLowerCase()} ${code.slice(5)} `;
      expect((await store.verify({ code: typed, maxFailedAttempts: 3 })).status).toBe('active');
      expect((await store.consume({ code: typed, userId: 'usr_1' })).status).toBe('active');
    });

    it('counts wrong codes against the named account’s code and locks it at the maximum', async () => {
      const { store, issue } = await fresh();
      const { code, codeId } = await issue();
      const wrong = wrongCodeFor(code);
      expect(await store.verify({ code: wrong, userId: 'usr_1', maxFailedAttempts: 3 })).toEqual({ status: 'mismatch' });
      expect(await store.verify({ code: wrong, userId: 'usr_1', maxFailedAttempts: 3 })).toEqual({ status: 'mismatch' });
      expect(await store.verify({ code: wrong, userId: 'usr_1', maxFailedAttempts: 3 })).toEqual({ status: 'locked' });
      expect(await store.verify({ code, userId: 'usr_1', maxFailedAttempts: 3 })).toEqual({ status: 'locked' });
      expect(await store.consume({ code, userId: 'usr_1' })).toEqual({ status: 'locked' });
      expect(await store.inspectById(codeId, 'usr_1')).toEqual({ status: 'locked' });
    });

    it('answers unknown for a wrong code without an account, counting nothing', async () => {
      const { store, issue } = await fresh();
      const { code } = await issue();
      expect(await store.verify({ code: wrongCodeFor(code), maxFailedAttempts: 1 })).toEqual({ status: 'unknown' });
      expect(await store.verify({ code: wrongCodeFor(code), userId: 'usr_nobody', maxFailedAttempts: 1 })).toEqual({ status: 'unknown' });
      expect((await store.verify({ code, userId: 'usr_1', maxFailedAttempts: 1 })).status).toBe('active');
    });

    it('consumes a code once, and only with the code and the account it belongs to', async () => {
      const { store, issue } = await fresh();
      const { code, codeId } = await issue('usr_1');
      expect(await store.consume({ code: wrongCodeFor(code), userId: 'usr_1' })).toEqual({ status: 'unknown' });
      expect(await store.consume({ code, userId: 'usr_2' })).toEqual({ status: 'unknown' });
      expect(await store.consume({ code, userId: 'usr_1' })).toMatchObject({
        status: 'active',
        record: { userId: 'usr_1', clientId: 'cl_1' },
      });
      expect(await store.consume({ code, userId: 'usr_1' })).toEqual({ status: 'used' });
      expect(await store.verify({ code, maxFailedAttempts: 3 })).toEqual({ status: 'used' });
      expect(await store.inspectById(codeId, 'usr_1')).toEqual({ status: 'used' });
    });

    it('lets exactly one of 20 concurrent consumptions of one code see it active', async () => {
      const { store, issue } = await fresh();
      const { code } = await issue();
      const results = await Promise.all(Array.from({ length: 20 }, () => store.consume({ code, userId: 'usr_1' })));
      expect(results.filter((result) => result.status === 'active')).toHaveLength(1);
      expect(results.filter((result) => result.status === 'used')).toHaveLength(19);
    });

    it('replaces a user’s older code with a newer one, and leaves other users’ codes alone', async () => {
      const { store, issue } = await fresh();
      const older = await issue('usr_1');
      const theirs = await issue('usr_2');
      const newer = await issue('usr_1');
      expect(await store.verify({ code: older.code, maxFailedAttempts: 3 })).toEqual({ status: 'unknown' });
      expect(await store.inspectById(older.codeId, 'usr_1')).toEqual({ status: 'unknown' });
      expect((await store.verify({ code: newer.code, maxFailedAttempts: 3 })).status).toBe('active');
      expect((await store.verify({ code: theirs.code, maxFailedAttempts: 3 })).status).toBe('active');
    });

    it('kills a user’s code on revokeForUser, and only that user’s', async () => {
      const { store, issue } = await fresh();
      const mine = await issue('usr_1');
      const theirs = await issue('usr_2');
      await store.revokeForUser('usr_1');
      await store.revokeForUser('usr_nobody');
      expect(await store.verify({ code: mine.code, maxFailedAttempts: 3 })).toEqual({ status: 'unknown' });
      expect(await store.consume({ code: mine.code, userId: 'usr_1' })).toEqual({ status: 'unknown' });
      expect(await store.inspectById(mine.codeId, 'usr_1')).toEqual({ status: 'unknown' });
      expect((await store.verify({ code: theirs.code, maxFailedAttempts: 3 })).status).toBe('active');
    });

    it('leaves a used code to say it was used when revokeForUser comes after', async () => {
      const { store, issue } = await fresh();
      const { code } = await issue('usr_1');
      await store.consume({ code, userId: 'usr_1' });
      await store.revokeForUser('usr_1');
      expect(await store.verify({ code, maxFailedAttempts: 3 })).toEqual({ status: 'used' });
    });

    it('stops a code working at its expiry instant', async () => {
      const { clock, store, issue } = await fresh();
      const { code, codeId } = await issue();
      clock.advanceSeconds(3600 - 0.001);
      expect((await store.verify({ code, maxFailedAttempts: 3 })).status).toBe('active');
      clock.advanceSeconds(0.001);
      expect(await store.verify({ code, userId: 'usr_1', maxFailedAttempts: 3 })).toEqual({ status: 'expired' });
      expect(await store.inspectById(codeId, 'usr_1')).toEqual({ status: 'expired' });
      expect(await store.consume({ code, userId: 'usr_1' })).toEqual({ status: 'expired' });
    });
  });
}
