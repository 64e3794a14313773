import type { PeerAuth } from './peer-auth.js';
import { peerUserEmail } from './peer-addresses.js';

/** The password of every seeded account; never used to sign in, only stored as better-auth stores one. */
const SEEDED_PASSWORD = 'peer seeded passphrase 0001';

/**
 * `count` accounts with a credential password, written through better-auth's own internal adapter
 * (the rows its sign-up writes), so its request-password-reset finds them as it finds any user.
 * One password hash for all: `count` scrypt runs would only slow the start.
 */
export async function seedPeerUsers(auth: PeerAuth, count: number): Promise<void> {
  const context = await auth.$context;
  const passwordHash = await context.password.hash(SEEDED_PASSWORD);
  for (let n = 0; n < count; n += 1) {
    const email = peerUserEmail(n);
    const user = await context.internalAdapter.createUser(
      { email, name: `Peer user ${n}`, emailVerified: true },
      { method: 'email-password' },
    );
    await context.internalAdapter.linkAccount({ userId: user.id, providerId: 'credential', accountId: user.id, password: passwordHash });
  }
}
