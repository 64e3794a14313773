import { describe, expect, it } from 'vitest';
import { DependencyUnavailableError } from '../../dependency-unavailable-error.js';
import type { RateLimits } from '../../engine/ports.js';

/** Calls allowed per hour for each throttle of the adapter under test. */
export interface RateLimitsSettingsUnderTest {
  readonly requestsPerAddress: number;
  readonly requestsPerClient: number;
  readonly requestsPerIp: number;
  readonly secretAttemptsPerIp: number;
  readonly maxFailedAttemptsPerSecret: number;
}

export interface RateLimitsUnderTest {
  /** The throttles as the engine gets them (fail-closed wrapping included). */
  readonly limits: RateLimits;
  /** Makes their store unreachable. */
  makeUnavailable(): Promise<void>;
}

/** Builds fresh throttles, each window one hour, counting from zero. */
export type MakeRateLimits = (settings: RateLimitsSettingsUnderTest) => Promise<RateLimitsUnderTest>;

const ROOMY = {
  requestsPerAddress: 100,
  requestsPerClient: 100,
  requestsPerIp: 100,
  secretAttemptsPerIp: 100,
  maxFailedAttemptsPerSecret: 5,
};

/** What every RateLimits must do, as its port's doc comments state. One call per adapter. */
export function describeRateLimitsConformance(adapterName: string, makeLimits: MakeRateLimits): void {
  describe(`${adapterName}: the rate limits contract`, () => {
    const request = (email: string, clientId = 'cl_1', ip = '192.0.2.1') => ({ email, clientId, ip });

    it('tells the engine how many refused passwords a secret survives', async () => {
      const { limits } = await makeLimits({ ...ROOMY, maxFailedAttemptsPerSecret: 7 });
      expect(limits.maxFailedAttemptsPerSecret).toBe(7);
    });

    it('refuses reset requests for one address over its limit, with when to retry, and lets other addresses through', async () => {
      const { limits } = await makeLimits({ ...ROOMY, requestsPerAddress: 2 });
      expect(await limits.allowResetRequest(request('jane@example.com'))).toEqual({ allowed: true });
      expect(await limits.allowResetRequest(request('jane@example.com', 'cl_2', '192.0.2.2'))).toEqual({ allowed: true });
      const refused = await limits.allowResetRequest(request('jane@example.com', 'cl_3', '192.0.2.3'));
      expect(refused).toMatchObject({ allowed: false });
      const retryAfter = refused.allowed ? 0 : refused.retryAfterSeconds;
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(3600);
      expect(await limits.allowResetRequest(request('john@example.com'))).toEqual({ allowed: true });
    });

    it('counts reset requests per client across addresses and IPs', async () => {
      const { limits } = await makeLimits({ ...ROOMY, requestsPerClient: 2 });
      expect(await limits.allowResetRequest(request('a@example.com', 'cl_1', '192.0.2.1'))).toEqual({ allowed: true });
      expect(await limits.allowResetRequest(request('b@example.com', 'cl_1', '192.0.2.2'))).toEqual({ allowed: true });
      expect(await limits.allowResetRequest(request('c@example.com', 'cl_1', '192.0.2.3'))).toMatchObject({ allowed: false });
      expect(await limits.allowResetRequest(request('c@example.com', 'cl_2', '192.0.2.3'))).toEqual({ allowed: true });
    });

    it('counts reset requests per IP across addresses and clients', async () => {
      const { limits } = await makeLimits({ ...ROOMY, requestsPerIp: 2 });
      expect(await limits.allowResetRequest(request('a@example.com', 'cl_1'))).toEqual({ allowed: true });
      expect(await limits.allowResetRequest(request('b@example.com', 'cl_2'))).toEqual({ allowed: true });
      expect(await limits.allowResetRequest(request('c@example.com', 'cl_3'))).toMatchObject({ allowed: false });
      expect(await limits.allowResetRequest(request('c@example.com', 'cl_3', '192.0.2.9'))).toEqual({ allowed: true });
    });

    it('counts uses of secrets per IP, apart from reset requests', async () => {
      const { limits } = await makeLimits({ ...ROOMY, secretAttemptsPerIp: 2 });
      expect(await limits.allowSecretAttempt({ ip: '192.0.2.1' })).toEqual({ allowed: true });
      expect(await limits.allowSecretAttempt({ ip: '192.0.2.1' })).toEqual({ allowed: true });
      expect(await limits.allowSecretAttempt({ ip: '192.0.2.1' })).toMatchObject({ allowed: false });
      expect(await limits.allowSecretAttempt({ ip: '192.0.2.2' })).toEqual({ allowed: true });
      expect(await limits.allowResetRequest(request('a@example.com'))).toEqual({ allowed: true });
    });

    it('fails closed when its store is unreachable: it rejects, and never allows', async () => {
      const { limits, makeUnavailable } = await makeLimits(ROOMY);
      await makeUnavailable();
      await expect(limits.allowResetRequest(request('jane@example.com'))).rejects.toBeInstanceOf(DependencyUnavailableError);
      await expect(limits.allowSecretAttempt({ ip: '192.0.2.1' })).rejects.toBeInstanceOf(DependencyUnavailableError);
    });
  });
}
