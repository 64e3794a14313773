import type { PasswordRefusalReason } from '../error-codes.js';
import { checkPassword, passwordContextWords, type PasswordPolicy } from '../password-policy.js';
import { effectivePasswordPolicy } from './effective-password-policy.js';
import type { ResetClient, ResetPorts, UserAccount, UserDirectory } from './ports.js';

type PolicyPorts = Pick<ResetPorts, 'commonPasswords' | 'breachedPasswords'>;

/**
 * Every reason the policy refuses a new password for this user and client: length, common,
 * context words, a breach corpus, and reuse of the current password (asked of `directory`, the
 * user's). `policy` overrides the client's where a legacy API documents another minimum (Teen
 * Quotes: 6); either is narrowed by the directory's byte limit (effectivePasswordPolicy).
 */
export async function passwordRefusals(
  ports: PolicyPorts,
  directory: UserDirectory,
  user: UserAccount,
  client: ResetClient,
  password: string,
  {
    policy = client.passwordPolicy,
    isCurrentPassword: isCurrent = (candidate) => isCurrentPassword(directory, user, candidate),
  }: {
    readonly policy?: PasswordPolicy | undefined;
    /** The reuse check, when the account was read with its stored password (ActiveReset.isCurrentPassword); else the directory's. */
    readonly isCurrentPassword?: ((password: string) => Promise<boolean>) | undefined;
  } = {},
): Promise<PasswordRefusalReason[]> {
  const reasons = await policyRefusals(ports, directory, user, client, password, policy);
  // Hashing an over-long input is the denial of service the length cap exists to prevent.
  if (reasons.includes('TOO_LONG')) return reasons;
  if (await isCurrent(password)) reasons.push('REUSED');
  return reasons;
}

/**
 * The refusals that need no knowledge of the account's current password. Where a caller can
 * be refused before proving it holds a valid secret (Teen Quotes' order), only these may be
 * checked then: answering REUSED to anyone would tell them the current password.
 *
 * The breach corpus is asked only once the local rules pass: they are cheap and decide most
 * refusals, and a password they refuse need not cost a round trip. A corpus that cannot answer
 * leaves the local rules' verdict (see BreachCheckResult).
 */
export async function policyRefusals(
  ports: PolicyPorts,
  directory: Pick<UserDirectory, 'maxPasswordBytes'>,
  user: UserAccount,
  client: ResetClient,
  password: string,
  policy: PasswordPolicy = client.passwordPolicy,
): Promise<PasswordRefusalReason[]> {
  const reasons = checkPassword(password, effectivePasswordPolicy(policy, directory), {
    contextWords: passwordContextWords(user.email, client.name),
    commonPasswords: ports.commonPasswords,
  });
  if (reasons.length > 0 || !ports.breachedPasswords) return reasons;
  const breach = await ports.breachedPasswords.check(password);
  return breach.status === 'breached' ? ['BREACHED'] : [];
}

/** Whether the new password is the current one (a hash verification in the user's directory). */
export async function isCurrentPassword(directory: UserDirectory, user: UserAccount, password: string): Promise<boolean> {
  return directory.verifyPassword(user.id, password);
}
