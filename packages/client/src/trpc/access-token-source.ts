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

/**
 * OAuth2 client credentials against `/oauth/token`, cached until shortly before expiry. Concurrent
 * callers share one request: a hundred calls at start-up fetch one token.
 */
export function clientCredentialsTokenSource(credentials: ClientCredentials, fetchImplementation: typeof fetch = fetch): AccessTokenSource {
  let cached: { token: string; expiresAt: number } | null = null;
  let inFlight: Promise<string> | null = null;

  async function fetchToken(): Promise<string> {
    const response = await fetchImplementation(`${credentials.baseUrl.replace(/\/+$/, '')}/oauth/token`, {
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
      throw new AccessTokenError(`the token endpoint answered ${response.status}${typeof error === 'string' ? ` (${error})` : ''}`, response.status);
    }
    cached = { token: parsed.data.access_token, expiresAt: Date.now() + parsed.data.expires_in * 1000 - EXPIRY_MARGIN_MS };
    return parsed.data.access_token;
  }

  return {
    async get() {
      if (cached && cached.expiresAt > Date.now()) return cached.token;
      inFlight ??= fetchToken().finally(() => {
        inFlight = null;
      });
      return inFlight;
    },
    invalidate(token) {
      if (cached?.token === token) cached = null;
    },
  };
}
