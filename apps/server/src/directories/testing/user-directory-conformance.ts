import { describeUserDirectoryConformance, type SeededUser, type UserDirectoryRules } from '@pwreset/contract/testing/conformance';
import type { UserDirectory } from '@pwreset/contract/engine';
import { describe, expect, it } from 'vitest';
import { createPasswordHasher, storedPasswordHashFormat, type PasswordHashFormat } from '../../users/password-hashes/index.js';
import { DirectoryUnavailableError } from '../directory-unavailable-error.js';

/** An account put straight into the store; `password: null` stores no hash at all (an LDAP user). */
export interface ConformanceAccount extends Omit<SeededUser, 'password'> {
  readonly password: string | null;
}

/** One adapter under test, on an empty store. */
export interface DirectoryConformanceSubject {
  readonly directory: UserDirectory;
  /** Puts an account straight into the store, not through the port, its password hashed as the store does; returns its id. */
  addAccount(account: ConformanceAccount): Promise<string>;
  /** The stored password hash, read straight from the store. */
  readStoredPasswordHash(userId: string): Promise<string | null>;
  /** Replaces the stored password hash straight in the store (null: none at all, where the store allows it). */
  writeStoredPasswordHash(userId: string, storedHash: string | null): Promise<void>;
}

/** Ways the store of a served directory fails, set up apart from the subject's directory. */
export interface DirectoryConformanceFaults {
  /** A directory of the same kind and settings whose store cannot be reached (a port nobody listens on). */
  unreachableDirectory(): UserDirectory;
  /**
   * A directory bounded by `timeoutMs` over a store that answers every read much later than that, and
   * the id of the account `slow@example.com` it holds (a store may skip the slow part for no rows at all).
   */
  slowDirectory(timeoutMs: number): Promise<{ readonly directory: UserDirectory; readonly userId: string }>;
  /** Puts into the subject's store an account without an address (a NULL column, a reply without one); returns its id. */
  addAccountWithoutAddress(): Promise<string>;
}

export interface ServedUserDirectoryConformanceSetup {
  /** The adapter and configuration, in the tests' titles. */
  readonly label: string;
  readonly rules: UserDirectoryRules;
  /** The format `setPassword` writes (its bcrypt prefix and cost are the hashers' own tests). */
  readonly writtenHashFormat: PasswordHashFormat;
  /** Made afresh before every test; the store it returns is empty. */
  readonly makeSubject: () => Promise<DirectoryConformanceSubject>;
  /** Absent for the embedded directory: its store is the service's own Redis, whose failures the engine's tests cover. */
  readonly faults?: DirectoryConformanceFaults;
}

/** Stored hashes of `'correct horse'` in every format a directory reads, whatever it writes (cheap costs: tests only). */
const STORED_HASH_MAKERS: Record<string, () => Promise<string>> = {
  argon2id: () => createPasswordHasher({ format: 'argon2id' }).hash('correct horse'),
  'bcrypt $2b$': () => createPasswordHasher({ format: 'bcrypt', bcryptCost: 4, bcryptPrefix: '2b' }).hash('correct horse'),
  'bcrypt $2y$ (Laravel)': () => createPasswordHasher({ format: 'bcrypt', bcryptCost: 4, bcryptPrefix: '2y' }).hash('correct horse'),
  'trafficops-scrypt': () => createPasswordHasher({ format: 'trafficops-scrypt' }).hash('correct horse'),
};

/** A stored hash in no known format (an MD5 a legacy import left behind). */
const UNKNOWN_FORMAT_HASH = 'md5:5f4dcc3b5aa765d61d8327deb882cf99';

/** How far past its timeout a directory may answer: the work after the bound, on a loaded 2-core machine. */
const TIMEOUT_SLACK_MS = 1500;

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => 'resolved',
    (error: unknown) => error,
  );
}

/**
 * The UserDirectory conformance suite for a directory the server runs: the port's cases
 * (@pwreset/contract's describeUserDirectoryConformance), then what the server asks of every store
 * of its own: every hash format, the format it writes, no hash stored, and (for an application's
 * store) a store that is down, slow, or answers an account without an address. The one entry point
 * of every served adapter's test (redis, postgres, mysql, http), once per configuration.
 */
export function describeServedUserDirectoryConformance(setup: ServedUserDirectoryConformanceSetup): void {
  const { label, rules, writtenHashFormat, makeSubject, faults } = setup;

  describeUserDirectoryConformance(label, rules, async () => {
    const subject = await makeSubject();
    return { users: subject.directory, seed: (user) => subject.addAccount(user) };
  });

  describe(`${label}: what the server asks of a user directory`, () => {
    for (const [format, makeStoredHash] of Object.entries(STORED_HASH_MAKERS)) {
      it(`verifies a stored ${format} hash, whatever format it writes`, async () => {
        const subject = await makeSubject();
        const id = await subject.addAccount({ email: 'imported@example.com', password: 'placeholder' });
        await subject.writeStoredPasswordHash(id, await makeStoredHash());
        expect(await subject.directory.verifyPassword(id, 'correct horse')).toBe(true);
        expect(await subject.directory.verifyPassword(id, 'correct horsE')).toBe(false);
      });
    }

    it(`writes a new password as a ${writtenHashFormat} hash, never as the password itself`, async () => {
      const subject = await makeSubject();
      const id = await subject.addAccount({ email: 'change@example.com', password: 'old password 1' });
      const before = await subject.readStoredPasswordHash(id);
      await subject.directory.setPassword(id, 'new password 2');
      const after = await subject.readStoredPasswordHash(id);
      expect(after).not.toBe(before);
      expect(after).not.toContain('new password 2');
      expect(storedPasswordHashFormat(after ?? '')).toBe(writtenHashFormat);
    });

    it('has nothing to match when no hash is stored, and says so as a mismatch', async () => {
      const subject = await makeSubject();
      const id = await subject.addAccount({ email: 'ldap@example.com', password: null });
      expect(await subject.directory.verifyPassword(id, '')).toBe(false);
      expect(await subject.directory.verifyPassword(id, 'anything')).toBe(false);
    });

    // Issue 12, "Bad input": a data problem is a 503 and a logged error, never a wrong password (which would let REUSED pass).
    it('answers a stored hash in an unknown format as unavailable, without quoting it', async () => {
      const subject = await makeSubject();
      const id = await subject.addAccount({ email: 'md5@example.com', password: 'placeholder' });
      await subject.writeStoredPasswordHash(id, UNKNOWN_FORMAT_HASH);
      const outcome = await subject.directory.verifyPassword(id, 'password').then(
        (match) => ({ match }),
        (error: unknown) => error,
      );
      expect(outcome).toBeInstanceOf(DirectoryUnavailableError);
      expect(outcome instanceof Error ? `${outcome.message} ${outcome.stack}` : JSON.stringify(outcome)).not.toContain('5f4dcc3b');
    });
  });

  describe.skipIf(faults === undefined)(`${label}: a store that cannot answer`, () => {
    const storeFaults = faults as DirectoryConformanceFaults;

    it('rejects every call as unavailable, never as "no account", and never quotes the password', async () => {
      const unreachable = storeFaults.unreachableDirectory();
      const calls = [
        unreachable.findByEmail('jane.doe@example.com'),
        unreachable.findById('1'),
        unreachable.verifyPassword('1', 'Secret-Old-Password-8'),
        unreachable.setPassword('1', 'Secret-New-Password-9'),
      ];
      for (const error of await Promise.all(calls.map(rejectionOf))) {
        expect(error).toBeInstanceOf(DirectoryUnavailableError);
        // No connection: nothing was sent, nothing can have taken effect.
        expect(error).toMatchObject({ reason: 'unreachable', outcomeUnknown: false });
        expect(`${(error as Error).message} ${(error as Error).stack}`).not.toMatch(/Secret-(Old|New)-Password/);
      }
    });

    it('answers a store slower than its timeout as unavailable, within about the timeout', async () => {
      const timeoutMs = 300;
      const { directory: slow, userId } = await storeFaults.slowDirectory(timeoutMs);
      const calls = [() => slow.findByEmail('slow@example.com'), () => slow.findById(userId), () => slow.verifyPassword(userId, 'x')];
      for (const call of calls) {
        const started = performance.now();
        const error = await rejectionOf(call());
        const elapsed = performance.now() - started;
        expect(error).toBeInstanceOf(DirectoryUnavailableError);
        // Sent, and no answer in time: a write failing so may have landed (see DependencyUnavailableError).
        expect(error).toMatchObject({ reason: 'timeout', outcomeUnknown: true });
        expect(elapsed).toBeGreaterThanOrEqual(timeoutMs * 0.9);
        expect(elapsed).toBeLessThan(timeoutMs + TIMEOUT_SLACK_MS);
      }
    });

    it('answers an account without an address as unavailable, never as a usable account', async () => {
      const subject = await makeSubject();
      const id = await storeFaults.addAccountWithoutAddress();
      const error = await rejectionOf(subject.directory.findById(id));
      expect(error).toBeInstanceOf(DirectoryUnavailableError);
      expect(error).toMatchObject({ reason: 'malformed-account' });
    });
  });
}
