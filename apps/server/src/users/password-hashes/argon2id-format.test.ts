import { hash as argon2Hash } from '@node-rs/argon2';
import { describe, expect, it } from 'vitest';
import { createPasswordHasher } from './create-password-hasher.js';
import { UnknownPasswordHashFormatError } from './password-hasher.js';

const argon2id = createPasswordHasher({ format: 'argon2id' });

describe('argon2id hashes', () => {
  it('are PHC strings with the OWASP baseline parameters: 19 MiB, 2 passes, 1 lane', async () => {
    expect(await argon2id.hash('a password')).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/);
  });

  it('verify for the password they were written for and for no other', async () => {
    const stored = await argon2id.hash('pässwörd ✓ 密码');
    expect(await argon2id.verify('pässwörd ✓ 密码', stored)).toBe(true);
    expect(await argon2id.verify('passwort ✓ 密码', stored)).toBe(false);
  });

  it('are of the password exactly as given: normalising it is the caller’s choice', async () => {
    const stored = await argon2id.hash('ﬁnance'); // "ﬁ" is one ligature code point; NFKC would make it "fi"
    expect(await argon2id.verify('ﬁnance', stored)).toBe(true);
    expect(await argon2id.verify('finance', stored)).toBe(false);
  });

  it('written by another application as argon2i verify too', async () => {
    const stored = await argon2Hash('older hash', { algorithm: 1, memoryCost: 4096, timeCost: 3, parallelism: 1 });
    expect(stored).toMatch(/^\$argon2i\$/);
    expect(await argon2id.verify('older hash', stored)).toBe(true);
  });

  it('that ask for too much memory, passes or lanes are an unknown format, refused without deriving', async () => {
    const stored = await argon2id.hash('a password');
    const hostile = ['m=4194304,t=2,p=1', 'm=19456,t=1000,p=1', 'm=19456,t=2,p=64'].map((parameters) =>
      stored.replace('m=19456,t=2,p=1', parameters),
    );
    for (const candidate of hostile) {
      await expect(argon2id.verify('a password', candidate)).rejects.toBeInstanceOf(UnknownPasswordHashFormatError);
    }
  });

  it('that are malformed are an unknown format, never a wrong password', async () => {
    const stored = await argon2id.hash('a password');
    for (const candidate of [stored.slice(0, stored.lastIndexOf('$')), `${stored.slice(0, -4)}!!!!`, '$argon2id$garbage']) {
      await expect(argon2id.verify('a password', candidate)).rejects.toBeInstanceOf(UnknownPasswordHashFormatError);
    }
  });
});
