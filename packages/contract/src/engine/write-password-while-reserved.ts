import { DependencyUnavailableError } from '../dependency-unavailable-error.js';
import type { ResetCodeFlowLookup, ResetCodeFlowStore } from './reset-code-flow-port.js';
import type { ExpectedSecretOwner, ResetTokenLookup, ResetTokenStore, SecretReleaseOptions } from './reset-token-port.js';
import type { TemporaryPasswordLookup, TemporaryPasswordStore } from './temporary-password-port.js';
import type { UserDirectory, UserRef } from './user-directory-port.js';

/** One secret (a reset link or a temporary password) seen through its store's reservation calls. */
export interface SecretReservation<Lookup extends { readonly status: string }> {
  reserve(): Promise<Lookup>;
  release(options: SecretReleaseOptions): Promise<void>;
  consume(): Promise<unknown>;
}

/**
 * Writes the new password while the secret is reserved, so that no reset is ever half done:
 * the secret is reserved atomically (of concurrent completions one alone gets past this), the
 * directory writes the password, and only then is the secret consumed. When the write fails for
 * any reason (the directory is down, slower than its timeout, or answered an error) the secret
 * is released, so the link works again, and the error goes on to the caller (a
 * DependencyUnavailableError is answered 503 SERVICE_UNAVAILABLE) before anything else of a
 * completion happened: no revocation, no mail, no webhook, no audit of a completion.
 *
 * A timeout counts as not written, though the write may have landed (the directory's error says
 * so: DependencyUnavailableError.outcomeUnknown). Directories' `set-password` is idempotent, so the
 * retry the released link allows is harmless, but the retry with the same password would be
 * refused as REUSED had the write landed, since the application now really holds it: the user
 * would be told "that is your current password", the link would stay live and no changed mail
 * or webhook would ever go out. So the secret is released marked `writeUncertain`, and the next
 * completion skips the REUSED check alone (see skipReuseAfterUncertainWrite).
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
    const writeUncertain = error instanceof DependencyUnavailableError && error.outcomeUnknown;
    await secret.release({ writeUncertain }).catch(() => undefined);
    throw error;
  }
  // The password is written: whatever consume answers now (a lease that ran out under a very slow
  // directory, a revocation meanwhile), the reset did happen and the rest of it must follow. Should
  // consume itself reject (the store went away just now), the caller hears 503 and the link works
  // again once the lease runs out: at worst a reset repeated, never one half done.
  await secret.consume();
  return reserved;
}

/** A reset link's secret, as writePasswordWhileReserved holds it; `owner`, the user its lookup named (see ExpectedSecretOwner). */
export function reservedResetSecret(
  tokens: ResetTokenStore,
  secret: string,
  owner: ExpectedSecretOwner,
): SecretReservation<ResetTokenLookup> {
  return {
    reserve: () => tokens.reserve(secret, owner),
    release: (options) => tokens.release(secret, options),
    consume: () => tokens.consume(secret, owner),
  };
}

/** A user's temporary password, as writePasswordWhileReserved holds it. */
export function reservedTemporaryPassword(
  temporaryPasswords: TemporaryPasswordStore,
  code: string,
  user: UserRef,
): SecretReservation<TemporaryPasswordLookup> {
  return {
    reserve: () => temporaryPasswords.reserve({ code, user }),
    release: (options) => temporaryPasswords.release({ code, user, ...options }),
    consume: () => temporaryPasswords.consume({ code, user }),
  };
}

/** A code flow, as writePasswordWhileReserved holds it. */
export function reservedCodeFlow(codeFlows: ResetCodeFlowStore, flowId: string, code: string): SecretReservation<ResetCodeFlowLookup> {
  return {
    reserve: () => codeFlows.reserve({ flowId, code }),
    release: (options) => codeFlows.release({ flowId, ...options }),
    consume: () => codeFlows.consume({ flowId }),
  };
}
