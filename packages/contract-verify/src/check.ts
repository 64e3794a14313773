/** Which contract a check belongs to; `--only` selects by these. */
export const CONTRACTS = ['trpc', 'cameramanager', 'trafficops', 'antel', 'teenquotes'] as const;
export type ContractName = (typeof CONTRACTS)[number];

export type CheckOutcome =
  | { readonly status: 'pass' }
  | { readonly status: 'fail'; readonly reason: string }
  /** Not run: it needs an option that was not given (an API key, an address), or the client is not registered for its legacy API. */
  | { readonly status: 'skip'; readonly reason: string };

/** One documented behaviour of a deployment, checked over HTTP. */
export interface Check {
  readonly contract: ContractName;
  /** Stable and unique: `trpc.request.unauthenticated`. Shown in the table and in JUnit. */
  readonly id: string;
  readonly title: string;
  /** Whether it changes anything on the deployment (sends a mail): only run with `--email`. */
  readonly mutates: boolean;
  run(context: VerificationContext): Promise<CheckOutcome>;
}

export interface VerificationContext {
  readonly baseUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly apiKey?: string;
  /** An address the operator owns: request-side checks send it a real mail. */
  readonly email?: string;
  readonly fetch: typeof fetch;
  /** A bearer token for the client, fetched once at the token endpoint. */
  accessToken(): Promise<string>;
}

export const pass = (): CheckOutcome => ({ status: 'pass' });
export const fail = (reason: string): CheckOutcome => ({ status: 'fail', reason });
export const skip = (reason: string): CheckOutcome => ({ status: 'skip', reason });

/** Collects every problem of one check, so a failure names all of them at once. */
export function outcomeOf(problems: readonly string[]): CheckOutcome {
  return problems.length === 0 ? pass() : fail(problems.join('; '));
}
