import type { ResetPorts, UserRef } from './ports.js';

/**
 * Whether a dispute ("this wasn't me") still blocks reset mails to the user. Asked by every job
 * that would start a reset by mail, after the request was answered (the answer and its timing stay
 * those of any address): the code and temporary-password jobs here, the link job by its issue
 * (ResetTokenStore.issueUnlessResetsLocked), which reads the same lock with the generation.
 */
export async function resetsLockedByDispute(ports: Pick<ResetPorts, 'disputes' | 'clock'>, user: UserRef): Promise<boolean> {
  const until = await ports.disputes.resetLockOf(user);
  return until !== null && until.getTime() > ports.clock.now().getTime();
}
