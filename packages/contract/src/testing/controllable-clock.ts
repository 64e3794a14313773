import type { Clock } from '../engine/ports.js';

/** A clock a test moves by hand, so expiry rules are tested without waiting. */
export interface ControllableClock extends Clock {
  /** Moves the clock forward by this many seconds (fractions allowed). */
  advanceSeconds(seconds: number): void;
  /** Sets the clock to this instant. */
  setTo(instant: Date): void;
}

/** Starts at `start` (default: the real time at the call) and moves only when told to. */
export function controllableClock(start: Date = new Date()): ControllableClock {
  let nowMs = start.getTime();
  return {
    now: () => new Date(nowMs),
    advanceSeconds(seconds) {
      nowMs += seconds * 1000;
    },
    setTo(instant) {
      nowMs = instant.getTime();
    },
  };
}
