import { describe, expect, it } from 'vitest';
import { DependencyUnavailableError } from '../../dependency-unavailable-error.js';
import type { ResetJob, ResetRequestIntake } from '../../engine/ports.js';

/** Requests allowed per hour for each throttle of the intake under test. */
export interface IntakeLimitsUnderTest {
  readonly requestsPerAddress: number;
  readonly requestsPerClient: number;
  readonly requestsPerIp: number;
}

/** An audit entry as the intake under test wrote it, the address as whatever the trail keeps of it. */
export interface AuditedRequest {
  readonly action: string;
  readonly outcome: string;
  readonly clientId?: string | undefined;
  readonly ip?: string | undefined;
}

export interface ResetRequestIntakeUnderTest {
  /** The intake as the engine gets it (fail-closed wrapping included). */
  readonly intake: ResetRequestIntake;
  /** Every job it queued, oldest first (after whatever moving the adapter does). */
  queued(): Promise<ResetJob[]>;
  /** Every audit entry it wrote, oldest first. */
  audited(): Promise<AuditedRequest[]>;
  /** Makes its store unreachable. */
  makeUnavailable(): Promise<void>;
}

export type MakeResetRequestIntake = (limits: IntakeLimitsUnderTest) => Promise<ResetRequestIntakeUnderTest>;

const ROOMY: IntakeLimitsUnderTest = { requestsPerAddress: 100, requestsPerClient: 100, requestsPerIp: 100 };

const jobFor = (email: string, clientId: string): ResetJob => ({
  type: 'reset-requested',
  email,
  clientId,
  requestedAt: '2026-01-01T00:00:00.000Z',
});

/** What every ResetRequestIntake must do, as its port's doc comment states: what sequentialIntake does. One call per adapter. */
export function describeResetRequestIntakeConformance(adapterName: string, makeIntake: MakeResetRequestIntake): void {
  describe(`${adapterName}: the reset-request intake contract`, () => {
    const admission = (email: string, clientId = 'cl_1', ip = '192.0.2.1') => ({ email, clientId, ip, job: jobFor(email, clientId) });

    it('queues an allowed request and audits it as accepted', async () => {
      const { intake, queued, audited } = await makeIntake(ROOMY);
      expect(await intake.admit(admission('jane@example.com'))).toEqual({ allowed: true });
      expect(await queued()).toEqual([jobFor('jane@example.com', 'cl_1')]);
      expect(await audited()).toEqual([
        expect.objectContaining({ action: 'request', outcome: 'accepted', clientId: 'cl_1', ip: '192.0.2.1' }),
      ]);
    });

    it('refuses a request over any of its three throttles, with when to retry: nothing queued, audited as throttled', async () => {
      for (const [limits, second] of [
        [{ ...ROOMY, requestsPerAddress: 1 }, admission('jane@example.com', 'cl_2', '192.0.2.2')],
        [{ ...ROOMY, requestsPerClient: 1 }, admission('john@example.com', 'cl_1', '192.0.2.2')],
        [{ ...ROOMY, requestsPerIp: 1 }, admission('john@example.com', 'cl_2', '192.0.2.1')],
      ] as const) {
        const { intake, queued, audited } = await makeIntake(limits);
        expect(await intake.admit(admission('jane@example.com'))).toEqual({ allowed: true });
        const refused = await intake.admit(second);
        expect(refused).toEqual({ allowed: false, retryAfterSeconds: expect.any(Number) });
        const { retryAfterSeconds } = refused as { retryAfterSeconds: number };
        expect(retryAfterSeconds).toBeGreaterThan(3500);
        expect(retryAfterSeconds).toBeLessThanOrEqual(3600);
        expect(await queued()).toHaveLength(1);
        expect((await audited()).map(({ outcome }) => outcome)).toEqual(['accepted', 'throttled']);
      }
    });

    it('counts a refused request too, on every throttle', async () => {
      const { intake } = await makeIntake({ ...ROOMY, requestsPerAddress: 1, requestsPerIp: 2 });
      await intake.admit(admission('jane@example.com'));
      // Refused by the address; the IP's count still rises, so a third address from that IP is refused too.
      expect(await intake.admit(admission('jane@example.com'))).toMatchObject({ allowed: false });
      expect(await intake.admit(admission('john@example.com'))).toMatchObject({ allowed: false });
    });

    it('fails closed when its store is unreachable: it rejects, and never allows', async () => {
      const { intake, makeUnavailable } = await makeIntake(ROOMY);
      await makeUnavailable();
      await expect(intake.admit(admission('jane@example.com'))).rejects.toBeInstanceOf(DependencyUnavailableError);
    });
  });
}
