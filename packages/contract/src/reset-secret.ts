/**
 * A key id, as a secret or a stored keyed hash carries it when it was made under a key other than
 * the original TOKEN_PEPPER's (`pepper`, written as no prefix). Short and in the base64url alphabet
 * with its `_` separator, so a prefixed secret still reads as one base64url word in a link.
 */
export const KEY_ID_PATTERN = /^[a-z0-9]{1,8}$/;

/**
 * A reset secret is 256 random bits in base64url without padding: 43 characters, after the
 * optional `<key id>_` of the key its hash was made with (see apps/server/src/tokens/key-ring.ts).
 */
export const RESET_SECRET_PATTERN = /^(?:[a-z0-9]{1,8}_)?[A-Za-z0-9_-]{43}$/;

export function isWellFormedResetSecret(value: string): boolean {
  return RESET_SECRET_PATTERN.test(value);
}

/**
 * The secret travels in the fragment: browsers never send a fragment to a server, so it stays
 * out of access logs, proxies and Referer headers.
 */
export function buildResetLink(resetPageUrl: string, secret: string): string {
  const url = new URL(resetPageUrl);
  url.hash = `token=${secret}`;
  return url.toString();
}
