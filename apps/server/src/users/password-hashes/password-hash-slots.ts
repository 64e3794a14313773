import { availableParallelism } from 'node:os';

/**
 * One core left to the event loop: a password hash runs on libuv's thread pool (4 threads), and
 * with as many hashes as cores the loop itself waits for a core, so every other request waits too.
 */
export const DEFAULT_PASSWORD_HASH_CONCURRENCY = Math.max(1, availableParallelism() - 1);

let limit = DEFAULT_PASSWORD_HASH_CONCURRENCY;
let running = 0;
/** Callers waiting for a slot, oldest first; each is handed the slot a finishing hash frees. */
const waiting: Array<() => void> = [];

/**
 * PASSWORD_HASH_CONCURRENCY: how many password hashes (argon2id, bcrypt, scrypt; hashing or
 * verifying) this process computes at once. The slots are the process's, as its thread pool is,
 * whatever directory or port asks; the server sets their number once at start.
 */
export function setPasswordHashConcurrency(concurrency: number): void {
  if (!Number.isInteger(concurrency) || concurrency < 1)
    throw new RangeError(`password hash concurrency must be a whole number of at least 1, got ${concurrency}`);
  limit = concurrency;
  while (running < limit && waiting.length > 0) {
    running += 1;
    waiting.shift()?.();
  }
}

/** The number of slots, and how many are taken and waited for (for tests and the bench). */
export function passwordHashSlots(): { readonly limit: number; readonly running: number; readonly waiting: number } {
  return { limit, running, waiting: waiting.length };
}

/**
 * Runs one password hash in a slot, waiting first while all are taken. A finishing hash hands its
 * slot straight to the next caller, so no newcomer can slip in between and run one hash too many.
 */
export async function inPasswordHashSlot<T>(compute: () => Promise<T>): Promise<T> {
  if (running < limit) running += 1;
  else await new Promise<void>((resolve) => waiting.push(resolve));
  try {
    return await compute();
  } finally {
    const next = running <= limit ? waiting.shift() : undefined;
    if (next) next();
    else running -= 1;
  }
}
