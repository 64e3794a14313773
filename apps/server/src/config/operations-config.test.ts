import { describe, expect, it } from 'vitest';
import { loadConfig } from './load-config.js';

describe('the key check and shutdown variables', () => {
  it('default to a five-minute key check, a 5 s drain and a 10 s deadline', () => {
    const result = loadConfig({});
    expect(result.ok && result.config).toMatchObject({
      mailKeyCheckIntervalMs: 300_000,
      shutdown: { drainMs: 5000, deadlineMs: 10_000 },
    });
  });

  it('read durations like the other variables', () => {
    const result = loadConfig({ MAIL_KEY_CHECK_INTERVAL: '1m', SHUTDOWN_DRAIN: '0', SHUTDOWN_DEADLINE: '2m' });
    expect(result.ok && result.config).toMatchObject({
      mailKeyCheckIntervalMs: 60_000,
      shutdown: { drainMs: 0, deadlineMs: 120_000 },
    });
  });

  it('refuse a malformed duration, a zero interval and a deadline that does not outlast the drain', () => {
    expect(loadConfig({ SHUTDOWN_DRAIN: 'soon', MAIL_KEY_CHECK_INTERVAL: '0' })).toEqual({
      ok: false,
      problems: ['MAIL_KEY_CHECK_INTERVAL must be at least 1 s', 'SHUTDOWN_DRAIN "soon" is not a duration such as 3600, 90m, 24h or 3d'],
    });
    expect(loadConfig({ SHUTDOWN_DRAIN: '10s', SHUTDOWN_DEADLINE: '10s' })).toEqual({
      ok: false,
      problems: ['SHUTDOWN_DEADLINE must be longer than SHUTDOWN_DRAIN (the drain is part of the shutdown)'],
    });
  });
});
