import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeResetTokenRecord, encodeResetTokenRecord } from './reset-token-record-encoding.js';
import type { StoredResetToken } from './reset-token-record.js';

const ISSUED_AT = Date.UTC(2026, 0, 2, 3, 4, 5, 678);

function record(overrides: Partial<StoredResetToken> = {}): StoredResetToken {
  return {
    userId: `usr_${randomBytes(16).toString('hex')}`,
    directory: 'default',
    clientId: `cl_${randomBytes(12).toString('hex')}`,
    issuedAt: ISSUED_AT,
    expiresAt: ISSUED_AT + 86_400_000,
    generation: 1,
    state: 'active',
    reservedUntil: 0,
    failedAttempts: 0,
    ...overrides,
  };
}

describe('a reset token record in format 1', () => {
  it.each([
    ['a pipe', 'id|with|pipes'],
    ['percent escapes written literally', '%7C%25%7E|%'],
    ['a leading tilde', '~usr_00'],
    ['unicode', 'ユーザー🙂|ü'],
    ['one character', '7'],
    ['spaces and a newline', ' a b\nc '],
    ['hex of our shape in capitals (kept as is)', `usr_${'AB'.repeat(16)}`],
    ['hex of an odd length (kept as is)', `usr_${'a'.repeat(33)}`],
    ['braces and colons', 'id:with}brace{and:colons'],
  ])('reads back what it wrote for a user id with %s', (_what, userId) => {
    const written = record({ userId, clientId: userId, directory: 'staff' });
    expect(decodeResetTokenRecord(encodeResetTokenRecord(written))).toEqual(written);
  });

  it('reads back every state, count, lease and flag', () => {
    for (const state of ['active', 'reserved', 'used', 'locked'] as const) {
      const written = record({
        state,
        failedAttempts: 12,
        reservedUntil: ISSUED_AT + 60_000,
        writeUncertain: '1',
        generation: 123_456,
        legacyGeneration: 7,
      });
      expect(decodeResetTokenRecord(encodeResetTokenRecord(written))).toEqual(written);
    }
  });

  it('writes the default directory as nothing, and reads nothing as it', () => {
    const written = record();
    const encoded = encodeResetTokenRecord(written);
    expect(encoded).not.toContain('default');
    expect(decodeResetTokenRecord(encoded).directory).toBe('default');
  });

  it('packs ids of our own shape, so a record of them fits an 80-byte allocation of Redis (76 characters)', () => {
    const written = record();
    const encoded = encodeResetTokenRecord(written);
    expect(encoded).not.toContain(written.userId);
    expect(encoded).not.toContain(written.clientId);
    expect(encoded.length).toBeLessThanOrEqual(76);
  });

  it('reads back any ids and numbers (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, unit: 'grapheme' }),
        fc.string({ minLength: 1 }),
        fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/),
        fc.integer({ min: 0, max: 2 ** 45 }),
        fc.integer({ min: 1, max: 2 ** 40 }),
        fc.integer({ min: 1, max: 2 ** 31 }),
        (userId, clientId, directory, issuedAt, lifetime, generation) => {
          const written = record({ userId, clientId, directory, issuedAt, expiresAt: issuedAt + lifetime, generation });
          expect(decodeResetTokenRecord(encodeResetTokenRecord(written))).toEqual(written);
        },
      ),
    );
  });

  it('refuses what is not a record of format 1', () => {
    const encoded = encodeResetTokenRecord(record());
    expect(() => decodeResetTokenRecord(`2${encoded.slice(1)}`)).toThrow();
    expect(() => decodeResetTokenRecord(encoded.replace('|~usr_', '|~usr_@'))).toThrow();
    expect(() => decodeResetTokenRecord('')).toThrow();
  });
});
