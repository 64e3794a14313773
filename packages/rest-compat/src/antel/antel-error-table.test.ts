import { RESET_ERROR_CODES } from '@pwreset/contract';
import { describe, expect, it } from 'vitest';
import { answerForFailure, describePasswordRefusal } from './antel-error-table.js';

describe('answerForFailure', () => {
  it('answers every business outcome 200 with wasSuccessful false, a heading and a description', () => {
    for (const code of [
      'TOKEN_INVALID',
      'TOKEN_EXPIRED',
      'TOKEN_USED',
      'TOKEN_SUPERSEDED',
      'TOKEN_LOCKED',
      'PASSWORD_REJECTED',
      'ACCOUNT_NOT_FOUND',
    ] as const) {
      const answer = answerForFailure({ code });
      expect(answer.status, code).toBe(200);
      expect(answer.body, code).toMatchObject({
        systemUserId: 0,
        wasSuccessful: false,
        heading: expect.any(String),
        description: expect.any(String),
      });
    }
  });

  it('answers every other code with an HTTP error status and a responseStatus without a stack trace', () => {
    const errorAnswers = RESET_ERROR_CODES.map((code) => [code, answerForFailure({ code })] as const).filter(
      ([, answer]) => answer.status !== 200,
    );
    for (const [code, answer] of errorAnswers) {
      expect(answer.body, code).toEqual({
        systemUserId: 0,
        wasSuccessful: false,
        responseStatus: { errorCode: expect.stringMatching(/^[A-Z]\w+$/), message: expect.stringMatching(/\S/), errors: [] },
      });
    }
    expect(Object.fromEntries(errorAnswers.map(([code, answer]) => [code, answer.status]))).toEqual({
      INVALID_INPUT: 400,
      RESET_URL_NOT_ALLOWED: 400,
      UNAUTHORIZED: 401,
      FORBIDDEN: 500,
      ACCOUNT_DISABLED: 500,
      CODE_INVALID: 500,
      FLOW_LOCKED: 500,
      FLOW_EXPIRED: 500,
      TOO_MANY_REQUESTS: 429,
      PAYLOAD_TOO_LARGE: 413,
      SERVICE_UNAVAILABLE: 503,
      INTERNAL_ERROR: 500,
    });
  });

  it('tells a throttled caller when to come back, in whole seconds', () => {
    expect(answerForFailure({ code: 'TOO_MANY_REQUESTS', retryAfterSeconds: 12.2 }).headers).toEqual({ 'Retry-After': '13' });
    expect(answerForFailure({ code: 'SERVICE_UNAVAILABLE' }).headers).toEqual({ 'Retry-After': '5' });
  });
});

describe('describePasswordRefusal', () => {
  it("says every reason, with the client's limits, and that the temporary password still works", () => {
    expect(describePasswordRefusal(['TOO_SHORT', 'COMMON'], { minLength: 10, maxLength: 64 })).toBe(
      'The new password was not accepted: it must be at least 10 characters long; it is too common. Your temporary password still works; try again with another password.',
    );
    expect(describePasswordRefusal(['REUSED'])).toContain('it must differ from your current password');
    expect(describePasswordRefusal(['BREACHED'])).toBe(
      'The new password was not accepted: it has appeared in a data breach. Your temporary password still works; try again with another password.',
    );
  });

  it('names the byte limit of a bcrypt directory when the policy has one', () => {
    expect(describePasswordRefusal(['TOO_LONG'], { minLength: 8, maxLength: 128, maxBytes: 72 })).toContain(
      'it must be at most 128 characters and 72 bytes long (some characters count as several)',
    );
    expect(describePasswordRefusal(['TOO_LONG'], { minLength: 8, maxLength: 128 })).toContain('it must be at most 128 characters long. ');
  });
});
