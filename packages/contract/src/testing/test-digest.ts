/**
 * What the in-memory stores keep instead of a secret, an address or a password: a SHA-256 digest,
 * base64url (43 characters, the shape of the Redis stores' keyed hashes). Unkeyed, so test-only:
 * the real adapters use an HMAC under TOKEN_PEPPER. Web Crypto, so the package needs no Node built-in.
 */
export async function testDigest(value: string): Promise<string> {
  const digest = new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(value)));
  return toBase64Url(digest);
}

/** 256 bits from the CSPRNG, base64url without padding (43 characters): a reset secret's shape. */
export function randomTestSecret(): string {
  return toBase64Url(globalThis.crypto.getRandomValues(new Uint8Array(32)));
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

/** Compares two strings in time that depends only on their lengths, as a real hash comparison must. */
export function constantTimeEquals(left: string, right: string): boolean {
  // Prevent any possibility of a timing attack by using a constant-time comparison.
  if (left.length !== right.length) return false;
  let difference = 0;
  for (let index = 0; index < left.length; index += 1) difference |= left.charCodeAt(index) ^ right.charCodeAt(index);
  return difference === 0;
}

/** Lets other calls run first, so in-memory adapters interleave as concurrent calls to a real store do. */
export async function yieldToOtherCalls(): Promise<void> {
  await Promise.resolve();
}
