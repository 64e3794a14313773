/** A reset secret is 256 random bits in base64url without padding: 43 characters. */
export const RESET_SECRET_PATTERN = /^[A-Za-z0-9_-]{43}$/;

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
