import { describe, expect, it } from 'vitest';
import { loadConfig } from './load-config.js';

describe('PWNED_PASSWORDS_*', () => {
  it('is off unless PWNED_PASSWORDS_URL is set', () => {
    const result = loadConfig({});
    expect(result.ok && result.config.pwnedPasswords).toBeNull();
  });

  it('defaults to a 1.5 s timeout and a minimum count of 1', () => {
    const result = loadConfig({ PWNED_PASSWORDS_URL: 'https://range.example' });
    expect(result.ok && result.config.pwnedPasswords).toEqual({ url: 'https://range.example', timeoutMs: 1500, minCount: 1 });
  });

  it('reads the timeout in seconds or milliseconds, and the minimum count', () => {
    const result = loadConfig({
      PWNED_PASSWORDS_URL: 'http://127.0.0.1:9',
      PWNED_PASSWORDS_TIMEOUT: '250ms',
      PWNED_PASSWORDS_MIN_COUNT: '10',
    });
    expect(result.ok && result.config.pwnedPasswords).toMatchObject({ timeoutMs: 250, minCount: 10 });
    const inSeconds = loadConfig({ PWNED_PASSWORDS_URL: 'http://127.0.0.1:9', PWNED_PASSWORDS_TIMEOUT: '2.5s' });
    expect(inSeconds.ok && inSeconds.config.pwnedPasswords?.timeoutMs).toBe(2500);
  });

  it('refuses a URL that is not http(s), a timeout that is not a duration, and a count of 0', () => {
    expect(
      loadConfig({ PWNED_PASSWORDS_URL: 'ftp://range.example', PWNED_PASSWORDS_TIMEOUT: 'soon', PWNED_PASSWORDS_MIN_COUNT: '0' }),
    ).toEqual({
      ok: false,
      problems: [
        'PWNED_PASSWORDS_URL must be an http(s) URL',
        'PWNED_PASSWORDS_TIMEOUT must be a duration from 1 ms to 30 s such as 1.5s or 1500ms',
        'PWNED_PASSWORDS_MIN_COUNT must be a whole number from 1 to 1000000000, got "0"',
      ],
    });
  });
});
