import { describe, expect, it } from 'vitest';
import { DependencyUnavailableError } from '../../dependency-unavailable-error.js';
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
 * The rules an adapter keeps where the port lets directories differ. Every case below holds for every
 * adapter; these only say which answer is the right one.
 */
export interface UserDirectoryRules {
  /**
   * How `findByEmail` compares, after trimming: `normalized` is normalizeEmail (NFKC, lower case; the
   * embedded directory), `case-insensitive` and `exact` are an application's own store's rules.
   */
  readonly emailMatch: 'normalized' | 'case-insensitive' | 'exact';
  /**
   * `nfkc`: a password matches in its NFKC form too (the embedded directory hashes that form);
   * `as-given`: exactly as typed, since the application's own login hashes what its user types.
   */
  readonly passwordForm: 'nfkc' | 'as-given';
  /**
   * What `setPassword` does with an id no account has: `ignored` (resolves, changing nothing) or
   * `refused` (rejects as unavailable, so that the reset does not count as done).
   */
  readonly writeToUnknownAccount: 'ignored' | 'refused';
  /**
   * Whether it has findByIdWithPasswordCheck (it keeps the stored password in the account's record):
   * `with-account`; or only findById, then verifyPassword: `apart`.
   */
  readonly passwordRead: 'with-account' | 'apart';
}

/** The rules of the embedded directory and of the in-memory double. */
export const EMBEDDED_USER_DIRECTORY_RULES: UserDirectoryRules = {
  emailMatch: 'normalized',
  passwordForm: 'nfkc',
  writeToUnknownAccount: 'ignored',
  passwordRead: 'with-account',
};

/** Addresses that would change a statement if anyone spliced them into SQL or a pattern. */
const INJECTION_LOOKING_ADDRESSES = [
  "' OR '1'='1",
  "nobody@example.com' OR 1=1 --",
  'nobody@example.com"; DROP TABLE users; --',
  "x@example.com'); DELETE FROM users; --",
  "\\' OR 1=1 #",
  '%',
  '_@example.com',
  '*',
];

/** Ids that no account has: another prefix, a number far out, nothing. */
const UNKNOWN_IDS = ['usr_nobody', '999999999', ''];

/**
 * What every UserDirectory must do, as its port's doc comments state. One call per adapter and
 * configuration: the in-memory double here, and in apps/server every served directory through
 * describeServedUserDirectoryConformance, which runs these cases and the server's own.
 */
export function describeUserDirectoryConformance(adapterName: string, rules: UserDirectoryRules, makeDirectory: MakeUserDirectory): void {
  describe(`${adapterName}: the user directory contract`, () => {
    it('finds an account by its address, with its id as a string and its optional fields, and by that id', async () => {
      const { users, seed } = await makeDirectory();
      const id = await seed({ email: 'jane.doe@example.com', password: 'correct horse', name: 'Jane Doe', locale: 'nl' });
      const account = { id, email: 'jane.doe@example.com', name: 'Jane Doe', locale: 'nl', disabled: false };
      expect(typeof id).toBe('string');
      expect(await users.findByEmail('jane.doe@example.com')).toStrictEqual(account);
      expect(await users.findById(id)).toStrictEqual(account);
    });

    it('leaves out a name and locale the account does not have', async () => {
      const { users, seed } = await makeDirectory();
      const id = await seed({ email: 'plain@example.com', password: 'correct horse' });
      expect(await users.findById(id)).toStrictEqual({ id, email: 'plain@example.com', disabled: false });
    });

    it('trims the address it is handed', async () => {
      const { users, seed } = await makeDirectory();
      const id = await seed({ email: 'trim@example.com', password: 'correct horse' });
      expect((await users.findByEmail('  trim@example.com \n'))?.id).toBe(id);
    });

    it(`matches other spellings of an address as its rule says (${rules.emailMatch})`, async () => {
      const { users, seed } = await makeDirectory();
      const id = await seed({ email: 'Mixed.Case@Example.com', password: 'correct horse' });
      expect((await users.findByEmail('Mixed.Case@Example.com'))?.id).toBe(id);
      const otherCase = await users.findByEmail('mixed.case@example.COM');
      expect(otherCase?.id ?? null).toBe(rules.emailMatch === 'exact' ? null : id);
      const otherUnicodeForm = await users.findByEmail('Ｍｉｘｅｄ.Case@Example.com');
      expect(otherUnicodeForm?.id ?? null).toBe(rules.emailMatch === 'normalized' ? id : null);
    });

    it('answers null for an address or an id it does not have', async () => {
      const { users, seed } = await makeDirectory();
      await seed({ email: 'known@example.com', password: 'correct horse' });
      for (const address of ['unknown@example.com', 'known@example.co', 'known@example.com.', '']) {
        expect(await users.findByEmail(address), address).toBeNull();
      }
      for (const id of UNKNOWN_IDS) expect(await users.findById(id), id).toBeNull();
    });

    it('answers null for ids the store could only reach by coercion', async () => {
      const { users, seed } = await makeDirectory();
      const id = await seed({ email: 'coerced@example.com', password: 'correct horse' });
      for (const lookalike of [`${id}abc`, `0${id}`, ` ${id}`, `${id} `, `${id}.0`]) {
        expect(await users.findById(lookalike), lookalike).toBeNull();
      }
    });

    it('finds a disabled account, and says it is disabled, both ways', async () => {
      const { users, seed } = await makeDirectory();
      const id = await seed({ email: 'gone@example.com', password: 'correct horse', disabled: true });
      expect(await users.findByEmail('gone@example.com')).toMatchObject({ id, disabled: true });
      expect(await users.findById(id)).toMatchObject({ id, disabled: true });
    });

    it(`verifies the current password and nothing else (${rules.passwordForm})`, async () => {
      const { users, seed } = await makeDirectory();
      const id = await seed({ email: 'verify@example.com', password: 'ｃｏｒｒｅｃｔ horse' });
      expect(await users.verifyPassword(id, 'ｃｏｒｒｅｃｔ horse')).toBe(true);
      expect(await users.verifyPassword(id, 'correct horse')).toBe(rules.passwordForm === 'nfkc');
      expect(await users.verifyPassword(id, 'ｃｏｒｒｅｃｔ hors')).toBe(false);
      expect(await users.verifyPassword(id, 'Ｃｏｒｒｅｃｔ horse')).toBe(false);
      expect(await users.verifyPassword(id, '')).toBe(false);
      for (const unknown of UNKNOWN_IDS) expect(await users.verifyPassword(unknown, 'ｃｏｒｒｅｃｔ horse'), unknown).toBe(false);
    });

    it(`reads an account with its password check as findById and verifyPassword answer (${rules.passwordRead})`, async () => {
      const { users, seed } = await makeDirectory();
      const together = rules.passwordRead === 'with-account';
      expect(typeof users.findByIdWithPasswordCheck).toBe(together ? 'function' : 'undefined');
      const id = await seed({ email: 'both@example.com', password: 'ｃｏｒｒｅｃｔ horse', name: 'Both' });
      const found = await users.findByIdWithPasswordCheck?.(id);
      expect(found?.account).toEqual(together ? await users.findById(id) : undefined);
      expect(await found?.isCurrentPassword('ｃｏｒｒｅｃｔ horse')).toBe(together ? true : undefined);
      expect(await found?.isCurrentPassword('ｃｏｒｒｅｃｔ hors')).toBe(together ? false : undefined);
      // It answers for the password stored when it was read, as a verifyPassword at that moment would.
      await users.setPassword(id, 'a new passphrase 2');
      expect(await found?.isCurrentPassword('ｃｏｒｒｅｃｔ horse')).toBe(together ? true : undefined);
      for (const unknown of UNKNOWN_IDS)
        expect(await users.findByIdWithPasswordCheck?.(unknown), unknown).toBe(together ? null : undefined);
    });

    it('replaces the password of that account only: the new one verifies and the old one no longer does', async () => {
      const { users, seed } = await makeDirectory();
      const id = await seed({ email: 'jane@example.com', password: 'old passphrase' });
      const other = await seed({ email: 'john@example.com', password: 'old passphrase' });
      await users.setPassword(id, 'new passphrase');
      expect(await users.verifyPassword(id, 'new passphrase')).toBe(true);
      expect(await users.verifyPassword(id, 'old passphrase')).toBe(false);
      expect(await users.verifyPassword(other, 'old passphrase')).toBe(true);
      expect(await users.verifyPassword(other, 'new passphrase')).toBe(false);
      expect(await users.findById(id)).toMatchObject({ id, email: 'jane@example.com', disabled: false });
    });

    it(`creates no account when asked to set the password of one it does not have (${rules.writeToUnknownAccount})`, async () => {
      const { users } = await makeDirectory();
      const outcome = await users.setPassword('usr_nobody', 'new passphrase').then(
        () => 'ignored',
        (error: unknown) => (error instanceof DependencyUnavailableError ? 'refused' : error),
      );
      expect(outcome).toBe(rules.writeToUnknownAccount);
      expect(await users.findById('usr_nobody')).toBeNull();
      expect(await users.verifyPassword('usr_nobody', 'new passphrase')).toBe(false);
    });

    it('treats addresses that look like SQL or patterns as plain, unknown addresses', async () => {
      const { users, seed } = await makeDirectory();
      const id = await seed({ email: 'victim@example.com', password: 'old passphrase' });
      for (const address of INJECTION_LOOKING_ADDRESSES) expect(await users.findByEmail(address), address).toBeNull();
      expect((await users.findByEmail('victim@example.com'))?.id).toBe(id);
      expect(await users.verifyPassword(id, 'old passphrase')).toBe(true);
    });

    it('stores a password that looks like SQL or JSON as any other', async () => {
      const { users, seed } = await makeDirectory();
      const id = await seed({ email: 'sqlish@example.com', password: 'old passphrase' });
      const password = `x'); UPDATE users SET password = NULL; -- "}\\`;
      await users.setPassword(id, password);
      expect(await users.verifyPassword(id, password)).toBe(true);
      expect(await users.verifyPassword(id, 'old passphrase')).toBe(false);
    });
  });
}
