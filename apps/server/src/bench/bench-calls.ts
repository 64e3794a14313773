import type { BenchCredentials } from './bench-world.js';

/** One HTTP call the bench makes, as data, so that both `fetch` (counting) and autocannon (load) can send it. */
export interface BenchCall {
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body: string;
}

const JSON_HEADERS = { 'content-type': 'application/json', accept: 'application/json' };

function json(path: string, body: unknown, headers: Record<string, string> = {}): BenchCall {
  return { path, headers: { ...JSON_HEADERS, ...headers }, body: JSON.stringify(body) };
}

/** The calls of the reset server that take an address, by API (the legacy ones as their documents' clients send them). */
export function addressCalls(credentials: BenchCredentials) {
  return {
    request: (email: string) => json('/trpc/passwordReset.request', { email }, { authorization: credentials.authorization }),
    cameramanager: (email: string) => json('/rest/v2.0/passwordResets', { email }, { authorization: credentials.authorization }),
    trafficops: (email: string) => json('/api/5.0/user/reset_password', { email }),
    antel: (email: string) => json('/user/password/forgot', { EmailAddress: email, ApiKey: credentials.apiKey }),
    teenquotes: (email: string): BenchCall => ({
      path: '/v1/password/remind',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: credentials.teenQuotesAuthorization },
      body: new URLSearchParams({ email }).toString(),
    }),
  } as const;
}

export type LegacyApiName = 'cameramanager' | 'trafficops' | 'antel' | 'teenquotes';
export const LEGACY_ROUTES: Readonly<Record<LegacyApiName, string>> = {
  cameramanager: 'Cameramanager POST /rest/v2.0/passwordResets',
  trafficops: 'Traffic Ops POST /api/5.0/user/reset_password',
  antel: 'Antel POST /user/password/forgot',
  teenquotes: 'Teen Quotes POST /v1/password/remind',
};

export const inspectCall = (secret: string): BenchCall => json('/trpc/passwordReset.inspect', { token: secret });
export const completeCall = (secret: string, password: string): BenchCall =>
  json('/trpc/passwordReset.complete', { token: secret, password });

/** The baseline server's two yardsticks (see baseline-server.ts). */
export const trpcBaselineCall = (email: string): BenchCall => json('/trpc/baseline', { email });
export const expressBaselineCall = (email: string): BenchCall => json('/baseline', { email });

/** Sends one call; rejects unless the answer is `expected` (2xx by default), so a broken route cannot be counted as a cheap one. */
export async function send(
  baseUrl: string,
  call: BenchCall,
  expected: (status: number) => boolean = (s) => s >= 200 && s < 300,
): Promise<number> {
  const response = await fetch(`${baseUrl}${call.path}`, { method: 'POST', headers: call.headers, body: call.body });
  const text = await response.text();
  // The service's error bodies carry a code and never a secret (README "Security"): shown to say why.
  if (!expected(response.status)) throw new Error(`POST ${call.path} answered ${response.status}: ${text.slice(0, 300)}`);
  return response.status;
}
