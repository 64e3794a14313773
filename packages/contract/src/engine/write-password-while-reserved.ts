import type { ResetTokenLookup, ResetTokenStore } from './reset-token-port.js';
import type { TemporaryPasswordLookup, TemporaryPasswordStore } from './temporary-password-port.js';
import type { UserDirectory, UserRef } from './user-directory-port.js';

/** One secret (a reset link or a temporary password) seen through its store's reservation calls. */
export interface SecretReservation<Lookup extends { readonly status: string }> {
  reserve(): Promise<Lookup>;
  release(): Promise<void>;
  consume(): Promise<unknown>;
}

/**
 * Writes the new password while the secret is reserved, so that no reset is ever half done:
 * the secret is reserved atomically (of concurrent completions one alone gets past this), the
 * directory writes the password, and only then is the secret consumed. When the write fails for
 * any reason (the directory is down, slower than its timeout, or answered an error) the secret
 * is released, so the link works again, and the error goes on to the caller (a
 * DependencyUnavailableError is answered 503 SERVICE_UNAVAILABLE) before anything else of a
 * completion happened: no revocation, no mail, no webhook, no audit of a completion. A timeout
 * counts as not written, though the write may have landed: directories' `set-password` is
 * idempotent, so the retry it allows is harmless.
 *
 * Returns the reservation's lookup: `active` when the password was written (and the secret
 * consumed); any other status when the secret could not be reserved, and nothing was written.
 */
export async function writePasswordWhileReserved<Lookup extends { readonly status: string }>(
  secret: SecretReservation<Lookup>,
  directory: UserDirectory,
  userId: string,
  password: string,
): Promise<Lookup> {
  const reserved = await secret.reserve();
  if (reserved.status !== 'active') return reserved;
  try {
    await directory.setPassword(userId, password);
  } catch (error) {
    // The caller must hear of the write's failure, not of the release's: should the release fail
    // too (the store went away), the reservation's lease runs out and frees the secret by itself.
    await secret.release().catch(() => undefined);
    throw error;
  }
  // The password is written: whatever consume answers now (a lease that ran out under a very slow
  // directory, a revocation meanwhile), the reset did happen and the rest of it must follow. Should
  // consume itself reject (the store went away just now), the caller hears 503 and the link works
  // again once the lease runs out: at worst a reset repeated, never one half done.
  await secret.consume();
  return reserved;
}

/** A reset link's secret, as writePasswordWhileReserved holds it. */
export function reservedResetSecret(tokens: ResetTokenStore, secret: string): SecretReservation<ResetTokenLookup> {
  return { reserve: () => tokens.reserve(secret), release: () => tokens.release(secret), consume: () => tokens.consume(secret) };
}

/** A user's temporary password, as writePasswordWhileReserved holds it. */
export function reservedTemporaryPassword(
  temporaryPasswords: TemporaryPasswordStore,
  code: string,
  user: UserRef,
): SecretReservation<TemporaryPasswordLookup> {
  return {
    reserve: () => temporaryPasswords.reserve({ code, user }),
    release: () => temporaryPasswords.release({ code, user }),
    consume: () => temporaryPasswords.consume({ code, user }),
  };
}
