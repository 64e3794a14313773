import { DependencyUnavailableError } from '@pwreset/contract';

/**
 * A directory name that USER_DIRECTORIES_FILE does not configure: a client bound to a directory that
 * was removed since. A DependencyUnavailableError, so a request answers 503 (never "no account"), and
 * the start-up check (clients-bound-to-unknown-directories.ts) refuses such clients before it comes to that.
 */
export class UnknownUserDirectoryError extends DependencyUnavailableError {
  constructor(readonly directory: string) {
    super(`user directory "${directory}"`);
    this.name = 'UnknownUserDirectoryError';
    this.message = `no user directory "${directory}" is configured (USER_DIRECTORIES_FILE)`;
  }
}
