import { describe, expect, it } from 'vitest';
import { checkPassword, countCodePoints, DEFAULT_PASSWORD_POLICY, passwordContextWords } from './password-policy.js';

const common = { has: (password: string) => ['password123', 'qwerty123'].includes(password) };

describe('checkPassword', () => {
  it('accepts a long enough password with no composition rules', () => {
    expect(checkPassword('just lowercase words', DEFAULT_PASSWORD_POLICY)).toEqual([]);
  });

  it('counts code points, not UTF-16 units: eight emoji are eight characters', () => {
    const emoji = '🔑🔒🗝️🔐🔓🛡️🧱🚪'.replace(/\uFE0F/g, '');
    expect(emoji.length).toBe(16);
    expect(countCodePoints(emoji)).toBe(8);
    expect(checkPassword(emoji, DEFAULT_PASSWORD_POLICY)).toEqual([]);
    expect(checkPassword('🔑🔒🔐🔓🛡🧱🚪', DEFAULT_PASSWORD_POLICY)).toEqual(['TOO_SHORT']);
  });

  it('normalises with NFKC before counting: a ligature counts as the letters it stands for', () => {
    // "ﬀ" (U+FB00) is one code point that NFKC turns into "ff".
    expect(checkPassword('ﬀﬀﬀﬀ', DEFAULT_PASSWORD_POLICY)).toEqual([]);
    expect(checkPassword('ﬀﬀﬀ', DEFAULT_PASSWORD_POLICY)).toEqual(['TOO_SHORT']);
  });

  it('refuses too long passwords, and huge ones without normalising them', () => {
    expect(checkPassword('a'.repeat(128), DEFAULT_PASSWORD_POLICY)).toEqual([]);
    expect(checkPassword('a'.repeat(129), DEFAULT_PASSWORD_POLICY)).toEqual(['TOO_LONG']);
    expect(checkPassword('a'.repeat(1_000_000), DEFAULT_PASSWORD_POLICY)).toEqual(['TOO_LONG']);
  });

  it('refuses common passwords case-insensitively', () => {
    expect(checkPassword('Password123', DEFAULT_PASSWORD_POLICY, { commonPasswords: common })).toEqual(['COMMON']);
  });

  it('refuses passwords containing the address local part or the application name', () => {
    const contextWords = passwordContextWords('jane.doe@example.com', 'Acme Cloud');
    expect(checkPassword('my-JANE.DOE-secret', DEFAULT_PASSWORD_POLICY, { contextWords })).toEqual(['CONTEXTUAL']);
    expect(checkPassword('acme rocks forever', DEFAULT_PASSWORD_POLICY, { contextWords })).toEqual(['CONTEXTUAL']);
    expect(checkPassword('cloudy with sunshine', DEFAULT_PASSWORD_POLICY, { contextWords })).toEqual(['CONTEXTUAL']);
    // "doe" is too short a word to refuse a password for on its own.
    expect(checkPassword('a doe in the woods', DEFAULT_PASSWORD_POLICY, { contextWords: ['doe'] })).toEqual([]);
  });

  it('reports every reason at once', () => {
    expect(checkPassword('acme', { minLength: 8, maxLength: 64 }, { contextWords: ['acme'] })).toEqual(['TOO_SHORT', 'CONTEXTUAL']);
  });

  it('honours a client minimum', () => {
    expect(checkPassword('twelve-chars', { minLength: 14, maxLength: 64 })).toEqual(['TOO_SHORT']);
  });
});
