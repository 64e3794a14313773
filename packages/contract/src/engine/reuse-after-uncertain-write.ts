import type { PasswordRefusalReason } from '../error-codes.js';

/**
 * The policy's refusals for a completion of a secret whose earlier write may have landed
 * (its record says `writeUncertain`): every reason but REUSED still applies.
 *
 * Why REUSED may go: the holder of a live link may set any password it likes, so the check
 * protects nothing there; it only spares the user a pointless change. After a write that timed
 * out, the current password equals the attempted one precisely when that write landed (and the
 * retry must then go through, to finish the reset with its changed mail, webhook, revocations and
 * audit), or when the user, after a failed attempt, retypes the old password they had before. That
 * rare case is accepted: the password is then written again unchanged and the reset completes,
 * which is no worse than a reset to any other password the link's holder could have chosen.
 */
export function skipReuseAfterUncertainWrite(
  reasons: readonly PasswordRefusalReason[],
  record: { readonly writeUncertain: boolean },
): PasswordRefusalReason[] {
  return record.writeUncertain ? reasons.filter((reason) => reason !== 'REUSED') : [...reasons];
}
