import { couldBeAccountEmail, normalizeEmail } from '../normalize-email.js';
import type { ResetClient, ResetPorts, UserAccount, UserDirectory } from './ports.js';

/** An id no directory gives an account: an unknown account's stand-in, so its checks do the known one's work. */
export const NO_ACCOUNT_ID = '(no account)';

export interface NamedAccount {
  /** The address as lookups and throttles key it (see normalizeEmail). */
  readonly email: string;
  /** The enabled account with that address; null for an unknown, a disabled or an unreachable one. */
  readonly account: UserAccount | null;
  /** The client's directory, where the account was looked up. */
  readonly directory: UserDirectory;
}

/**
 * Looks up the account a legacy caller names, in the calling client's directory only, with the
 * same lookup for every address. One that normalisation made longer than any account's is looked
 * up all the same (the directory answers any string, and the work must not depend on the address)
 * and never found.
 */
export async function findNamedAccount(
  ports: Pick<ResetPorts, 'users'>,
  client: Pick<ResetClient, 'directory'>,
  address: string,
): Promise<NamedAccount> {
  const email = normalizeEmail(address);
  const directory = ports.users.named(client.directory);
  const found = await directory.findByEmail(email);
  return { email, account: found && !found.disabled && couldBeAccountEmail(email) ? found : null, directory };
}

/** The account an unknown address would be, for checks that need one (the password policy's context words). */
export function strangerAt(email: string): UserAccount {
  return { id: NO_ACCOUNT_ID, email, disabled: false };
}
