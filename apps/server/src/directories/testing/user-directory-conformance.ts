import { DependencyUnavailableError } from '@pwreset/contract';
import type { UserDirectory } from '@pwreset/contract/engine';
import { beforeEach, describe, expect, it } from 'vitest';
import type { EmailMatchMode } from '../../config/user-directories/user-directories-schema.js';

export interface ConformanceAccount {
  readonly email: string;
  /** Stored hashed in the directory's own format; null stores no hash at all (an LDAP user). */
  readonly password: string | null;
  readonly name?: string;
  readonly locale?: string;
  readonly disabled?: boolean;
}

/** One adapter under test, on an empty store. */
export interface UserDirectoryConformanceSubject {
  readonly directory: UserDirectory;
  readonly emailMatch: EmailMatchMode;
  /** Puts an account straight into the store, not through the port; returns its id. */
  addAccount(account: ConformanceAccount): Promise<string>;
  /** The stored password hash, read straight from the store. */
  readStoredPasswordHash(userId: string): Promise<string | null>;
  /** A directory of the same kind and settings whose store cannot be reached (a wrong port). */
  unreachableDirectory(): UserDirectory;
}

/** Made afresh before every test; the store it returns is empty. */
export type UserDirectoryConformanceFactory = () => Promise<UserDirectoryConformanceSubject>;

/** Addresses that would change a statement if anyone spliced them into SQL. */
const INJECTION_LOOKING_ADDRESSES = [
  "' OR '1'='1",
  "nobody@example.com' OR 1=1 --",
  'nobody@example.com"; DROP TABLE users; --',
  "x@example.com'); DELETE FROM users; --",
  "\\' OR 1=1 #",
  '%',
  '_@example.com',
];

/**
 * The semantics every UserDirectory adapter keeps (user-directory-port.ts), run against one adapter.
 * Each adapter file calls it once per configuration, as better-auth's adapter test suite does.
 */
export function describeUserDirectoryConformance(label: string, makeSubject: UserDirectoryConformanceFactory): void {
  describe(`UserDirectory conformance: ${label}`, () => {
    let subject: UserDirectoryConformanceSubject;
    beforeEach(async () => {
      subject = await makeSubject();
    });

    it('finds an account by its address, with its id as a string and its optional fields', async () => {
      const id = await subject.addAccount({ email: 'jane.doe@example.com', password: 'old password 1', name: 'Jane Doe', locale: 'es' });
      expect(typeof id).toBe('string');
      expect(await subject.directory.findByEmail('jane.doe@example.com')).toEqual({
        id,
        email: 'jane.doe@example.com',
        name: 'Jane Doe',
        locale: 'es',
        disabled: false,
      });
    });

    it('leaves out a name and locale the account does not have', async () => {
      const id = await subject.addAccount({ email: 'plain@example.com', password: 'old password 1' });
      expect(await subject.directory.findById(id)).toEqual({ id, email: 'plain@example.com', disabled: false });
    });

    it('trims the address it is handed', async () => {
      const id = await subject.addAccount({ email: 'trim@example.com', password: 'old password 1' });
      expect((await subject.directory.findByEmail('  trim@example.com \n'))?.id).toBe(id);
    });

    it('matches another spelling of the case only when the directory is case-insensitive', async () => {
      const id = await subject.addAccount({ email: 'Mixed.Case@Example.com', password: 'old password 1' });
      expect((await subject.directory.findByEmail('Mixed.Case@Example.com'))?.id).toBe(id);
      const otherCase = await subject.directory.findByEmail('mixed.case@example.COM');
      expect(otherCase?.id ?? null).toBe(subject.emailMatch === 'case-insensitive' ? id : null);
    });

    it('answers null for an unknown address and an unknown id', async () => {
      await subject.addAccount({ email: 'known@example.com', password: 'old password 1' });
      expect(await subject.directory.findByEmail('unknown@example.com')).toBeNull();
      expect(await subject.directory.findByEmail('known@example.co')).toBeNull();
      expect(await subject.directory.findByEmail('')).toBeNull();
      expect(await subject.directory.findById('999999999')).toBeNull();
    });

    it('answers null for ids the store could only reach by coercion', async () => {
      const id = await subject.addAccount({ email: 'coerced@example.com', password: 'old password 1' });
      for (const lookalike of [`${id}abc`, `0${id}`, ` ${id}`, `${id}.0`, 'abc', '', "1' OR '1'='1"]) {
        expect(await subject.directory.findById(lookalike), lookalike).toBeNull();
      }
    });

    it('finds an account by the id its lookup by address gave', async () => {
      await subject.addAccount({ email: 'byid@example.com', password: 'old password 1', name: 'By Id' });
      const byEmail = await subject.directory.findByEmail('byid@example.com');
      expect(byEmail).not.toBeNull();
      expect(await subject.directory.findById(byEmail?.id ?? '')).toEqual(byEmail);
    });

    it('reports a disabled account as disabled, both ways', async () => {
      const id = await subject.addAccount({ email: 'disabled@example.com', password: 'old password 1', disabled: true });
      expect(await subject.directory.findByEmail('disabled@example.com')).toMatchObject({ id, disabled: true });
      expect(await subject.directory.findById(id)).toMatchObject({ id, disabled: true });
    });

    it('verifies the current password and refuses any other', async () => {
      const id = await subject.addAccount({ email: 'verify@example.com', password: 'the current one' });
      expect(await subject.directory.verifyPassword(id, 'the current one')).toBe(true);
      expect(await subject.directory.verifyPassword(id, 'the current on')).toBe(false);
      expect(await subject.directory.verifyPassword(id, '')).toBe(false);
      expect(await subject.directory.verifyPassword('999999999', 'the current one')).toBe(false);
    });

    it('has nothing to match when no hash is stored', async () => {
      const id = await subject.addAccount({ email: 'ldap@example.com', password: null });
      expect(await subject.directory.verifyPassword(id, '')).toBe(false);
      expect(await subject.directory.verifyPassword(id, 'anything')).toBe(false);
    });

    it('stores a new password as a hash that then verifies, and the old one no longer does', async () => {
      const id = await subject.addAccount({ email: 'change@example.com', password: 'old password 1' });
      const before = await subject.readStoredPasswordHash(id);
      await subject.directory.setPassword(id, 'new password 2');
      const after = await subject.readStoredPasswordHash(id);
      expect(after).not.toBe(before);
      expect(after).not.toContain('new password 2');
      expect(await subject.directory.verifyPassword(id, 'new password 2')).toBe(true);
      expect(await subject.directory.verifyPassword(id, 'old password 1')).toBe(false);
    });

    it('changes only the account it is told to', async () => {
      const changed = await subject.addAccount({ email: 'one@example.com', password: 'old password 1' });
      const untouched = await subject.addAccount({ email: 'two@example.com', password: 'old password 1' });
      const untouchedHash = await subject.readStoredPasswordHash(untouched);
      await subject.directory.setPassword(changed, 'new password 2');
      expect(await subject.readStoredPasswordHash(untouched)).toBe(untouchedHash);
    });

    it('treats addresses that look like SQL as plain, unknown addresses', async () => {
      const id = await subject.addAccount({ email: 'victim@example.com', password: 'old password 1' });
      for (const address of INJECTION_LOOKING_ADDRESSES) {
        expect(await subject.directory.findByEmail(address), address).toBeNull();
      }
      expect((await subject.directory.findByEmail('victim@example.com'))?.id).toBe(id);
      expect(await subject.directory.verifyPassword(id, 'old password 1')).toBe(true);
    });

    it('stores a password that looks like SQL as any other', async () => {
      const id = await subject.addAccount({ email: 'sqlish@example.com', password: 'old password 1' });
      const password = "x'); UPDATE users SET password = NULL; --";
      await subject.directory.setPassword(id, password);
      expect(await subject.directory.verifyPassword(id, password)).toBe(true);
    });

    it('rejects every call as unavailable, never as "no account", when its store cannot be reached', async () => {
      const unreachable = subject.unreachableDirectory();
      await expect(unreachable.findByEmail('jane.doe@example.com')).rejects.toBeInstanceOf(DependencyUnavailableError);
      await expect(unreachable.findById('1')).rejects.toBeInstanceOf(DependencyUnavailableError);
      await expect(unreachable.verifyPassword('1', 'old password 1')).rejects.toBeInstanceOf(DependencyUnavailableError);
      await expect(unreachable.setPassword('1', 'new password 2')).rejects.toBeInstanceOf(DependencyUnavailableError);
    });
  });
}
