import type { UserDirectory } from '@pwreset/contract/engine';
import type { CreateUserResult, ManagedUserDirectory } from '../users/redis-user-directory.js';

// MERGE(i12-engine): the engine branch defines these four; once it is merged, import them from
// '@pwreset/contract/engine' and '../users/redis-user-directory.js' and delete this file. They are
// written structurally after that branch's documented signatures, so the compiler flags any mismatch.

/** The engine's `ResetPorts.users`: every directory by name; an unknown name throws a DependencyUnavailableError. */
export interface UserDirectories {
  named(directory: string): UserDirectory;
}

/** An account moved into the embedded directory with its existing hash (argon2id, bcrypt or trafficops-scrypt). */
export interface ImportedUser {
  readonly email: string;
  readonly passwordHash: string;
  readonly name?: string | undefined;
  readonly locale?: string | undefined;
  readonly disabled?: boolean | undefined;
}

/** What an import did; `UNKNOWN_HASH_FORMAT`: a hash in none of the formats we read, nothing stored. */
export type ImportUserResult = CreateUserResult | { created: false; reason: 'UNKNOWN_HASH_FORMAT' };

/** The embedded directory's operator methods, with `importUser`. */
export interface ImportingUserDirectory extends ManagedUserDirectory {
  importUser(user: ImportedUser): Promise<ImportUserResult>;
}
