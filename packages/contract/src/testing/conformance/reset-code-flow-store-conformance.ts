import { describe, expect, it } from 'vitest';
import type { ResetCodeFlowStore, UserRef } from '../../engine/ports.js';
import { DEFAULT_SECRET_RESERVATION_SECONDS } from '../../engine/reset-token-port.js';
import { controllableClock, type ControllableClock } from '../controllable-clock.js';

/** Builds a fresh, empty store that reads time from `clock`, whose flows live `lifetimeSeconds`. */
export type MakeResetCodeFlowStore = (options: {
  readonly clock: ControllableClock;
  readonly lifetimeSeconds: number;
  readonly reservationSeconds: number;
}) => Promise<ResetCodeFlowStore>;

const LIFETIME_SECONDS = 900;
const MAX = 5;
const user: UserRef = { directory: 'dir_a', userId: 'usr_1' };

/** A code that differs from `code` in its first digit. */
const wrongCodeFor = (code: string) => `${(Number(code[0]) + 1) % 10}${code.slice(1)}`;

/** What every ResetCodeFlowStore must do, as its port's doc comments state. One call per adapter. */
export function describeResetCodeFlowStoreConformance(adapterName: string, makeStore: MakeResetCodeFlowStore): void {
  describe(`${adapterName}: the code flow store contract`, () => {
    async function fresh() {
      const clock = controllableClock(new Date());
      const store = await makeStore({ clock, lifetimeSeconds: LIFETIME_SECONDS, reservationSeconds: DEFAULT_SECRET_RESERVATION_SECONDS });
      const openWithCode = async (email = 'jane@example.com', clientId = 'cl_1', owner = user) => {
        const flow = await store.open({ clientId, email });
        const issued = await store.issueCode({ flowRef: flow.flowRef, user: owner });
        if (!issued) throw new Error('no code issued');
        return { ...flow, code: issued.code };
      };
      const verify = (flowId: string, code: string, clientId = 'cl_1') => store.verify({ flowId, clientId, code, maxWrongCodes: MAX });
      return { clock, store, openWithCode, verify };
    }

    it('opens a flow with an unguessable id (256 bits, base64url) and issues an 8-digit code for it', async () => {
      const { store, clock } = await fresh();
      const flow = await store.open({ clientId: 'cl_1', email: 'jane@example.com' });
      expect(flow.flowId).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(flow.flowRef).not.toContain(flow.flowId);
      expect(flow.expiresAt).toEqual(new Date(clock.now().getTime() + LIFETIME_SECONDS * 1000));
      expect(store.lifetimeSeconds).toBe(LIFETIME_SECONDS);
      const issued = await store.issueCode({ flowRef: flow.flowRef, user });
      expect(issued?.code).toMatch(/^\d{8}$/);
      expect(issued?.expiresAt).toEqual(flow.expiresAt);
      expect(await store.verify({ flowId: flow.flowId, clientId: 'cl_1', code: issued?.code ?? '', maxWrongCodes: MAX })).toEqual({
        status: 'active',
        record: { clientId: 'cl_1', expiresAt: flow.expiresAt, user, writeUncertain: false },
      });
    });

    it('accepts the code typed with spaces', async () => {
      const { openWithCode, verify } = await fresh();
      const { flowId, code } = await openWithCode();
      expect((await verify(flowId, ` ${code.slice(0, 4)} ${code.slice(4)} `)).status).toBe('active');
    });

    it('counts wrong codes and locks the flow after the fifth: the right code is refused from then on', async () => {
      const { openWithCode, verify, store } = await fresh();
      const { flowId, code } = await openWithCode();
      for (let attempt = 1; attempt <= MAX; attempt += 1) expect(await verify(flowId, wrongCodeFor(code))).toEqual({ status: 'mismatch' });
      expect(await verify(flowId, code)).toEqual({ status: 'locked' });
      expect(await store.reserve({ flowId, code })).toEqual({ status: 'locked' });
      expect(await store.consume({ flowId })).toEqual({ status: 'locked' });
    });

    it('does not count a right code as a wrong one', async () => {
      const { openWithCode, verify } = await fresh();
      const { flowId, code } = await openWithCode();
      for (let attempt = 1; attempt < MAX; attempt += 1) await verify(flowId, wrongCodeFor(code));
      for (let attempt = 0; attempt < 3; attempt += 1) expect((await verify(flowId, code)).status).toBe('active');
      expect(await verify(flowId, wrongCodeFor(code))).toEqual({ status: 'mismatch' });
      expect(await verify(flowId, code)).toEqual({ status: 'locked' });
    });

    it('lets no more than five of 20 concurrent wrong codes be compared', async () => {
      const { openWithCode, verify } = await fresh();
      const { flowId, code } = await openWithCode();
      const results = await Promise.all(Array.from({ length: 20 }, () => verify(flowId, wrongCodeFor(code))));
      expect(results.filter((result) => result.status === 'mismatch')).toHaveLength(MAX);
      expect(results.filter((result) => result.status === 'locked')).toHaveLength(20 - MAX);
    });

    it('fails a flow without a code (an unknown address) exactly as a real one: mismatch five times, then locked', async () => {
      const { store, verify } = await fresh();
      const { flowId } = await store.open({ clientId: 'cl_1', email: 'nobody@example.com' });
      for (let attempt = 1; attempt <= MAX; attempt += 1) expect(await verify(flowId, '12345678')).toEqual({ status: 'mismatch' });
      expect(await verify(flowId, '12345678')).toEqual({ status: 'locked' });
    });

    it('answers unknown, counting nothing, for another client and for an id never issued', async () => {
      const { openWithCode, verify } = await fresh();
      const { flowId, code } = await openWithCode();
      for (let attempt = 0; attempt < 2 * MAX; attempt += 1) expect(await verify(flowId, code, 'cl_other')).toEqual({ status: 'unknown' });
      expect(await verify('A'.repeat(43), code)).toEqual({ status: 'unknown' });
      expect((await verify(flowId, code)).status).toBe('active');
    });

    it('stops a flow at its expiry instant', async () => {
      const { clock, openWithCode, verify, store } = await fresh();
      const { flowId, flowRef, code } = await openWithCode();
      clock.advanceSeconds(LIFETIME_SECONDS - 0.001);
      expect((await verify(flowId, code)).status).toBe('active');
      clock.advanceSeconds(0.001);
      expect(await verify(flowId, code)).toEqual({ status: 'expired' });
      expect(await verify(flowId, wrongCodeFor(code))).toEqual({ status: 'expired' });
      expect(await store.reserve({ flowId, code })).toEqual({ status: 'expired' });
      expect(await store.issueCode({ flowRef, user })).toBeNull();
    });

    it('ends an address’s older flow when a newer one opens, and leaves other addresses’ flows alone', async () => {
      const { openWithCode, verify, store } = await fresh();
      const older = await openWithCode('jane@example.com');
      const theirs = await openWithCode('john@example.com', 'cl_1', { directory: 'dir_a', userId: 'usr_2' });
      const newer = await store.open({ clientId: 'cl_2', email: 'jane@example.com' });
      expect(await verify(older.flowId, older.code)).toEqual({ status: 'ended' });
      expect(await store.issueCode({ flowRef: older.flowRef, user })).toBeNull();
      expect((await verify(theirs.flowId, theirs.code)).status).toBe('active');
      expect(await store.issueCode({ flowRef: newer.flowRef, user })).not.toBeNull();
    });

    it('replaces the code on a second issue (a retried mail): only the latest works', async () => {
      const { openWithCode, verify, store } = await fresh();
      const flow = await openWithCode();
      const again = await store.issueCode({ flowRef: flow.flowRef, user });
      if (!again) throw new Error('no code issued');
      if (again.code !== flow.code) expect(await verify(flow.flowId, flow.code)).toEqual({ status: 'mismatch' });
      expect((await verify(flow.flowId, again.code)).status).toBe('active');
    });

    it('consumes a flow once: its code dies when used', async () => {
      const { openWithCode, verify, store } = await fresh();
      const { flowId, code } = await openWithCode();
      expect((await store.consume({ flowId })).status).toBe('active');
      expect(await store.consume({ flowId })).toEqual({ status: 'ended' });
      expect(await verify(flowId, code)).toEqual({ status: 'ended' });
    });

    it('reserves for one of 20 concurrent callers; release makes it work again, with an uncertain write remembered', async () => {
      const { openWithCode, verify, store } = await fresh();
      const { flowId, code } = await openWithCode();
      expect(await store.reserve({ flowId, code: wrongCodeFor(code) })).toEqual({ status: 'unknown' });
      const results = await Promise.all(Array.from({ length: 20 }, () => store.reserve({ flowId, code })));
      expect(results.filter((result) => result.status === 'active')).toHaveLength(1);
      expect(results.filter((result) => result.status === 'ended')).toHaveLength(19);
      expect(await verify(flowId, code)).toEqual({ status: 'ended' });
      await store.release({ flowId, writeUncertain: true });
      expect(await verify(flowId, code)).toMatchObject({ status: 'active', record: { writeUncertain: true } });
      await store.reserve({ flowId, code });
      expect((await store.consume({ flowId })).status).toBe('active');
      await store.release({ flowId });
      expect(await verify(flowId, code)).toEqual({ status: 'ended' });
    });

    it('frees a reservation whose lease ran out', async () => {
      const { clock, openWithCode, verify, store } = await fresh();
      const { flowId, code } = await openWithCode();
      await store.reserve({ flowId, code });
      clock.advanceSeconds(DEFAULT_SECRET_RESERVATION_SECONDS);
      expect((await verify(flowId, code)).status).toBe('active');
    });

    it('counts refused passwords as failed attempts and locks at the maximum', async () => {
      const { openWithCode, verify, store } = await fresh();
      const { flowId, code } = await openWithCode();
      expect(await store.recordFailedAttempt({ flowId, maxFailedAttempts: 2 })).toEqual({ locked: false });
      expect(await store.recordFailedAttempt({ flowId, maxFailedAttempts: 2 })).toEqual({ locked: true });
      expect(await verify(flowId, code)).toEqual({ status: 'locked' });
    });

    it('ends the user’s flows on revokeForUser, and only that user’s', async () => {
      const { openWithCode, verify, store } = await fresh();
      const mine = await openWithCode('jane@example.com');
      const theirs = await openWithCode('john@example.com', 'cl_1', { directory: 'dir_a', userId: 'usr_2' });
      await store.revokeForUser(user);
      await store.revokeForUser({ directory: 'dir_b', userId: 'usr_1' });
      expect(await verify(mine.flowId, mine.code)).toEqual({ status: 'ended' });
      expect((await verify(theirs.flowId, theirs.code)).status).toBe('active');
    });
  });
}
