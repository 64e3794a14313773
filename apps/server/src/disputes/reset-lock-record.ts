/**
 * A user's reset lock as Redis keeps it (userDisputeLock: the lock's end, in milliseconds since the
 * epoch, under a TTL): the end while the lock still runs at `nowMs`, else null. One reading for the
 * dispute store, which sets the lock, and the token store, which reads it with the generation's
 * bump (ResetTokenStore.issueUnlessResetsLocked).
 */
export function runningResetLock(stored: string | null, nowMs: number): Date | null {
  const until = stored === null ? Number.NaN : Number(stored);
  return Number.isFinite(until) && until > nowMs ? new Date(until) : null;
}
