import { clientCredentialsTokenSource, type AccessTokenSource } from '../trpc/access-token-source.js';

/** How a token-based legacy client authenticates: its OAuth2 client credentials, or a token the caller manages. */
export type LegacyBearerClientOptions =
  | { readonly baseUrl: string; readonly clientId: string; readonly clientSecret: string }
  | { readonly baseUrl: string; readonly getAccessToken: () => Promise<string> };

/** The caller's own token source, or `fromCredentials` for client credentials. */
export function bearerTokenSource(
  options: LegacyBearerClientOptions,
  fromCredentials: (credentials: { baseUrl: string; clientId: string; clientSecret: string }) => AccessTokenSource,
): AccessTokenSource {
  if ('getAccessToken' in options) return { get: options.getAccessToken, invalidate: () => undefined };
  return fromCredentials(options);
}

/** Client credentials at the service's own `/oauth/token` (what Cameramanager clients use). */
export function serviceTokenSource(options: LegacyBearerClientOptions, fetchImplementation: typeof fetch | undefined): AccessTokenSource {
  return bearerTokenSource(options, (credentials) => clientCredentialsTokenSource(credentials, fetchImplementation));
}

/**
 * Calls with a token, and once more with a fresh one when the API answers 401: the cached token
 * may have been revoked or its client's secret rotated. A second 401 is the caller's answer.
 */
export async function callWithBearerToken<Result extends { readonly status: number }>(
  tokens: AccessTokenSource,
  call: (accessToken: string) => Promise<Result>,
): Promise<Result> {
  const token = await tokens.get();
  const first = await call(token);
  if (first.status !== 401) return first;
  tokens.invalidate(token);
  return call(await tokens.get());
}
