import type { PasswordRefusalReason } from '../error-codes.js';
import { checkPassword, passwordContextWords, type PasswordPolicy } from '../password-policy.js';
import type { ResetClient, ResetPorts, UserAccount } from './ports.js';

/**
 * Every reason the policy refuses a new password for this user and client: length, common,
 * context words, and reuse of the current password. `policy` overrides the client's where a
 * legacy API documents another minimum (Teen Quotes: 6).
 */
export async function passwordRefusals(
  ports: Pick<ResetPorts, 'users' | 'commonPasswords'>,
  user: UserAccount,
  client: ResetClient,
  password: string,
  policy: PasswordPolicy = client.passwordPolicy,
): Promise<PasswordRefusalReason[]> {
  const reasons = checkPassword(password, policy, {
    contextWords: passwordContextWords(user.email, client.name),
    commonPasswords: ports.commonPasswords,
  });
  // Hashing an over-long input is the denial of service the length cap exists to prevent.
  if (reasons.includes('TOO_LONG')) return reasons;
  if (await ports.users.verifyPassword(user.id, password)) reasons.push('REUSED');
  return reasons;
}
