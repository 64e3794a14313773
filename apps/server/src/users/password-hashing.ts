import { normalizePassword } from '@pwreset/contract';
import { createPasswordHasher } from './password-hashes/index.js';

// The embedded directory writes argon2id; it reads any of the formats, so imported hashes verify too.
const embeddedDirectoryHasher = createPasswordHasher({ format: 'argon2id' });

/** Hashes the NFKC form, so the same password typed on another keyboard still matches. */
export async function hashPassword(password: string): Promise<string> {
  return embeddedDirectoryHasher.hash(normalizePassword(password));
}

/**
 * Constant-time comparison inside each format's verify. An empty stored hash is a non-match; one in no
 * format we know rejects with UnknownPasswordHashFormatError, a data problem the directory answers as
 * unavailable (a 503 and a logged error), never as a wrong password.
 */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  return (await embeddedDirectoryHasher.verify(normalizePassword(password), passwordHash)) === true;
}
