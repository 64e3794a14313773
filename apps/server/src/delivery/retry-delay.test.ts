import { describe, expect, it } from 'vitest';
import { parseRetryAfter, RetryableDeliveryError } from './delivery-errors.js';
import { retryDelayMs } from './retry-delay.js';

const policy = { maxAttempts: 10, baseDelayMs: 1000, maxDelayMs: 60_000 };

describe('retryDelayMs', () => {
  it('doubles per attempt, with jitter between half and all of the step', () => {
    expect(retryDelayMs(policy, 1, new Error('x'), () => 0)).toBe(500);
    expect(retryDelayMs(policy, 1, new Error('x'), () => 1)).toBe(1000);
    expect(retryDelayMs(policy, 4, new Error('x'), () => 1)).toBe(8000);
  });

  it('is capped', () => {
    expect(retryDelayMs(policy, 30, new Error('x'), () => 1)).toBe(60_000);
  });

  it('never retries sooner than the receiver’s Retry-After', () => {
    expect(retryDelayMs(policy, 1, new RetryableDeliveryError('429', 30_000), () => 1)).toBe(30_000);
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('120')).toBe(120_000);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:30 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'))).toBe(30_000);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(undefined)).toBeUndefined();
  });
});
