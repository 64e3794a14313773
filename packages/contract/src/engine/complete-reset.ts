import type { PasswordRefusalReason } from '../error-codes.js';
import { checkPassword, passwordContextWords } from '../password-policy.js';
import { fail, succeed, type ResetResult } from '../result.js';
import type { CompleteResetInput, CompleteResetOutput } from '../schemas.js';
import { findActiveReset, type ResetScope, type ActiveReset } from './find-active-reset.js';
import type { ResetPorts } from './ports.js';
import { RESET_ERROR_BY_TOKEN_STATUS } from './token-failures.js';

/**
 * Sets the new password. The policy is checked before the secret is consumed, so a refused
 * password leaves the link usable; the consumption is atomic, so of concurrent completions
 * with one secret exactly one succeeds.
 */
export async function completePasswordReset(
  ports: ResetPorts,
  input: CompleteResetInput,
  scope: ResetScope = {},
): Promise<ResetResult<CompleteResetOutput>> {
  const found = await findActiveReset(ports, input.token, scope);
  if (!found.ok) return found;
  const reset = found.value;

  const reasons = await refusalReasons(ports, reset, input.password);
  if (reasons.length > 0) return fail('PASSWORD_REJECTED', { reasons });

  const consumed = await ports.tokens.consume(input.token);
  if (consumed.status !== 'active') return fail(RESET_ERROR_BY_TOKEN_STATUS[consumed.status]);

  await ports.users.setPassword(reset.user.id, input.password);
  await ports.tokens.revokeAllForUser(reset.user.id);
  const changedAt = ports.clock.now().toISOString();
  await ports.jobs.enqueue({ type: 'password-changed', userId: reset.user.id, clientId: reset.client.id, changedAt });
  // The application learns of it too, so it can end the user's other sessions.
  if (reset.client.webhookUrl) {
    await ports.jobs.enqueue({
      type: 'webhook',
      clientId: reset.client.id,
      event: {
        type: 'password_reset.completed',
        eventId: `evt_${globalThis.crypto.randomUUID().replaceAll('-', '')}`,
        occurredAt: changedAt,
        userId: reset.user.id,
        clientId: reset.client.id,
      },
    });
  }
  return succeed({ completed: true });
}

async function refusalReasons(
  ports: Pick<ResetPorts, 'users' | 'commonPasswords'>,
  { user, client }: ActiveReset,
  password: string,
): Promise<PasswordRefusalReason[]> {
  const reasons = checkPassword(password, client.passwordPolicy, {
    contextWords: passwordContextWords(user.email, client.name),
    commonPasswords: ports.commonPasswords,
  });
  // Hashing an over-long input is the denial of service the length cap exists to prevent.
  if (reasons.includes('TOO_LONG')) return reasons;
  if (await ports.users.verifyPassword(user.id, password)) reasons.push('REUSED');
  return reasons;
}
