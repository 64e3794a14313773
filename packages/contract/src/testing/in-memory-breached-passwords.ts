import type { BreachCheckFailureReason, BreachCheckResult, BreachedPasswordCheck } from '../engine/breached-password-port.js';

/** A breach corpus in memory, which remembers what it was asked (for "asked only after the local rules"). */
export interface InMemoryBreachedPasswords extends BreachedPasswordCheck {
  /** Every password asked about, in order. */
  readonly asked: readonly string[];
  /** From now on, answers `unavailable` with this reason (null: answers again). */
  failWith(reason: BreachCheckFailureReason | null): void;
}

export function inMemoryBreachedPasswords(breached: readonly string[] = []): InMemoryBreachedPasswords {
  const corpus = new Set(breached);
  const asked: string[] = [];
  let failure: BreachCheckFailureReason | null = null;
  return {
    asked,
    failWith(reason) {
      failure = reason;
    },
    async check(password): Promise<BreachCheckResult> {
      asked.push(password);
      if (failure) return { status: 'unavailable', reason: failure };
      return { status: corpus.has(password) ? 'breached' : 'not-breached' };
    },
  };
}
