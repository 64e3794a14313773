import { hash, parseOptions, verify } from '@node-rs/argon2';
import type { StoredHashCodec } from './stored-hash-codec.js';

// OWASP Password Storage Cheat Sheet's argon2id baseline: 19 MiB, 2 passes, 1 lane.
// `algorithm: 2` is Argon2id; the package's enum is a `const enum`, which isolatedModules cannot import.
const ARGON2ID_OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

// What a stored hash may ask of us: 64 MiB (as for scrypt), 8 times the work of our own parameters,
// 4 lanes. Hashes written by other applications with stronger settings still fit.
const MAX_STORED_MEMORY_KIB = 65_536;
const MAX_STORED_WORK_KIB_PASSES = 8 * ARGON2ID_OPTIONS.memoryCost * ARGON2ID_OPTIONS.timeCost;
const MAX_STORED_PARALLELISM = 4;

/** PHC strings of every Argon2 variant: a directory may hold older argon2i hashes, which verify the same way. */
const ARGON2_PHC_PREFIX = /^\$argon2(?:id|i|d)\$/;

/** A PHC string (`$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>`) of the password exactly as given. */
export async function hashWithArgon2id(password: string): Promise<string> {
  return hash(password, ARGON2ID_OPTIONS);
}

export const argon2StoredHashCodec: StoredHashCodec = {
  format: 'argon2id',
  isWellFormed(storedHash) {
    if (!ARGON2_PHC_PREFIX.test(storedHash)) return false;
    try {
      const { memoryCost, timeCost, parallelism } = parseOptions(storedHash);
      return (
        memoryCost <= MAX_STORED_MEMORY_KIB && memoryCost * timeCost <= MAX_STORED_WORK_KIB_PASSES && parallelism <= MAX_STORED_PARALLELISM
      );
    } catch {
      // parseOptions throws on anything that is not a decodable PHC string.
      return false;
    }
  },
  // The library compares the derived and stored tags in constant time.
  verify: (password, storedHash) => verify(storedHash, password),
};
