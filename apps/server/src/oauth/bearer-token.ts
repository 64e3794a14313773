import type { IncomingHttpHeaders } from 'node:http';

/** RFC 6750 §2.1: `Authorization: Bearer <b64token>`. */
const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i;

/** The bearer token of a request: absent, malformed, or the token. */
export function readBearerToken(headers: IncomingHttpHeaders): { presented: false } | { presented: true; token: string | null } {
  const header = headers.authorization;
  if (header === undefined || header === '') return { presented: false };
  if (!/^Bearer\b/i.test(header)) return { presented: false };
  return { presented: true, token: BEARER.exec(header)?.[1] ?? null };
}

/** The challenge of RFC 6750 §3: with `error="invalid_token"` only when a token was presented. */
export function bearerChallenge(tokenPresented: boolean): string {
  return tokenPresented
    ? 'Bearer realm="pwreset", error="invalid_token", error_description="The access token is not valid"'
    : 'Bearer realm="pwreset"';
}
