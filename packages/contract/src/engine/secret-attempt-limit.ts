import { fail, type ResetResult } from '../result.js';
import type { AuditAction, Requester, ResetPorts } from './ports.js';

/** Counts one use of a secret by this IP; the TOO_MANY_REQUESTS failure when it is over the limit, else null. */
export async function exceededSecretAttemptLimit(
  ports: Pick<ResetPorts, 'limits' | 'audit'>,
  action: AuditAction,
  requester: Requester,
): Promise<ResetResult<never> | null> {
  const decision = await ports.limits.allowSecretAttempt({ ip: requester.ip });
  if (decision.allowed) return null;
  await ports.audit.record({ action, outcome: 'throttled', ip: requester.ip });
  return fail('TOO_MANY_REQUESTS', { retryAfterSeconds: decision.retryAfterSeconds });
}
