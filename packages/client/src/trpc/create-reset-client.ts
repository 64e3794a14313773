import type { AppRouter } from '@pwreset/contract/router';
import { createTRPCClient, httpLink, retryLink, type TRPCClient } from '@trpc/client';
import { clientCredentialsTokenSource, type AccessTokenSource } from './access-token-source.js';

export type ResetClientOptions =
  | { readonly baseUrl: string; readonly clientId: string; readonly clientSecret: string }
  | { readonly baseUrl: string; readonly getAccessToken: () => Promise<string> };

export interface ResetClientTransport {
  /** Default: the global fetch. */
  readonly fetch?: typeof fetch;
}

export type ResetClient = TRPCClient<AppRouter>;

type LinkFetch = NonNullable<Parameters<typeof httpLink>[0]['fetch']>;

/** The link's `fetch` option, present only when the caller chose one (tRPC's default is the global fetch). */
function fetchOption(fetchImplementation: typeof fetch | undefined): { fetch?: LinkFetch } {
  // The cast: tRPC types `init.signal` as `AbortSignal | undefined` where the DOM's RequestInit has
  // `AbortSignal | null`; under exactOptionalPropertyTypes they differ, yet every init tRPC passes is a
  // valid RequestInit.
  return fetchImplementation ? { fetch: fetchImplementation as LinkFetch } : {};
}

function tokenSourceFor(options: ResetClientOptions, fetchImplementation: typeof fetch | undefined): AccessTokenSource {
  if ('getAccessToken' in options) return { get: options.getAccessToken, invalidate: () => undefined };
  return clientCredentialsTokenSource(options, fetchImplementation);
}

/**
 * The typed tRPC client for an application's backend: it fetches, caches and refreshes its
 * access token itself, and retries a call once with a fresh token when the service says the
 * token is no longer valid (revoked, rotated secret).
 */
export function createResetClient(options: ResetClientOptions, transport: ResetClientTransport = {}): ResetClient {
  const tokens = tokenSourceFor(options, transport.fetch);
  let lastToken: string | undefined;
  return createTRPCClient<AppRouter>({
    links: [
      retryLink({
        retry: ({ error, attempts }) => {
          if (attempts > 1 || error.data?.code !== 'UNAUTHORIZED' || lastToken === undefined) return false;
          tokens.invalidate(lastToken);
          return true;
        },
      }),
      httpLink({
        url: `${options.baseUrl.replace(/\/+$/, '')}/trpc`,
        ...fetchOption(transport.fetch),
        headers: async () => {
          lastToken = await tokens.get();
          return { authorization: `Bearer ${lastToken}` };
        },
      }),
    ],
  });
}

/**
 * A client without credentials, for the public procedures (`inspect`, `complete`, `policy`):
 * what a browser page uses. Calling `request` with it answers UNAUTHORIZED.
 */
export function createPublicResetClient({ baseUrl }: { readonly baseUrl: string }, transport: ResetClientTransport = {}): ResetClient {
  return createTRPCClient<AppRouter>({
    links: [httpLink({ url: `${baseUrl.replace(/\/+$/, '')}/trpc`, ...fetchOption(transport.fetch) })],
  });
}
