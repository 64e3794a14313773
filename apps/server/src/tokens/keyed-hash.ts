import { createHmac, randomBytes } from 'node:crypto';

/** HMAC-SHA-256 with the pepper: what we store instead of a secret. Without the pepper a dump is useless. */
export function keyedHash(pepper: string, value: string): string {
  return createHmac('sha256', pepper).update(value).digest('base64url');
}

/** 256 bits from the CSPRNG, base64url without padding (43 characters). */
export function generateSecret(): string {
  return randomBytes(32).toString('base64url');
}
