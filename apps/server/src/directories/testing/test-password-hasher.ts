import { hash, verify } from '@node-rs/argon2';
import { UnknownPasswordHashFormatError, type PasswordHasher } from '../../users/password-hashes/password-hasher.js';

// TEST ONLY: argon2id at a tiny cost, so the suites stay fast on a loaded machine. The real hashers
// (users/password-hashes/) use OWASP's parameters and understand bcrypt and Traffic Ops' scrypt too.
const CHEAP_ARGON2ID = { algorithm: 2, memoryCost: 1024, timeCost: 1, parallelism: 1 } as const;

/** A real argon2id PasswordHasher for tests; any stored hash that is not argon2id is an unknown format. */
export const testPasswordHasher: PasswordHasher = {
  format: 'argon2id',
  hash: (password) => hash(password, CHEAP_ARGON2ID),
  async verify(password, storedHash) {
    if (storedHash === null || storedHash === '') return null;
    if (!storedHash.startsWith('$argon2id$')) throw new UnknownPasswordHashFormatError();
    return verify(storedHash, password);
  },
};
