import { describe, expect, it } from 'vitest';
import { createPasswordHasher, storedPasswordHashFormat } from './create-password-hasher.js';
import { PASSWORD_HASH_FORMATS, UnknownPasswordHashFormatError } from './password-hasher.js';

const PASSWORD = 'a shared passphrase ✓';

describe('createPasswordHasher', () => {
  it('writes each format in a form it then recognises as that format', async () => {
    for (const format of PASSWORD_HASH_FORMATS) {
      const hasher = createPasswordHasher({ format });
      expect(hasher.format).toBe(format);
      expect(storedPasswordHashFormat(await hasher.hash(PASSWORD))).toBe(format);
    }
  });

  it('verifies a stored hash of any format, whatever format its directory writes', async () => {
    const hashers = PASSWORD_HASH_FORMATS.map((format) => createPasswordHasher({ format, bcryptCost: 4 }));
    const storedHashes = await Promise.all(hashers.map((hasher) => hasher.hash(PASSWORD)));
    for (const hasher of hashers) {
      for (const stored of storedHashes) {
        expect(await hasher.verify(PASSWORD, stored)).toBe(true);
        expect(await hasher.verify(`${PASSWORD}.`, stored)).toBe(false);
      }
    }
  });

  it('answers null, not false, when there is no stored hash to compare with (NULL or empty)', async () => {
    const hasher = createPasswordHasher({ format: 'trafficops-scrypt' });
    expect(await hasher.verify(PASSWORD, null)).toBeNull();
    expect(await hasher.verify(PASSWORD, '')).toBeNull();
  });

  it('rejects a stored hash in no known format', async () => {
    const hasher = createPasswordHasher({ format: 'argon2id' });
    // Plain text, md5-crypt, LDAP's SSHA, blank, and a bcrypt-looking string far too long to be one.
    const unknown = [
      'hunter2-stored-in-plain',
      '$1$saltsalt$2vRaHcb0DslrXnPTF3eV8.',
      '{SSHA}c2VjcmV0c2FsdA==',
      ' ',
      `$2b$10$${'a'.repeat(2000)}`,
    ];
    for (const stored of unknown) {
      await expect(hasher.verify(PASSWORD, stored)).rejects.toBeInstanceOf(UnknownPasswordHashFormatError);
    }
  });

  it('says so with a message that does not contain the stored hash, since errors reach the logs', async () => {
    const stored = 'hunter2-stored-in-plain';
    const hasher = createPasswordHasher({ format: 'bcrypt' });
    const error: unknown = await hasher.verify(PASSWORD, stored).catch((rejection: unknown) => rejection);
    expect(error).toBeInstanceOf(UnknownPasswordHashFormatError);
    expect(String(error)).toBe('UnknownPasswordHashFormatError: the stored password hash is in no known format');
    expect(error instanceof Error ? error.stack : undefined).not.toContain('hunter2');
  });

  it('reports no format for a string that is not a well-formed hash of the three', () => {
    expect(storedPasswordHashFormat('hunter2')).toBeNull();
    expect(storedPasswordHashFormat('SCRYPT:16384:8:1:AA==:AA==')).toBeNull();
  });
});
