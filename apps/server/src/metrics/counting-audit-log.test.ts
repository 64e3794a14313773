import { describe, expect, it } from 'vitest';
import { countingAuditLog } from './counting-audit-log.js';
import { createServiceMetrics } from './service-metrics.js';

describe('countingAuditLog', () => {
  it('counts each reset request by the outcome the engine audits, throttled included, and passes every event on', async () => {
    const metrics = createServiceMetrics();
    const recorded: string[] = [];
    const audit = countingAuditLog({ record: async (event) => void recorded.push(event.outcome) }, metrics);
    await audit.record({ action: 'request', outcome: 'accepted', clientId: 'cl_1', email: 'someone@example.com' });
    await audit.record({ action: 'request', outcome: 'throttled', clientId: 'cl_1', email: 'someone@example.com' });
    await audit.record({ action: 'request', outcome: 'throttled', clientId: 'cl_1', email: 'someone@example.com' });
    // Not a request's outcome (a job's): audited, not counted here.
    await audit.record({ action: 'request', outcome: 'mail-sent', clientId: 'cl_1' });
    const counted = (await metrics.resetRequests.get()).values.map(({ labels, value }) => ({ ...labels, value }));
    expect(counted).toEqual(
      expect.arrayContaining([
        { client: 'cl_1', api: 'none', outcome: 'accepted', value: 1 },
        { client: 'cl_1', api: 'none', outcome: 'throttled', value: 2 },
      ]),
    );
    expect(counted.filter(({ outcome }) => outcome === 'mail-sent')).toHaveLength(0);
    expect(recorded).toEqual(['accepted', 'throttled', 'throttled', 'mail-sent']);
  });
});
