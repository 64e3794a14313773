import type { Check, CheckOutcome, ContractName, VerificationContext } from './check.js';
import { fetchClientRegistration, isLegacyContract, registrationGate, type ClientRegistration } from './client-registration.js';
import { identifyService } from './identify-service.js';
import { probe } from './http-probe.js';

export interface VerificationOptions {
  readonly baseUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly apiKey?: string;
  readonly email?: string;
  /** Contracts to check; default all. */
  readonly only?: readonly ContractName[];
  readonly checks: readonly Check[];
  readonly fetch?: typeof fetch;
}

export interface CheckResult {
  readonly check: Check;
  readonly outcome: CheckOutcome;
  readonly durationMs: number;
}

export type VerificationReport =
  { readonly identified: false; readonly reason: string } | { readonly identified: true; readonly results: readonly CheckResult[] };

/** Runs every selected check, one at a time (a deployment's throttles should not see a burst). */
export async function runVerification(options: VerificationOptions): Promise<VerificationReport> {
  const fetchImplementation = options.fetch ?? fetch;
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const identity = await identifyService(fetchImplementation, baseUrl);
  if (!identity.ok) return { identified: false, reason: identity.reason };

  let token: Promise<string> | undefined;
  const context: VerificationContext = {
    baseUrl,
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    ...(options.apiKey ? { apiKey: options.apiKey } : {}),
    ...(options.email ? { email: options.email } : {}),
    fetch: fetchImplementation,
    accessToken: () =>
      (token ??= probe(fetchImplementation, `${baseUrl}/oauth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: options.clientId,
          client_secret: options.clientSecret,
        }).toString(),
      }).then((response) => {
        const accessToken = (response.json as { access_token?: unknown } | undefined)?.access_token;
        if (typeof accessToken !== 'string') throw new Error(`no access token for these client credentials (status ${response.status})`);
        return accessToken;
      })),
  };

  // Asked once, and only when a legacy check is selected: which legacy APIs this client may use.
  let registration: Promise<ClientRegistration> | undefined;
  const gate = async (check: Check): Promise<CheckOutcome | null> => {
    if (check.mutates && !options.email) return { status: 'skip', reason: 'changes state: runs only with --email' };
    if (!isLegacyContract(check.contract)) return null;
    return registrationGate(await (registration ??= fetchClientRegistration(context)), check.contract);
  };

  const selected = options.checks.filter((check) => !options.only || options.only.includes(check.contract));
  const results: CheckResult[] = [];
  for (const check of selected) {
    const started = performance.now();
    let outcome = await gate(check);
    if (outcome === null) {
      try {
        outcome = await check.run(context);
      } catch (error) {
        outcome = { status: 'fail', reason: error instanceof Error ? error.message : String(error) };
      }
    }
    results.push({ check, outcome, durationMs: performance.now() - started });
  }
  return { identified: true, results };
}
