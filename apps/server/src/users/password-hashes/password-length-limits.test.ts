import { describe, expect, it } from 'vitest';
import { exceedsFormatPasswordLimit, maximumPasswordBytes } from './password-length-limits.js';

describe('password length limits of the hash formats', () => {
  it('are 72 bytes for bcrypt and none for argon2id and Traffic Ops scrypt', () => {
    expect(maximumPasswordBytes('bcrypt')).toBe(72);
    expect(maximumPasswordBytes('argon2id')).toBeNull();
    expect(maximumPasswordBytes('trafficops-scrypt')).toBeNull();
  });

  it('count bytes of UTF-8, not characters: 36 two-byte letters fit bcrypt, 37 do not', () => {
    expect(exceedsFormatPasswordLimit('bcrypt', 'é'.repeat(36))).toBe(false);
    expect(exceedsFormatPasswordLimit('bcrypt', 'é'.repeat(37))).toBe(true);
  });

  it('let 24 three-byte or 18 four-byte characters through bcrypt, and refuse one byte more', () => {
    expect(exceedsFormatPasswordLimit('bcrypt', '€'.repeat(24))).toBe(false);
    expect(exceedsFormatPasswordLimit('bcrypt', `${'€'.repeat(24)}a`)).toBe(true);
    expect(exceedsFormatPasswordLimit('bcrypt', '😀'.repeat(18))).toBe(false);
    expect(exceedsFormatPasswordLimit('bcrypt', '😀'.repeat(19))).toBe(true);
  });

  it('count ASCII as one byte a character', () => {
    expect(exceedsFormatPasswordLimit('bcrypt', 'a'.repeat(72))).toBe(false);
    expect(exceedsFormatPasswordLimit('bcrypt', 'a'.repeat(73))).toBe(true);
  });

  it('never refuse a long password for the formats that read all of it', () => {
    expect(exceedsFormatPasswordLimit('argon2id', '😀'.repeat(1000))).toBe(false);
    expect(exceedsFormatPasswordLimit('trafficops-scrypt', '😀'.repeat(1000))).toBe(false);
  });
});
