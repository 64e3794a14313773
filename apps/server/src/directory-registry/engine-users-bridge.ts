import type { ResetPorts } from '@pwreset/contract/engine';
import { DEFAULT_DIRECTORY_NAME } from '../config/user-directories/directory-name.js';
import type { UserDirectoryRegistry } from './user-directory-registry.js';

/**
 * MERGE(i12-engine): delete this file once `ResetPorts.users` is `UserDirectories`; composePorts then
 * passes the registry itself. Until then the engine still takes one UserDirectory, so this is both:
 * `named()` for the new engine, and the `default` directory's methods for today's.
 */
export function engineUsersPort(registry: UserDirectoryRegistry): ResetPorts['users'] {
  const defaultDirectory = () => registry.named(DEFAULT_DIRECTORY_NAME);
  // A variable, not a literal in the return: it must type-check against the port before and after that merge.
  const port = {
    named: (name: string) => registry.named(name),
    findByEmail: (email: string) => defaultDirectory().findByEmail(email),
    findById: (userId: string) => defaultDirectory().findById(userId),
    verifyPassword: (userId: string, password: string) => defaultDirectory().verifyPassword(userId, password),
    setPassword: (userId: string, password: string) => defaultDirectory().setPassword(userId, password),
  };
  return port;
}
