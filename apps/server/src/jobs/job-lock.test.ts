import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/load-config.js';
import { DEFAULT_JOB_LOCK_MS, jobLockSettings } from './job-lock.js';

describe('the worker’s lock on a running job', () => {
  it('keeps BullMQ’s 30 s lock unless MAIL_JOB_LOCK_DURATION says otherwise', () => {
    const defaults = loadConfig({});
    const shortened = loadConfig({ MAIL_JOB_LOCK_DURATION: '8s' });
    expect(defaults.ok && defaults.config.mailJobLockMs).toBe(DEFAULT_JOB_LOCK_MS);
    expect(DEFAULT_JOB_LOCK_MS).toBe(30_000);
    expect(shortened.ok && shortened.config.mailJobLockMs).toBe(8_000);
    expect(loadConfig({ MAIL_JOB_LOCK_DURATION: '1' })).toMatchObject({
      ok: false,
      problems: ['MAIL_JOB_LOCK_DURATION must be at least 5 s'],
    });
  });

  it('checks for stalled jobs every sixth of the lock, so a dead worker’s job moves within the lock and a sixth (35 s), not 90 s', () => {
    const settings = jobLockSettings();
    expect(settings).toEqual({ lockDuration: 30_000, stalledInterval: 5_000, maxStalledCount: 1 });
    expect(settings.lockDuration + settings.stalledInterval).toBe(35_000);
    expect(jobLockSettings(8_000).stalledInterval).toBe(1_333);
  });
});
