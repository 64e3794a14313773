import { describe, expect, it } from 'vitest';
import { checkPasswordLive, countPasswordBytes, countPasswordLength } from './live-password-check.js';

const policy = { minLength: 8, maxLength: 12 };

describe('countPasswordLength', () => {
  it('counts code points, not UTF-16 units', () => {
    expect(countPasswordLength('😀😀')).toBe(2);
    expect('😀😀'.length).toBe(4);
  });

  it('counts after NFKC, as the server does', () => {
    expect(countPasswordLength('ﬁ')).toBe(2); // the ligature becomes "fi"
    expect(countPasswordLength('e\u0301')).toBe(1); // e + combining acute becomes é
    expect(countPasswordLength('ＡＢＣ')).toBe(3); // full-width letters become ASCII
  });
});

describe('checkPasswordLive', () => {
  it('says nothing is wrong with empty fields except that they are empty', () => {
    expect(checkPasswordLive('', '', policy)).toEqual({
      length: 0,
      bytes: 0,
      lengthStatus: 'empty',
      matchStatus: 'empty',
      submittable: false,
    });
  });

  it('measures the length against the policy, bounds included', () => {
    expect(checkPasswordLive('1234567', '', policy).lengthStatus).toBe('too-short');
    expect(checkPasswordLive('12345678', '', policy).lengthStatus).toBe('ok');
    expect(checkPasswordLive('123456789012', '', policy).lengthStatus).toBe('ok');
    expect(checkPasswordLive('1234567890123', '', policy).lengthStatus).toBe('too-long');
  });

  it('counts eight emoji as eight characters, enough for a minimum of eight', () => {
    expect(checkPasswordLive('😀'.repeat(8), '😀'.repeat(8), policy)).toMatchObject({ length: 8, lengthStatus: 'ok', submittable: true });
  });

  it('compares the two entries after normalisation', () => {
    expect(checkPasswordLive('caf\u00e9-caf\u00e9', 'cafe\u0301-cafe\u0301', policy).matchStatus).toBe('same');
    expect(checkPasswordLive('abcdefgh', 'abcdefgH', policy).matchStatus).toBe('different');
  });

  it('is submittable only when the length is right and the entries match', () => {
    expect(checkPasswordLive('abcdefgh', 'abcdefgh', policy).submittable).toBe(true);
    expect(checkPasswordLive('abcdefgh', '', policy).submittable).toBe(false);
    expect(checkPasswordLive('abc', 'abc', policy).submittable).toBe(false);
  });

  it('has no composition rules: digits, case and symbols do not matter', () => {
    expect(checkPasswordLive('aaaaaaaa', 'aaaaaaaa', policy).submittable).toBe(true);
    expect(checkPasswordLive('        ', '        ', policy).submittable).toBe(true);
  });
});

describe('the byte limit of a bcrypt directory', () => {
  const bcryptPolicy = { minLength: 8, maxLength: 128, maxBytes: 72 };

  it('counts bytes of UTF-8 as typed, not normalised, as the server measures them', () => {
    expect(countPasswordBytes('abc')).toBe(3);
    expect(countPasswordBytes('é')).toBe(2);
    expect(countPasswordBytes('e\u0301')).toBe(3); // NFKC would make it the 2 bytes of é: the server hashes it as typed
    expect(countPasswordBytes('😀')).toBe(4);
  });

  it('refuses 73 bytes of two-byte characters though they are 37 characters, and takes exactly 72', () => {
    const over = `${'é'.repeat(36)}a`;
    expect(checkPasswordLive(over, over, bcryptPolicy)).toMatchObject({
      length: 37,
      bytes: 73,
      lengthStatus: 'too-many-bytes',
      submittable: false,
    });
    expect(checkPasswordLive('é'.repeat(36), 'é'.repeat(36), bcryptPolicy)).toMatchObject({
      bytes: 72,
      lengthStatus: 'ok',
      submittable: true,
    });
  });

  it('tells the byte limit first when both limits are passed, and none without maxBytes', () => {
    expect(checkPasswordLive('a'.repeat(129), '', bcryptPolicy).lengthStatus).toBe('too-many-bytes');
    expect(checkPasswordLive('a'.repeat(129), '', { minLength: 8, maxLength: 128 }).lengthStatus).toBe('too-long');
    expect(checkPasswordLive(`${'é'.repeat(36)}a`, '', { minLength: 8, maxLength: 128 }).lengthStatus).toBe('ok');
  });
});
