import type { ResetClient, ResetPorts, UserAccount } from './ports.js';

/**
 * What every completed reset does once its secret is consumed, whichever path consumed it:
 * set the password, kill the user's other secrets (links and temporary passwords), mail "password changed", tell the
 * application (webhook), and record it.
 */
export async function finishPasswordReset(
  ports: ResetPorts,
  { user, client }: { readonly user: UserAccount; readonly client: ResetClient },
  password: string,
  ip: string,
): Promise<void> {
  await ports.users.setPassword(user.id, password);
  await ports.tokens.revokeAllForUser(user.id);
  // A temporary password is a secret of the user too: whichever way the reset completed, none outlives it.
  await ports.temporaryPasswords.revokeForUser(user.id);
  const changedAt = ports.clock.now().toISOString();
  await ports.jobs.enqueue({ type: 'password-changed', userId: user.id, clientId: client.id, changedAt });
  // The application learns of it too, so it can end the user's other sessions.
  if (client.webhookUrl) {
    await ports.jobs.enqueue({
      type: 'webhook',
      clientId: client.id,
      event: {
        type: 'password_reset.completed',
        eventId: `evt_${globalThis.crypto.randomUUID().replaceAll('-', '')}`,
        occurredAt: changedAt,
        userId: user.id,
        clientId: client.id,
      },
    });
  }
  await ports.audit.record({ action: 'complete', outcome: 'completed', clientId: client.id, userId: user.id, ip });
}
