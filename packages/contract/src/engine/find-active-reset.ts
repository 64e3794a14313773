import type { PasswordPolicy } from '../password-policy.js';
import { fail, succeed, type ResetResult } from '../result.js';
import { isWellFormedResetSecret } from '../reset-secret.js';
import type { ResetClient, ResetPorts, ResetTokenRecord, UserAccount } from './ports.js';
import { RESET_ERROR_BY_TOKEN_STATUS } from './token-failures.js';

export interface ActiveReset {
  readonly record: ResetTokenRecord;
  readonly user: UserAccount;
  readonly client: ResetClient;
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

/** Resolves a secret to its live reset, without consuming it. */
export async function findActiveReset(
  ports: Pick<ResetPorts, 'tokens' | 'users' | 'clients'>,
  secret: string,
  scope: ResetScope = {},
): Promise<ResetResult<ActiveReset>> {
  // A malformed secret cannot exist in the store: answer without a lookup.
  if (!isWellFormedResetSecret(secret)) return fail('TOKEN_INVALID');
  const lookup = await ports.tokens.inspect(secret);
  if (lookup.status !== 'active') return fail(RESET_ERROR_BY_TOKEN_STATUS[lookup.status]);
  // Another client's secret looks exactly like an unknown one.
  if (scope.clientId !== undefined && lookup.record.clientId !== scope.clientId) return fail('TOKEN_INVALID');
  const [user, client] = await Promise.all([ports.users.findById(lookup.record.userId), ports.clients.findById(lookup.record.clientId)]);
  // The account or the application went away after the mail left: the link is dead.
  if (!user || user.disabled || !client) return fail('TOKEN_INVALID');
  return succeed({ record: lookup.record, user, client });
}
