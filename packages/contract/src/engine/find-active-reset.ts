import { DependencyUnavailableError } from '../dependency-unavailable-error.js';
import type { PasswordPolicy } from '../password-policy.js';
import { fail, succeed, type ResetResult } from '../result.js';
import { isWellFormedResetSecret } from '../reset-secret.js';
import type {
  AuditAction,
  Requester,
  ResetClient,
  ResetPorts,
  ResetTokenLookup,
  ResetTokenRecord,
  UserAccount,
  UserDirectory,
} from './ports.js';
import { exceededSecretAttemptLimit } from './secret-attempt-limit.js';
import { RESET_ERROR_BY_TOKEN_STATUS } from './token-failures.js';

export interface ActiveReset {
  readonly record: ResetTokenRecord;
  readonly user: UserAccount;
  readonly client: ResetClient;
  /** The client's directory, where the user was found and where the new password is written. */
  readonly directory: UserDirectory;
  /**
   * For a completion, when the directory read the account with its stored password
   * (findByIdWithPasswordCheck): the reuse check against that, with no read of its own.
   */
  readonly isCurrentPassword?: (password: string) => Promise<boolean>;
}

export interface ResetScope {
  /**
   * When a client's own route asks (the legacy APIs), only secrets that client started are
   * found: one client cannot complete another's reset. The hosted page leaves it unset.
   */
  readonly clientId?: string;
  /** Where a legacy API documents another password minimum than the client's (Teen Quotes: 6). */
  readonly passwordPolicy?: PasswordPolicy;
}

/**
 * Resolves a secret to its live reset, without consuming it. A secret is bound to client,
 * directory and user: it is found only while its client is still bound to the directory the user
 * was found in, and the user is looked up there alone.
 */
export async function findActiveReset(
  ports: Pick<ResetPorts, 'tokens' | 'users' | 'clients'>,
  secret: string,
  scope: ResetScope = {},
): Promise<ResetResult<ActiveReset>> {
  return activeResetOf(ports, await lookUpSecret(ports.tokens, secret), scope);
}

/**
 * The secret's use counted against its IP (exceededSecretAttemptLimit) and its record read, at once: one
 * round trip for both where the stores share a connection, instead of two. Reading changes nothing, and a
 * throttled caller is told nothing of it. The rest of the lookup (the client, and the account in its
 * directory, which may be another service's) waits for the verdict: a throttled caller costs no directory
 * anything.
 */
export async function findActiveResetUnlessThrottled(
  ports: Pick<ResetPorts, 'tokens' | 'users' | 'clients' | 'limits' | 'audit'>,
  action: AuditAction,
  requester: Requester,
  secret: string,
  scope: ResetScope = {},
): Promise<{ readonly throttled: ResetResult<never> } | { readonly found: ResetResult<ActiveReset> }> {
  const [throttled, lookup] = await Promise.all([exceededSecretAttemptLimit(ports, action, requester), lookUpSecret(ports.tokens, secret)]);
  // A completion checks the new password against the current one (REUSED): read with the account where the directory can.
  return throttled ? { throttled } : { found: await activeResetOf(ports, lookup, scope, action === 'complete') };
}

/** The store's lookup of a secret; null for a malformed one, which cannot exist in the store (no lookup then). */
function lookUpSecret(tokens: ResetPorts['tokens'], secret: string): Promise<ResetTokenLookup | null> {
  return isWellFormedResetSecret(secret) ? tokens.inspect(secret) : Promise.resolve(null);
}

async function activeResetOf(
  ports: Pick<ResetPorts, 'users' | 'clients'>,
  lookup: ResetTokenLookup | null,
  scope: ResetScope,
  withPasswordCheck = false,
): Promise<ResetResult<ActiveReset>> {
  if (lookup === null) return fail('TOKEN_INVALID');
  if (lookup.status !== 'active') return fail(RESET_ERROR_BY_TOKEN_STATUS[lookup.status]);
  const { record } = lookup;
  // Another client's secret looks exactly like an unknown one.
  if (scope.clientId !== undefined && record.clientId !== scope.clientId) return fail('TOKEN_INVALID');
  // The client, and the user in the secret's directory, at once: their answers count only while the
  // client is still bound to that directory, so a client re-bound since the mail left holds no secret
  // of the old one, and the account's answer (or its directory's failure) is then dropped. A directory
  // the configuration dropped is not asked: the answer is TOKEN_INVALID for a re-bound client, 503 else.
  const named = directoryNamed(ports.users, record.directory);
  const [client, account] = await Promise.all([
    ports.clients.findById(record.clientId),
    'directory' in named
      ? lookUpAccount(named.directory, record.userId, withPasswordCheck).then(
          (found) => ({ ...found, directory: named.directory }),
          (error: unknown) => ({ error }),
        )
      : { error: named.dropped },
  ]);
  if (!client || client.directory !== record.directory) return fail('TOKEN_INVALID');
  if ('error' in account) throw account.error;
  const { user, directory, isCurrentPassword } = account;
  // The account or the application went away after the mail left: the link is dead.
  if (!user || user.disabled) return fail('TOKEN_INVALID');
  return succeed({ record, user, client, directory, ...(isCurrentPassword ? { isCurrentPassword } : {}) });
}

/** The account, and its password check when asked for one and the directory reads both at once. */
async function lookUpAccount(
  directory: UserDirectory,
  userId: string,
  withPasswordCheck: boolean,
): Promise<{ readonly user: UserAccount | null; readonly isCurrentPassword?: (password: string) => Promise<boolean> }> {
  if (!withPasswordCheck || directory.findByIdWithPasswordCheck === undefined) return { user: await directory.findById(userId) };
  const found = await directory.findByIdWithPasswordCheck(userId);
  return found === null ? { user: null } : { user: found.account, isCurrentPassword: (password) => found.isCurrentPassword(password) };
}

/** The directory of that name, or the 503 UserDirectories.named throws when the configuration has none, held back. */
function directoryNamed(
  users: ResetPorts['users'],
  name: string,
): { readonly directory: UserDirectory } | { readonly dropped: DependencyUnavailableError } {
  try {
    return { directory: users.named(name) };
  } catch (error) {
    if (error instanceof DependencyUnavailableError) return { dropped: error };
    throw error;
  }
}
