import { describe, expect, it } from 'vitest';
import { resetJobSchema } from '../jobs.js';
import { MAX_ACCOUNT_EMAIL_LENGTH, MIN_ACCOUNT_EMAIL_LENGTH } from '../normalize-email.js';
import { resetRequestJob } from './reset-request-job.js';

const base = { clientId: 'cl_1', requestedAt: '2026-12-03T12:00:00.000Z', delivery: 'temporary-password' } as const;

describe('the job a reset request queues', () => {
  it('is a job that does nothing for an address too short or too long for any account, and always one the job schema takes', () => {
    // A legacy DTO (Antel's) checks no length: `!` reached the engine, and its job was refused by the schema (a 500).
    const tooShort = 'x'.repeat(MIN_ACCOUNT_EMAIL_LENGTH - 1);
    const tooLong = `${'x'.repeat(MAX_ACCOUNT_EMAIL_LENGTH - 'example.com'.length)}@example.com`;
    for (const email of ['!', tooShort, tooLong]) {
      const job = resetRequestJob({ ...base, email, address: email });
      expect(job.type, email).toBe('unreachable-address-requested');
      expect(resetJobSchema.safeParse(job).success, email).toBe(true);
    }
    for (const email of ['a@b', 'jane@example.com']) {
      const job = resetRequestJob({ ...base, email, address: email });
      expect(job.type, email).toBe('temporary-password-requested');
      expect(resetJobSchema.safeParse(job).success, email).toBe(true);
    }
  });
});
