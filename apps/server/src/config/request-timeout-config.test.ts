import { describe, expect, it } from 'vitest';
import { loadConfig } from './load-config.js';

describe('REQUEST_TIMEOUT', () => {
  it('defaults to 30 s', () => {
    const result = loadConfig({});
    expect(result.ok && result.config.requestTimeoutMs).toBe(30_000);
  });

  it('reads a duration like the other variables', () => {
    const result = loadConfig({ REQUEST_TIMEOUT: '2m' });
    expect(result.ok && result.config.requestTimeoutMs).toBe(120_000);
  });

  it('refuses zero, more than an hour, and what is not a duration', () => {
    expect(loadConfig({ REQUEST_TIMEOUT: '0' })).toEqual({ ok: false, problems: ['REQUEST_TIMEOUT must be at least 1 s'] });
    expect(loadConfig({ REQUEST_TIMEOUT: '2h' })).toEqual({ ok: false, problems: ['REQUEST_TIMEOUT must be at most 1h'] });
    expect(loadConfig({ REQUEST_TIMEOUT: 'slow' })).toEqual({
      ok: false,
      problems: ['REQUEST_TIMEOUT "slow" is not a duration such as 3600, 90m, 24h or 3d'],
    });
  });
});
