import type { PasswordPolicy } from '../password-policy.js';
import type { UserDirectory } from './user-directory-port.js';

/**
 * The policy a new password for a user of `directory` is checked against, and that `inspect`
 * describes: `policy` (the client's, or a legacy API's own) narrowed by what the directory's hash
 * format can hold. A bcrypt directory reads 72 bytes, so its policy refuses longer passwords
 * (TOO_LONG) instead of letting bcrypt cut them short: the application would later accept any
 * password sharing those first 72 bytes. The one place the two meet, used by every completion
 * path and by inspect, so that what the page is told is what the engine checks.
 */
export function effectivePasswordPolicy(policy: PasswordPolicy, directory: Pick<UserDirectory, 'maxPasswordBytes'>): PasswordPolicy {
  const { maxPasswordBytes } = directory;
  if (maxPasswordBytes === undefined) return policy;
  const maxBytes = policy.maxBytes === undefined ? maxPasswordBytes : Math.min(policy.maxBytes, maxPasswordBytes);
  return { ...policy, maxBytes };
}
