import { hash } from '@node-rs/argon2';
import type { PasswordHasher } from '../../users/password-hashes/password-hasher.js';
import { verifyPasswordAgainstStoredHash } from '../../users/password-hashes/create-password-hasher.js';

// TEST ONLY: writes argon2id at a tiny cost, so the suites stay fast on a loaded machine. The real hashers
// (users/password-hashes/) use OWASP's parameters. It reads what they read: argon2id (whatever its cost),
// bcrypt and Traffic Ops' scrypt, so the conformance suite can store every format and see it verified.
const CHEAP_ARGON2ID = { algorithm: 2, memoryCost: 1024, timeCost: 1, parallelism: 1 } as const;

/** A real PasswordHasher for tests: cheap argon2id out, every format in; an unknown stored format is an error. */
export const testPasswordHasher: PasswordHasher = {
  format: 'argon2id',
  hash: (password) => hash(password, CHEAP_ARGON2ID),
  verify: verifyPasswordAgainstStoredHash,
};
