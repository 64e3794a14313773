import bcryptjs from 'bcryptjs';
import { describe, expect, it } from 'vitest';
import { UnknownPasswordHashFormatError } from './password-hashes/index.js';
import { hashPassword, verifyPassword } from './password-hashing.js';

describe('the embedded directory’s password hashing', () => {
  it('writes argon2id of the NFKC form, so the same password typed another way still matches', async () => {
    const stored = await hashPassword('ﬁnance ①'); // a ligature and a circled digit: NFKC makes them "fi" and "1"
    expect(stored).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(stored, 'finance 1')).toBe(true);
    expect(await verifyPassword(stored, 'finance 2')).toBe(false);
  });

  it('reads a hash another application wrote, such as an imported bcrypt one', async () => {
    const imported = await bcryptjs.hash('an imported password', 4);
    expect(await verifyPassword(imported, 'an imported password')).toBe(true);
    expect(await verifyPassword(imported, 'another password')).toBe(false);
  });

  it('treats an empty stored hash as a non-match, and rejects one in no known format as a data problem', async () => {
    expect(await verifyPassword('', 'a password')).toBe(false);
    await expect(verifyPassword('not a hash', 'a password')).rejects.toBeInstanceOf(UnknownPasswordHashFormatError);
  });
});
