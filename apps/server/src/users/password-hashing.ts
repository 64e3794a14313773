import { hash, verify } from '@node-rs/argon2';
import { normalizePassword } from '@pwreset/contract';

// OWASP Password Storage Cheat Sheet's argon2id baseline: 19 MiB, 2 passes, 1 lane.
// `algorithm: 2` is Argon2id; the package's enum is a `const enum`, which isolatedModules cannot import.
const ARGON2ID_OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** Hashes the NFKC form, so the same password typed on another keyboard still matches. */
export async function hashPassword(password: string): Promise<string> {
  return hash(normalizePassword(password), ARGON2ID_OPTIONS);
}

/** Constant-time comparison inside argon2's verify. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, normalizePassword(password));
  } catch {
    // A malformed stored hash is a non-match, not a crash of the request.
    return false;
  }
}
