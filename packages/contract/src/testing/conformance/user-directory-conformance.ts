import { describe, expect, it } from 'vitest';
import type { UserDirectory } from '../../engine/ports.js';

/** An account a test puts in the directory, by whatever means the adapter's store has (CLI, SQL, a fake API). */
export interface SeededUser {
  readonly email: string;
  readonly password: string;
  readonly name?: string;
  readonly locale?: string;
  readonly disabled?: boolean;
}

export interface UserDirectoryUnderTest {
  readonly users: UserDirectory;
  /** Stores the account with its password hashed as the adapter's store does; returns its id. */
  seed(user: SeededUser): Promise<string>;
}

/** Builds a fresh, empty directory. */
export type MakeUserDirectory = () => Promise<UserDirectoryUnderTest>;

/**
 * What every UserDirectory must do, as its port's doc comments state. One call per adapter:
 * each new kind of directory (SQL, HTTP) is one more call with its own `makeDirectory`.
 */
export function describeUserDirectoryConformance(adapterName: string, makeDirectory: MakeUserDirectory): void {
  describe(`${adapterName}: the user directory contract`, () => {
    it('finds an account by its address whatever its case, surrounding spaces or Unicode form', async () => {
      const { users, seed } = await makeDirectory();
      const id = await seed({ email: 'Jane.Doe@Example.com', password: 'correct horse', name: 'Jane', locale: 'nl' });
      const account = { id, email: 'Jane.Doe@Example.com', name: 'Jane', locale: 'nl', disabled: false };
      for (const typed of ['jane.doe@example.com', '  JANE.DOE@EXAMPLE.COM ', 'ｊａｎｅ.ｄｏｅ@example.com']) {
        expect(await users.findByEmail(typed), typed).toStrictEqual(account);
      }
      expect(await users.findById(id)).toStrictEqual(account);
    });

    it('answers null for an address or an id it does not have', async () => {
      const { users, seed } = await makeDirectory();
      await seed({ email: 'jane@example.com', password: 'correct horse' });
      expect(await users.findByEmail('john@example.com')).toBeNull();
      expect(await users.findByEmail('jane@example.org')).toBeNull();
      expect(await users.findById('usr_nobody')).toBeNull();
    });

    it('leaves out a name and locale the account does not have', async () => {
      const { users, seed } = await makeDirectory();
      const id = await seed({ email: 'plain@example.com', password: 'correct horse' });
      expect(await users.findById(id)).toStrictEqual({ id, email: 'plain@example.com', disabled: false });
    });

    it('finds a disabled account, and says it is disabled', async () => {
      const { users, seed } = await makeDirectory();
      const id = await seed({ email: 'gone@example.com', password: 'correct horse', disabled: true });
      expect(await users.findByEmail('gone@example.com')).toMatchObject({ id, disabled: true });
    });

    it('verifies the current password, in its NFKC form too, and nothing else', async () => {
      const { users, seed } = await makeDirectory();
      const id = await seed({ email: 'jane@example.com', password: 'ｃｏｒｒｅｃｔ horse' });
      expect(await users.verifyPassword(id, 'ｃｏｒｒｅｃｔ horse')).toBe(true);
      expect(await users.verifyPassword(id, 'correct horse')).toBe(true);
      expect(await users.verifyPassword(id, 'Correct horse')).toBe(false);
      expect(await users.verifyPassword(id, '')).toBe(false);
      expect(await users.verifyPassword('usr_nobody', 'correct horse')).toBe(false);
    });

    it('replaces the password: the new one verifies and the old one no longer does', async () => {
      const { users, seed } = await makeDirectory();
      const id = await seed({ email: 'jane@example.com', password: 'old passphrase' });
      const other = await seed({ email: 'john@example.com', password: 'old passphrase' });
      await users.setPassword(id, 'new passphrase');
      expect(await users.verifyPassword(id, 'new passphrase')).toBe(true);
      expect(await users.verifyPassword(id, 'old passphrase')).toBe(false);
      expect(await users.verifyPassword(other, 'old passphrase')).toBe(true);
      expect(await users.findById(id)).toMatchObject({ id, email: 'jane@example.com', disabled: false });
    });

    it('creates no account when asked to set the password of one it does not have', async () => {
      const { users } = await makeDirectory();
      await users.setPassword('usr_nobody', 'new passphrase');
      expect(await users.findById('usr_nobody')).toBeNull();
      expect(await users.verifyPassword('usr_nobody', 'new passphrase')).toBe(false);
    });
  });
}
