import { BCRYPT_MAX_PASSWORD_BYTES } from './bcrypt-format.js';
import type { PasswordHashFormat } from './password-hasher.js';

// Typed as a Record so the compiler keeps it complete when a format is added.
const MAXIMUM_PASSWORD_BYTES: Record<PasswordHashFormat, number | null> = {
  argon2id: null,
  bcrypt: BCRYPT_MAX_PASSWORD_BYTES,
  'trafficops-scrypt': null,
};

/**
 * The longest password, in bytes of UTF-8, that `format` hashes whole; `null` when it reads any length. bcrypt
 * reads 72 bytes, so a directory storing bcrypt must refuse longer passwords (TOO_LONG) rather than let the
 * application later accept any password that shares the first 72 bytes.
 */
export function maximumPasswordBytes(format: PasswordHashFormat): number | null {
  return MAXIMUM_PASSWORD_BYTES[format];
}

/**
 * Whether `password` is longer than `format` hashes whole. Measure the string that will be hashed: its UTF-8
 * bytes, not its code points ("é" is 2 bytes, "😀" 4), so 72 bytes may be as few as 18 characters.
 */
export function exceedsFormatPasswordLimit(format: PasswordHashFormat, password: string): boolean {
  const limit = maximumPasswordBytes(format);
  return limit !== null && Buffer.byteLength(password, 'utf8') > limit;
}
