import bcryptjs from 'bcryptjs';
import { describe, expect, it } from 'vitest';
import { createPasswordHasher } from './create-password-hasher.js';
import { UnknownPasswordHashFormatError } from './password-hasher.js';

// bcryptjs is an independent implementation (pure JavaScript) of what @node-rs/bcrypt (Rust) computes for us.
const bcrypt = createPasswordHasher({ format: 'bcrypt' });
const laravelBcrypt = createPasswordHasher({ format: 'bcrypt', bcryptPrefix: '2y' });

// Real Laravel output: laravel/laravel's database/factories/UserFactory.php (commit f1b3ab6b), the hash of "secret".
const LARAVEL_USER_FACTORY_HASH = '$2y$10$TKh8H1.PfQx37YgCzwiKb.KjNyWgaHb9cbcoQgdIVFlYg7B77UdFm';

describe('bcrypt hashes', () => {
  it('are written with $2b$ and cost 10 by default, and an independent bcrypt accepts them', async () => {
    const stored = await bcrypt.hash('pässwörd ✓ 密码');
    expect(stored).toMatch(/^\$2b\$10\$[./A-Za-z0-9]{53}$/);
    expect(await bcryptjs.compare('pässwörd ✓ 密码', stored)).toBe(true);
    expect(await bcryptjs.compare('pässwörd ✓ 密', stored)).toBe(false);
  });

  it('are written with $2y$, as Laravel writes and reads them, when the directory says bcryptPrefix 2y', async () => {
    const stored = await laravelBcrypt.hash('a Laravel password');
    expect(stored).toMatch(/^\$2y\$10\$[./A-Za-z0-9]{53}$/);
    expect(await bcryptjs.compare('a Laravel password', stored)).toBe(true);
  });

  it('take the cost the directory names', async () => {
    expect(await createPasswordHasher({ format: 'bcrypt', bcryptCost: 4 }).hash('a password')).toMatch(/^\$2b\$04\$/);
  });

  it('verify for the password they were written for and for no other', async () => {
    const stored = await laravelBcrypt.hash('Grüße aus Köln');
    expect(await bcrypt.verify('Grüße aus Köln', stored)).toBe(true);
    expect(await bcrypt.verify('Grusse aus Koln', stored)).toBe(false);
  });

  it('written by an independent bcrypt verify with us under each of $2a$, $2b$ and $2y$', async () => {
    const written = await bcryptjs.hash('ünïcödé and ascii', 10);
    for (const prefix of ['2a', '2b', '2y']) {
      const stored = `$${prefix}$${written.slice(4)}`;
      expect(await bcrypt.verify('ünïcödé and ascii', stored)).toBe(true);
      expect(await bcrypt.verify('unicode and ascii', stored)).toBe(false);
    }
  });

  it('written by Laravel itself verify with us', async () => {
    expect(await laravelBcrypt.verify('secret', LARAVEL_USER_FACTORY_HASH)).toBe(true);
    expect(await laravelBcrypt.verify('Secret', LARAVEL_USER_FACTORY_HASH)).toBe(false);
  });

  it('are never written for a password longer than 72 bytes of UTF-8, which bcrypt would truncate', async () => {
    const seventyTwoBytes = 'é'.repeat(36);
    expect(await bcryptjs.compare(seventyTwoBytes, await bcrypt.hash(seventyTwoBytes))).toBe(true);
    await expect(bcrypt.hash(`${seventyTwoBytes}a`)).rejects.toBeInstanceOf(RangeError);
    // What the refusal prevents: bcrypt itself cannot tell apart passwords that share their first 72 bytes.
    const truncated = await bcryptjs.hash(`${seventyTwoBytes}a`, 4);
    expect(await bcryptjs.compare(`${seventyTwoBytes}b`, truncated)).toBe(true);
  });

  it('are never written for a password with a NUL character, where C implementations stop reading', async () => {
    await expect(bcrypt.hash('before\u0000after')).rejects.toBeInstanceOf(RangeError);
  });

  it('cannot be configured with a cost outside 4 to 14', () => {
    for (const bcryptCost of [3, 15, 10.5]) {
      expect(() => createPasswordHasher({ format: 'bcrypt', bcryptCost })).toThrow(RangeError);
    }
  });

  it('that name a cost we would not spend (31), or the buggy $2x$, are an unknown format', async () => {
    const written = await bcryptjs.hash('a password', 4);
    for (const stored of [`$2b$31$${written.slice(7)}`, `$2x$04$${written.slice(7)}`, `$2b$04$${written.slice(7, 40)}`]) {
      await expect(bcrypt.verify('a password', stored)).rejects.toBeInstanceOf(UnknownPasswordHashFormatError);
    }
  });
});
