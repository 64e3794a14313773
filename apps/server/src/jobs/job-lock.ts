/** BullMQ's own default lock on a running job, which MAIL_JOB_LOCK_DURATION keeps unless set. */
export const DEFAULT_JOB_LOCK_MS = 30_000;

/** Fewest milliseconds between two stalled checks, so a short lock does not turn them into a busy loop. */
const SHORTEST_STALLED_INTERVAL_MS = 500;

export interface JobLockSettings {
  /** How long a worker's lock on a running job lasts without a renewal (BullMQ renews it every half of it). */
  readonly lockDuration: number;
  /** How often some worker looks for running jobs whose lock has gone (their worker died). */
  readonly stalledInterval: number;
  /** A job whose worker died once goes back to the queue once; the next worker parks it if it had begun sending. */
  readonly maxStalledCount: number;
}

/**
 * The worker's lock settings, so that a job whose worker died mid-send is parked within about the
 * lock duration instead of up to three times it.
 *
 * Why it took 90 s: BullMQ finds a dead worker's job in two passes of its stalled check, which runs
 * every `stalledInterval` (30 s by default) once per queue, whichever worker runs it. A pass marks
 * every running job and moves those still marked from the pass before whose lock has gone; a lock
 * renewal unmarks its job. After a crash the lock outlives its worker by up to `lockDuration`
 * (30 s), the next pass only marks the job, and the one after moves it: up to 30 + 30 + 30 s.
 *
 * With a pass every sixth of the lock, the job is moved back to the queue at most `lockDuration +
 * lockDuration / 6` after the crash (35 s by default, usually less), and the next worker parks it at
 * once: its delivery claim still says "sending" (see delivery/at-most-once.ts). A live worker's job
 * is never taken: its lock is renewed every half lock, and a pass moves only jobs without one.
 */
export function jobLockSettings(lockDurationMs: number = DEFAULT_JOB_LOCK_MS): JobLockSettings {
  return {
    lockDuration: lockDurationMs,
    stalledInterval: Math.max(SHORTEST_STALLED_INTERVAL_MS, Math.round(lockDurationMs / 6)),
    maxStalledCount: 1,
  };
}
