import { describe, expect, it } from 'vitest';
import type { DisputeStore, IssuedResetSecret, IssueUnlessResetsLocked, ResetTokenStore } from '../../engine/ports.js';
import { controllableClock, type ControllableClock } from '../controllable-clock.js';

/** Builds a fresh, empty token store and the dispute store whose locks it obeys (the same backing store), both on `clock`. */
export type MakeResetLockedIssueStores = (options: {
  readonly clock: ControllableClock;
}) => Promise<{ readonly tokens: ResetTokenStore; readonly disputes: DisputeStore }>;

/** The secret of an issue, failing the test when the call was refused. */
function issuedSecret(result: IssueUnlessResetsLocked): IssuedResetSecret {
  if (result.status !== 'issued') throw new Error(`expected a secret, got ${result.status}`);
  return result;
}

const HOUR_MS = 3600 * 1000;
const USER = { directory: 'dir_a', userId: 'usr_1' };

/**
 * What ResetTokenStore.issueUnlessResetsLocked must do with the DisputeStore's locks, as the port's
 * doc comment states: the mail path's lock check and issue in one call. One call per adapter.
 */
export function describeResetLockedIssueConformance(adapterName: string, makeStores: MakeResetLockedIssueStores): void {
  describe(`${adapterName}: issuing a reset secret unless a dispute locks the user's resets`, () => {
    async function fresh() {
      const clock = controllableClock(new Date());
      const stores = await makeStores({ clock });
      const issue = (user = USER) =>
        stores.tokens.issueUnlessResetsLocked({ ...user, clientId: 'cl_1', expiresAt: new Date(clock.now().getTime() + HOUR_MS) });
      return { clock, ...stores, issue };
    }

    it('issues a working secret when no lock runs, as issue does', async () => {
      const { tokens, issue } = await fresh();
      const issued = issuedSecret(await issue());
      expect(issued.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect((await tokens.inspect(issued.secret)).status).toBe('active');
      expect((await tokens.inspectById(issued.tokenId)).status).toBe('active');
      expect(await tokens.listActiveForUser(USER)).toHaveLength(1);
    });

    it('issues nothing while the lock runs, and says until when', async () => {
      const { clock, tokens, disputes, issue } = await fresh();
      const lockedUntil = new Date(clock.now().getTime() + HOUR_MS);
      await disputes.lockResets(USER, lockedUntil);
      expect(await issue()).toEqual({ status: 'dispute-locked', lockedUntil });
      expect(await tokens.listActiveForUser(USER)).toEqual([]);
    });

    it('issues again once the lock ran out, or was lifted', async () => {
      const { clock, disputes, issue } = await fresh();
      await disputes.lockResets(USER, new Date(clock.now().getTime() + 60_000));
      clock.advanceSeconds(61);
      expect((await issue()).status).toBe('issued');
      await disputes.lockResets(USER, new Date(clock.now().getTime() + HOUR_MS));
      expect((await issue()).status).toBe('dispute-locked');
      expect(await disputes.liftResetLock(USER)).toBe(true);
      expect((await issue()).status).toBe('issued');
    });

    it("is stopped by this user's lock alone: the same id in another directory, or another user, is issued", async () => {
      const { clock, disputes, issue } = await fresh();
      await disputes.lockResets(USER, new Date(clock.now().getTime() + HOUR_MS));
      expect((await issue({ ...USER, directory: 'dir_b' })).status).toBe('issued');
      expect((await issue({ ...USER, userId: 'usr_2' })).status).toBe('issued');
      expect((await issue()).status).toBe('dispute-locked');
    });

    it('kills an older secret of the user when it issues one, as issue does', async () => {
      const { tokens, issue } = await fresh();
      const first = issuedSecret(await issue());
      const second = issuedSecret(await issue());
      expect((await tokens.inspect(first.secret)).status).toBe('superseded');
      expect((await tokens.inspect(second.secret)).status).toBe('active');
    });
  });
}
