export interface LegacyClientTransport {
  /** Default: the global fetch, looked up at each call (so a fetch installed later, such as msw's, is used). */
  readonly fetch?: typeof fetch;
}

/** openapi-fetch's client options for an API rooted at `apiRoot`. */
export function openApiFetchOptions(
  apiRoot: string,
  transport: LegacyClientTransport,
): { baseUrl: string; fetch: (request: Request) => Promise<Response> } {
  // openapi-fetch would capture globalThis.fetch once, when the client is created.
  return { baseUrl: apiRoot.replace(/\/+$/, ''), fetch: (request) => (transport.fetch ?? globalThis.fetch)(request) };
}

/** The service root without trailing slashes, so paths can be appended. */
export function trimBaseUrl(baseUrl: string): string {
  return baseUrl.replace(/\/+$/, '');
}
