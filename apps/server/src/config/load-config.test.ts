import { mkdtempSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDurationSeconds, parseDurationSeconds } from './duration.js';
import { loadConfig } from './load-config.js';

describe('loadConfig', () => {
  it('runs with no environment at all, on the documented defaults', () => {
    const result = loadConfig({});
    if (!result.ok) throw new Error(result.problems.join('; '));
    expect(result.config).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      redis: { mode: 'single', url: 'redis://127.0.0.1:6379' },
      publicBaseUrl: 'http://localhost:3000',
      usesDevelopmentPepper: true,
      sendgrid: null,
      resetTokenTtlSeconds: 86_400,
      resetCodeTtlSeconds: 900,
      disputeLockSeconds: 86_400,
      hostedDisputePageUrl: 'http://localhost:3000/secure',
      legacyHideUnknownAccounts: false,
    });
  });

  it('reads durations and flags', () => {
    const result = loadConfig({
      RESET_TOKEN_TTL: '3d',
      RESET_CODE_TTL: '10m',
      LEGACY_HIDE_UNKNOWN_ACCOUNTS: 'true',
      PUBLIC_BASE_URL: 'https://r.example.com/',
    });
    expect(result.ok && result.config).toMatchObject({
      resetTokenTtlSeconds: 259_200,
      resetCodeTtlSeconds: 600,
      legacyHideUnknownAccounts: true,
      publicBaseUrl: 'https://r.example.com',
    });
  });

  it('reads MAIL_WORKER_CONCURRENCY, defaulting to the measured 50, and refuses 0 or a fraction naming it', () => {
    const defaults = loadConfig({});
    expect(defaults.ok && defaults.config.mailWorkerConcurrency).toBe(50);
    const set = loadConfig({ MAIL_WORKER_CONCURRENCY: '200' });
    expect(set.ok && set.config.mailWorkerConcurrency).toBe(200);
    for (const value of ['0', '2.5', 'many', '1001']) {
      const result = loadConfig({ MAIL_WORKER_CONCURRENCY: value });
      expect(result.ok, value).toBe(false);
      expect(result.ok ? '' : result.problems.join('\n'), value).toContain('MAIL_WORKER_CONCURRENCY');
    }
  });

  it('reads PASSWORD_HASH_CONCURRENCY, defaulting to the cores less one (at least one), and refuses 0 naming it', () => {
    const defaults = loadConfig({});
    expect(defaults.ok && defaults.config.passwordHashConcurrency).toBe(Math.max(1, availableParallelism() - 1));
    const set = loadConfig({ PASSWORD_HASH_CONCURRENCY: '4' });
    expect(set.ok && set.config.passwordHashConcurrency).toBe(4);
    const refused = loadConfig({ PASSWORD_HASH_CONCURRENCY: '0' });
    expect(refused.ok ? '' : refused.problems.join('\n')).toContain('PASSWORD_HASH_CONCURRENCY');
  });

  it('refuses a code flow lifetime over an hour, or none, naming RESET_CODE_TTL', () => {
    for (const value of ['2h', '0', 'soon']) {
      const result = loadConfig({ RESET_CODE_TTL: value });
      expect(result.ok, value).toBe(false);
      expect(result.ok ? '' : result.problems.join('\n'), value).toContain('RESET_CODE_TTL');
    }
  });

  it('reads DISPUTE_LOCK as the other durations, and points dispute links at PUBLIC_BASE_URL/secure', () => {
    const result = loadConfig({ DISPUTE_LOCK: '2h', PUBLIC_BASE_URL: 'https://r.example.com/' });
    expect(result.ok && result.config).toMatchObject({ disputeLockSeconds: 7200, hostedDisputePageUrl: 'https://r.example.com/secure' });
    for (const value of ['0', '31d', 'a while']) {
      const refused = loadConfig({ DISPUTE_LOCK: value });
      expect(refused.ok, value).toBe(false);
      expect(refused.ok ? '' : refused.problems.join('\n'), value).toContain('DISPUTE_LOCK');
    }
  });

  it('lists every problem at once', () => {
    const result = loadConfig({ PORT: '-1', RESET_TOKEN_TTL: '4d', PUBLIC_BASE_URL: 'ftp://x', TOKEN_PEPPER: 'short' });
    expect(result.ok).toBe(false);
    const problems = result.ok ? [] : result.problems;
    expect(problems).toHaveLength(4);
    expect(problems.join('\n')).toMatch(/PORT[\s\S]*PUBLIC_BASE_URL[\s\S]*TOKEN_PEPPER[\s\S]*RESET_TOKEN_TTL|PORT/);
  });

  it("names a malformed number with its value, and lists production's requirements beside it", () => {
    const result = loadConfig({ PORT: 'abc', NODE_ENV: 'production', AUDIT_MAX_ENTRIES: '1e6' });
    expect(result.ok ? [] : result.problems).toEqual([
      'PORT must be a whole number from 0 to 65535, got "abc"',
      'AUDIT_MAX_ENTRIES must be a whole number from 100 to 10000000, got "1e6"',
      'TOKEN_PEPPER is required when NODE_ENV=production (or TOKEN_PEPPERS, for several keys)',
      'SENDGRID_API_KEY is required when NODE_ENV=production (the dev outbox is for development)',
      'PUBLIC_BASE_URL is required when NODE_ENV=production',
    ]);
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ PORT: '', SENDGRID_API_KEY: '' }).ok).toBe(true);
  });

  it('has the one embedded default directory without USER_DIRECTORIES_FILE', () => {
    const result = loadConfig({ USER_DIRECTORIES_FILE: '' });
    expect(result.ok && result.config.userDirectories).toEqual({ default: { kind: 'redis' } });
  });

  it('reads USER_DIRECTORIES_FILE, resolving its env references from the same environment', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'pwreset-config-')), 'directories.json');
    writeFileSync(
      file,
      JSON.stringify({ default: { kind: 'redis' }, app: { kind: 'http', url: 'https://app.internal/d', secret: { env: 'APP_SECRET' } } }),
    );
    const result = loadConfig({ USER_DIRECTORIES_FILE: file, APP_SECRET: 'k'.repeat(40) });
    expect(result.ok && result.config.userDirectories).toEqual({
      default: { kind: 'redis' },
      app: { kind: 'http', url: 'https://app.internal/d', secret: 'k'.repeat(40), timeoutMs: 5000 },
    });
  });

  it("lists the directories file's problems after the environment's", () => {
    const file = join(mkdtempSync(join(tmpdir(), 'pwreset-config-')), 'directories.json');
    writeFileSync(file, JSON.stringify({ ldap: { kind: 'ldap' } }));
    expect(loadConfig({ USER_DIRECTORIES_FILE: file, PORT: 'abc' })).toEqual({
      ok: false,
      problems: [
        'PORT must be a whole number from 0 to 65535, got "abc"',
        'directories.ldap.kind: must have a "kind" of redis, postgres, mysql, http',
      ],
    });
  });
});

describe('durations', () => {
  it('parse seconds and units, and refuse anything else', () => {
    expect(parseDurationSeconds('90')).toBe(90);
    expect(parseDurationSeconds('15m')).toBe(900);
    expect(parseDurationSeconds('24h')).toBe(86_400);
    expect(parseDurationSeconds('1.5h')).toBeUndefined();
    expect(parseDurationSeconds('1w')).toBeUndefined();
    expect(formatDurationSeconds(259_200)).toBe('3d');
  });
});
