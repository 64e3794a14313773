import { normalizePassword } from '@pwreset/contract';
import { createPasswordHasher } from './password-hashes/index.js';

// The embedded directory writes argon2id; it reads any of the formats, so imported hashes verify too.
const embeddedDirectoryHasher = createPasswordHasher({ format: 'argon2id' });

/** Hashes the NFKC form, so the same password typed on another keyboard still matches. */
export async function hashPassword(password: string): Promise<string> {
  return embeddedDirectoryHasher.hash(normalizePassword(password));
}

/** Constant-time comparison inside each format's verify. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return (await embeddedDirectoryHasher.verify(normalizePassword(password), passwordHash)) === true;
  } catch {
    // A malformed stored hash is a non-match, not a crash of the request.
    return false;
  }
}
