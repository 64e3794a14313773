import { describe, expect, it } from 'vitest';
import { checkPasswordLive, countPasswordLength } from './live-password-check.js';

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
    expect(checkPasswordLive('', '', policy)).toEqual({ length: 0, lengthStatus: 'empty', matchStatus: 'empty', submittable: false });
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
