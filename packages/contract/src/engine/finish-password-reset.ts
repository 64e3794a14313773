import type { ResetClient, ResetPorts, UserAccount } from './ports.js';

/**
 * What every completed reset does once its new password is written and its secret consumed
 * (see writePasswordWhileReserved), whichever path it took: kill the user's other secrets (links,
 * temporary passwords and codes), mail "password changed", tell the application (webhook), and record
 * it. The user is the one in the client's directory: every key and message names both.
 *
 * All at once, the record of the completion too: the password is written whatever the others do, so
 * the audit trail has the change even when a revocation or a job then fails (the caller hears 503).
 */
export async function finishPasswordReset(
  ports: ResetPorts,
  { user, client }: { readonly user: UserAccount; readonly client: ResetClient },
  ip: string,
): Promise<void> {
  const { directory } = client;
  const userRef = { directory, userId: user.id };
  const changedAt = ports.clock.now().toISOString();
  // All at once (one round trip to a store that takes them together, not one each): none depends on another.
  await Promise.all([
    ports.tokens.revokeAllForUser(userRef),
    // A temporary password is a secret of the user too: whichever way the reset completed, none outlives it.
    ports.temporaryPasswords.revokeForUser(userRef),
    // So is a mailed code: its flow ends too.
    ports.codeFlows.revokeForUser(userRef),
    ports.jobs.enqueue({ type: 'password-changed', userId: user.id, directory, clientId: client.id, changedAt }),
    // The application learns of it too, so it can end the user's other sessions.
    client.webhookUrl
      ? ports.jobs.enqueue({
          type: 'webhook',
          clientId: client.id,
          event: {
            type: 'password_reset.completed',
            eventId: `evt_${globalThis.crypto.randomUUID().replaceAll('-', '')}`,
            occurredAt: changedAt,
            userId: user.id,
            directory,
            clientId: client.id,
          },
        })
      : undefined,
    ports.audit.record({ action: 'complete', outcome: 'completed', clientId: client.id, directory, userId: user.id, ip }),
  ]);
}
