import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Prefixes let secret scanners recognise a leaked credential. */
export function generateClientId(): string {
  return `cl_${randomBytes(12).toString('hex')}`;
}

export function generateClientSecret(): string {
  return `pwcs_${randomBytes(32).toString('base64url')}`;
}

export function generateApiKey(): string {
  return `pwak_${randomBytes(32).toString('base64url')}`;
}

/** Compares a presented credential's keyed hash (made under the stored hash's key) with the stored one, in constant time. */
export function matchesKeyedHash(presentedDigest: string, storedHash: string): boolean {
  // Prevent any possibility of a timing attack by using a constant-time comparison.
  const presentedHash = Buffer.from(presentedDigest);
  const stored = Buffer.from(storedHash);
  return presentedHash.length === stored.length && timingSafeEqual(presentedHash, stored);
}

/**
 * The key that signs this client's webhooks, derived from its secret so the application can
 * verify with the secret it already holds, while we keep no copy of the secret itself.
 */
export function webhookSigningKey(clientSecret: string): string {
  return createHash('sha256').update(`pwreset webhook signing key\0${clientSecret}`).digest('base64url');
}
