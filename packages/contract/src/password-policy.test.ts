import { describe, expect, it } from 'vitest';
import {
  checkPassword,
  countCodePoints,
  countUtf8Bytes,
  DEFAULT_PASSWORD_POLICY,
  describePasswordPolicy,
  passwordContextWords,
} from './password-policy.js';
import { passwordPolicySchema } from './schemas.js';

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

describe('the byte limit of a directory’s hash format', () => {
  const bcryptPolicy = { ...DEFAULT_PASSWORD_POLICY, maxBytes: 72 };

  it('counts bytes of UTF-8 as Node does, lone surrogates included', () => {
    for (const text of ['', 'abc', 'é', '€', '😀', 'e\u0301', '\uD800', 'a\uDC00b', 'ﬀ'.repeat(3)]) {
      expect(countUtf8Bytes(text), JSON.stringify(text)).toBe(new TextEncoder().encode(text).length);
    }
    expect(countUtf8Bytes('é'.repeat(36))).toBe(72);
  });

  it('refuses a password over maxBytes as TOO_LONG, however few characters it has, and takes exactly maxBytes', () => {
    expect(checkPassword('é'.repeat(36), bcryptPolicy)).toEqual([]);
    expect(checkPassword(`${'é'.repeat(36)}a`, bcryptPolicy)).toEqual(['TOO_LONG']);
    expect(checkPassword('é'.repeat(37), bcryptPolicy)).toEqual(['TOO_LONG']);
    expect(checkPassword('😀'.repeat(19), bcryptPolicy)).toEqual(['TOO_LONG']);
    expect(checkPassword('a'.repeat(72), bcryptPolicy)).toEqual([]);
    expect(checkPassword('a'.repeat(73), bcryptPolicy)).toEqual(['TOO_LONG']);
  });

  it('says TOO_LONG once when both limits are passed, and still reports the other reasons', () => {
    expect(checkPassword('a'.repeat(129), bcryptPolicy)).toEqual(['TOO_LONG']);
    expect(checkPassword(`password123${'é'.repeat(31)}`, bcryptPolicy, { commonPasswords: { has: () => true } })).toEqual([
      'TOO_LONG',
      'COMMON',
    ]);
  });

  it('is described only when there is one', () => {
    expect(describePasswordPolicy(bcryptPolicy)).toMatchObject({ maxLength: 128, maxBytes: 72 });
    expect(describePasswordPolicy(DEFAULT_PASSWORD_POLICY)).not.toHaveProperty('maxBytes');
    expect(passwordPolicySchema.parse(describePasswordPolicy(bcryptPolicy))).toMatchObject({ maxBytes: 72 });
  });
});
