import type { IncomingHttpHeaders } from 'node:http';
import { z } from 'zod';
import { withQueryParameters } from './token-request-query.js';

/** A parameter appearing twice arrives as an array and fails here (RFC 6749 §3.2: at most once). */
const parameter = z.string().min(1).max(512);

export const tokenRequestSchema = z.object({
  grant_type: parameter.optional(),
  client_id: parameter.optional(),
  client_secret: parameter.optional(),
  scope: parameter.optional(),
});

export type OAuthErrorCode = 'invalid_request' | 'invalid_client' | 'unsupported_grant_type';

export interface OAuthFailure {
  readonly ok: false;
  readonly error: OAuthErrorCode;
  readonly description: string;
  /** Whether the client tried HTTP Basic: then a 401 must carry WWW-Authenticate (RFC 6749 §5.2). */
  readonly basicUsed: boolean;
}

export interface ClientCredentials {
  readonly ok: true;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly basicUsed: boolean;
  /** The `scope` parameter's scope tokens (RFC 6749 §3.3: space-delimited); none when absent. */
  readonly requestedScopes: readonly string[];
}

/** RFC 6749 §2.3.1: Basic with form-url-encoded id and secret. */
function readBasicCredentials(header: string | undefined): { clientId: string; clientSecret: string } | 'malformed' | undefined {
  if (header === undefined || !/^Basic\b/i.test(header)) return undefined;
  const match = /^Basic +([A-Za-z0-9+/]+=*) *$/i.exec(header);
  if (!match?.[1]) return 'malformed';
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return 'malformed';
  try {
    const clientId = decodeURIComponent(decoded.slice(0, colon).replace(/\+/g, ' '));
    const clientSecret = decodeURIComponent(decoded.slice(colon + 1).replace(/\+/g, ' '));
    return clientId && clientSecret && clientId.length <= 512 && clientSecret.length <= 512 ? { clientId, clientSecret } : 'malformed';
  } catch {
    return 'malformed';
  }
}

/**
 * Reads a client-credentials token request: exactly one client authentication method (Basic or
 * body), and the grant type (body or query string: token-request-query.ts). Returns the RFC 6749
 * §5.2 error for anything else.
 */
export function readClientCredentialsRequest(
  headers: IncomingHttpHeaders,
  body: unknown,
  query: unknown = {},
): ClientCredentials | OAuthFailure {
  const basic = readBasicCredentials(headers.authorization);
  const basicUsed = basic !== undefined;
  const failure = (error: OAuthErrorCode, description: string): OAuthFailure => ({ ok: false, error, description, basicUsed });

  const withQuery = withQueryParameters(body, query);
  if (!withQuery.ok) return failure('invalid_request', withQuery.description);
  const parsed = tokenRequestSchema.safeParse(withQuery.parameters ?? {});
  if (!parsed.success) return failure('invalid_request', 'The request has a malformed, oversized or repeated parameter.');
  const params = parsed.data;
  if (params.grant_type === undefined) return failure('invalid_request', 'The grant_type parameter is missing.');
  if (params.grant_type !== 'client_credentials')
    return failure('unsupported_grant_type', 'Only the client_credentials grant is supported.');
  if (basic === 'malformed') return failure('invalid_client', 'The Basic credentials are malformed.');
  const bodyUsed = params.client_id !== undefined || params.client_secret !== undefined;
  if (basic && bodyUsed)
    return failure('invalid_request', 'Use one client authentication method: HTTP Basic or body parameters, not both.');
  // The requested scopes are only read here; the token endpoint grants the ones it knows and
  // allows, and ignores the rest, as RFC 6749 §3.3 allows (token-endpoint.ts).
  const requestedScopes = (params.scope ?? '').split(' ').filter(Boolean);
  if (basic) return { ok: true, ...basic, basicUsed: true, requestedScopes };
  if (params.client_id === undefined || params.client_secret === undefined) {
    return failure('invalid_client', 'Client authentication is missing: use HTTP Basic or client_id and client_secret.');
  }
  return { ok: true, clientId: params.client_id, clientSecret: params.client_secret, basicUsed: false, requestedScopes };
}
