import { fail, succeed, type ResetResult } from '../result.js';
import { isWellFormedResetSecret } from '../reset-secret.js';
import type { DisputeInput, DisputeOutput } from '../schemas.js';
import type { DisputeLookup, Requester, ResetPorts } from './ports.js';
import { exceededSecretAttemptLimit } from './secret-attempt-limit.js';
import { RESET_ERROR_BY_TOKEN_STATUS } from './token-failures.js';

type DisputePorts = Pick<
  ResetPorts,
  'disputes' | 'disputeSettings' | 'tokens' | 'temporaryPasswords' | 'codeFlows' | 'clients' | 'jobs' | 'limits' | 'audit' | 'clock'
>;

/**
 * "This wasn't me": the user says a password change (the one the "password changed" mail told
 * of) was not theirs. Kills every outstanding reset secret of the user (links, temporary
 * passwords, codes), blocks reset mails to them for DISPUTE_LOCK, tells the application
 * (`password_reset.disputed`) so it can lock the account and end sessions, and audits it.
 *
 * The lock and the kills come before the secret is consumed: both are idempotent, so a process
 * that dies between them leaves a link that still works, rather than a used link that secured
 * nothing. Of concurrent clicks only the one whose consume wins tells the application.
 */
export async function disputePasswordChange(
  ports: DisputePorts,
  input: DisputeInput,
  requester: Requester,
): Promise<ResetResult<DisputeOutput>> {
  const throttled = await exceededSecretAttemptLimit(ports, 'dispute', requester);
  if (throttled) return throttled;
  const refuse = async (status: Exclude<DisputeLookup['status'], 'active'>) => {
    const code = RESET_ERROR_BY_TOKEN_STATUS[status];
    await ports.audit.record({ action: 'dispute', outcome: 'refused', reason: code, ip: requester.ip });
    return fail(code);
  };
  // A malformed secret cannot exist in the store: answer without a lookup.
  if (!isWellFormedResetSecret(input.token)) return refuse('unknown');
  const found = await ports.disputes.inspect(input.token);
  if (found.status !== 'active') return refuse(found.status);

  const { record } = found;
  const user = { directory: record.directory, userId: record.userId };
  const disputedAt = ports.clock.now();
  const lockedUntil = new Date(disputedAt.getTime() + ports.disputeSettings.lockSeconds * 1000);
  await ports.disputes.lockResets(user, lockedUntil);
  await ports.tokens.revokeAllForUser(user);
  await ports.temporaryPasswords.revokeForUser(user);
  await ports.codeFlows.revokeForUser(user);

  const consumed = await ports.disputes.consume(input.token);
  if (consumed.status !== 'active') return refuse(consumed.status);

  const client = await ports.clients.findById(record.clientId);
  if (client?.webhookUrl) {
    await ports.jobs.enqueue({
      type: 'webhook',
      clientId: client.id,
      event: {
        type: 'password_reset.disputed',
        eventId: `evt_${globalThis.crypto.randomUUID().replaceAll('-', '')}`,
        occurredAt: disputedAt.toISOString(),
        userId: record.userId,
        directory: record.directory,
        clientId: record.clientId,
        changedAt: record.changedAt.toISOString(),
        disputedAt: disputedAt.toISOString(),
      },
    });
  }
  await ports.audit.record({
    action: 'dispute',
    outcome: 'disputed',
    clientId: record.clientId,
    directory: record.directory,
    userId: record.userId,
    ip: requester.ip,
  });
  return succeed({ disputed: true, lockedUntil: lockedUntil.toISOString() });
}
