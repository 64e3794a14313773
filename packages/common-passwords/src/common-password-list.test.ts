import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { DEFAULT_PASSWORD_POLICY, checkPassword } from '@pwreset/contract';
import { describe, expect, it } from 'vitest';
import { loadCommonPasswordList } from './common-password-list.js';

function randomLowerCaseString(length: number): string {
  return randomBytes(length).toString('base64url').slice(0, length).toLowerCase();
}

describe('loadCommonPasswordList', () => {
  it('holds at least 100,000 distinct passwords', () => {
    expect(loadCommonPasswordList().size).toBeGreaterThanOrEqual(100_000);
  });

  it('contains the passwords people choose most often', () => {
    const list = loadCommonPasswordList();
    for (const password of ['password', '123456', 'qwerty', 'iloveyou', 'password1']) {
      expect(list.has(password), password).toBe(true);
    }
  });

  it('does not contain a random 20-character string', () => {
    expect(loadCommonPasswordList().has(randomLowerCaseString(20))).toBe(false);
  });

  it('answers 100,000 look-ups well within a second', () => {
    const list = loadCommonPasswordList();
    const candidates = Array.from({ length: 100_000 }, () => randomLowerCaseString(12));
    const startedAt = performance.now();
    for (const candidate of candidates) list.has(candidate);
    // Only a guard against a linear scan: the real guarantee is the Set behind `has`.
    expect(performance.now() - startedAt).toBeLessThan(1_000);
  });

  it('loads the file once and returns the same instance every time', () => {
    expect(loadCommonPasswordList()).toBe(loadCommonPasswordList());
  });

  it('stores each entry once, already normalised as the password policy normalises', () => {
    const file = new URL('../data/common-passwords.txt.gz', import.meta.url);
    const lines = gunzipSync(readFileSync(file)).toString('utf8').split('\n');
    expect(lines.pop()).toBe('');
    expect(new Set(lines).size).toBe(lines.length);
    const misfits = lines.filter((line) => line.length === 0 || line !== line.normalize('NFKC').toLowerCase().trim());
    expect(misfits).toEqual([]);
  });

  it('makes checkPassword refuse a common password whatever its case', () => {
    const commonPasswords = loadCommonPasswordList();
    expect(checkPassword('PassWord1', DEFAULT_PASSWORD_POLICY, { commonPasswords })).toContain('COMMON');
    expect(checkPassword('correct horse battery staple', DEFAULT_PASSWORD_POLICY, { commonPasswords })).toEqual([]);
  });
});
