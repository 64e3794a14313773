import { DependencyUnavailableError } from '../dependency-unavailable-error.js';
import type { UserDirectories, UserDirectory } from './user-directory-port.js';

/**
 * UserDirectories over a fixed set of directories by name. A name outside the set is a 503 (see
 * UserDirectories.named): a client or a secret naming a directory the configuration dropped must
 * never reach another population of users.
 */
export function namedUserDirectories<Directory extends UserDirectory>(
  directories: Readonly<Record<string, Directory>>,
): UserDirectories & { named(directory: string): Directory } {
  // A Map, not the record itself: a name such as `constructor` must not find Object.prototype's.
  const byName = new Map(Object.entries(directories));
  return {
    named(directory) {
      const found = byName.get(directory);
      // The name only, quoted: it is configuration, never user input or a secret.
      if (!found) throw new DependencyUnavailableError(`user directory "${directory}"`);
      return found;
    },
  };
}
