import { z } from 'zod';

/** Supplies a bearer token; `invalidate` forgets a token the server refused, so the next call fetches anew. */
export interface AccessTokenSource {
  get(): Promise<string>;
  invalidate(token: string): void;
}

export interface ClientCredentials {
  readonly baseUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
}

const tokenResponseSchema = z.object({
  access_token: z.string().min(1),
  token_type: z.string().regex(/^bearer$/i),
  expires_in: z.number().int().positive(),
});

/** Refresh this long before the server's expiry, so a token never dies in flight. */
const EXPIRY_MARGIN_MS = 30_000;

/** Thrown when the token endpoint refuses the credentials or answers something unexpected. */
export class AccessTokenError extends Error {
  constructor(
    message: string,
    readonly status: number,
    /** The OAuth2 error code the endpoint answered (`invalid_client`…), when it answered one. */
    readonly oauthError?: string,
  ) {
    super(message);
    this.name = 'AccessTokenError';
  }
}

function basicCredentials(clientId: string, clientSecret: string): string {
  // RFC 6749 §2.3.1: form-url-encode both parts before Basic encoding.
  const pair = `${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`;
  return `Basic ${btoa(String.fromCharCode(...new TextEncoder().encode(pair)))}`;
}

/** A token as an endpoint issued it. */
export interface IssuedAccessToken {
  readonly accessToken: string;
  /** Lifetime in SECONDS from now, as the endpoint's `expires_in` says. */
  readonly expiresInSeconds: number;
}

/**
 * Caches what `fetchToken` issues until shortly before it expires. Concurrent callers share one
 * request: a hundred calls at start-up fetch one token.
 */
export function cachedAccessTokenSource(fetchToken: () => Promise<IssuedAccessToken>): AccessTokenSource {
  let cached: { token: string; expiresAt: number } | null = null;
  let inFlight: Promise<string> | null = null;

  async function refresh(): Promise<string> {
    const issued = await fetchToken();
    cached = { token: issued.accessToken, expiresAt: Date.now() + issued.expiresInSeconds * 1000 - EXPIRY_MARGIN_MS };
    return issued.accessToken;
  }

  return {
    async get() {
      if (cached && cached.expiresAt > Date.now()) return cached.token;
      inFlight ??= refresh().finally(() => {
        inFlight = null;
      });
      return inFlight;
    },
    invalidate(token) {
      if (cached?.token === token) cached = null;
    },
  };
}

/**
 * OAuth2 client credentials against `/oauth/token`, cached until shortly before expiry (one
 * request for many concurrent callers).
 */
export function clientCredentialsTokenSource(credentials: ClientCredentials, fetchImplementation?: typeof fetch): AccessTokenSource {
  return cachedAccessTokenSource(async () => {
    // The global fetch is looked up at each request, so one installed later (msw's) is used.
    const response = await (fetchImplementation ?? globalThis.fetch)(`${credentials.baseUrl.replace(/\/+$/, '')}/oauth/token`, {
      method: 'POST',
      headers: {
        authorization: basicCredentials(credentials.clientId, credentials.clientSecret),
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'grant_type=client_credentials',
    });
    const body: unknown = await response.json().catch(() => null);
    const parsed = tokenResponseSchema.safeParse(body);
    if (!response.ok || !parsed.success) {
      const error = (body as { error?: unknown } | null)?.error;
      const oauthError = typeof error === 'string' ? error : undefined;
      throw new AccessTokenError(
        `the token endpoint answered ${response.status}${oauthError ? ` (${oauthError})` : ''}`,
        response.status,
        oauthError,
      );
    }
    return { accessToken: parsed.data.access_token, expiresInSeconds: parsed.data.expires_in };
  });
}
