import type { PasswordRefusalReason } from '../error-codes.js';
import { checkPassword, passwordContextWords } from '../password-policy.js';
import { fail, succeed, type ResetResult } from '../result.js';
import type { CompleteResetInput, CompleteResetOutput } from '../schemas.js';
import { findActiveReset, type ActiveReset, type ResetScope } from './find-active-reset.js';
import type { Requester, ResetPorts } from './ports.js';
import { RESET_ERROR_BY_TOKEN_STATUS } from './token-failures.js';

/**
 * Sets the new password. The policy is checked before the secret is consumed, so a refused
 * password leaves the link usable (up to a bounded number of refusals, so a stolen link cannot
 * be used to probe the current password); the consumption is atomic, so of concurrent
 * completions with one secret exactly one succeeds.
 */
export async function completePasswordReset(
  ports: ResetPorts,
  input: CompleteResetInput,
  requester: Requester,
  scope: ResetScope = {},
): Promise<ResetResult<CompleteResetOutput>> {
  const decision = await ports.limits.allowSecretAttempt({ ip: requester.ip });
  if (!decision.allowed) {
    await ports.audit.record({ action: 'complete', outcome: 'throttled', ip: requester.ip });
    return fail('TOO_MANY_REQUESTS', { retryAfterSeconds: decision.retryAfterSeconds });
  }
  const found = await findActiveReset(ports, input.token, scope);
  if (!found.ok) {
    await ports.audit.record({ action: 'complete', outcome: 'refused', reason: found.error.code, ip: requester.ip });
    return found;
  }
  const reset = found.value;
  const audit = { action: 'complete', clientId: reset.client.id, userId: reset.user.id, ip: requester.ip } as const;

  const reasons = await refusalReasons(ports, reset, input.password);
  if (reasons.length > 0) {
    const { locked } = await ports.tokens.recordFailedAttempt(input.token, ports.limits.maxFailedAttemptsPerSecret);
    await ports.audit.record({ ...audit, outcome: locked ? 'locked' : 'refused', reason: reasons.join(',') });
    return fail('PASSWORD_REJECTED', { reasons });
  }

  const consumed = await ports.tokens.consume(input.token);
  if (consumed.status !== 'active') {
    await ports.audit.record({ ...audit, outcome: 'refused', reason: RESET_ERROR_BY_TOKEN_STATUS[consumed.status] });
    return fail(RESET_ERROR_BY_TOKEN_STATUS[consumed.status]);
  }

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
  await ports.audit.record({ ...audit, outcome: 'completed' });
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
