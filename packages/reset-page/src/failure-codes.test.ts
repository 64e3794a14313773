import { RESET_ERROR_CODES } from '@pwreset/contract';
import { describe, expect, it } from 'vitest';
import { failureEndsTheLink, isResetPageFailureCode } from './failure-codes.js';

describe('the failures the page knows', () => {
  it('are every code of the contract, and no answer at all', () => {
    expect(RESET_ERROR_CODES.filter((code) => !isResetPageFailureCode(code))).toEqual([]);
    expect(isResetPageFailureCode('NETWORK_ERROR')).toBe(true);
    expect(isResetPageFailureCode('NOT_A_CODE')).toBe(false);
    expect(isResetPageFailureCode('toString')).toBe(false);
  });

  it('end the link for every secret the API refuses, a locked one included, and for nothing that may pass', () => {
    const ending = [...RESET_ERROR_CODES, 'NETWORK_ERROR' as const].filter(failureEndsTheLink);
    expect(ending.sort()).toEqual(
      [
        'ACCOUNT_DISABLED',
        'ACCOUNT_NOT_FOUND',
        'FLOW_EXPIRED',
        'FLOW_LOCKED',
        'INVALID_INPUT',
        'TOKEN_EXPIRED',
        'TOKEN_INVALID',
        'TOKEN_LOCKED',
        'TOKEN_SUPERSEDED',
        'TOKEN_USED',
      ].sort(),
    );
  });
});
