import { LEGACY_APIS, whoamiOutputSchema, type WhoamiOutput } from '@pwreset/contract';
import { fail, skip, type CheckOutcome, type ContractName, type VerificationContext } from './check.js';
import { probe } from './http-probe.js';

export type LegacyContractName = Exclude<ContractName, 'trpc'>;

export type ClientRegistration = { readonly ok: true; readonly client: WhoamiOutput } | { readonly ok: false; readonly reason: string };

/** Whether a contract is one of the legacy APIs a client must be registered for. */
export function isLegacyContract(contract: ContractName): contract is LegacyContractName {
  return (LEGACY_APIS as readonly string[]).includes(contract);
}

/**
 * The client's registration as the deployment states it (`client.whoami`). The kit asks rather than
 * guessing from the legacy routes' error answers, which would turn a broken route into a skip.
 */
export async function fetchClientRegistration(context: VerificationContext): Promise<ClientRegistration> {
  try {
    const response = await probe(context.fetch, `${context.baseUrl}/trpc/client.whoami`, {
      headers: { authorization: `Bearer ${await context.accessToken()}` },
    });
    const parsed = whoamiOutputSchema.safeParse((response.json as { result?: { data?: unknown } } | undefined)?.result?.data);
    if (response.status !== 200 || !parsed.success)
      return { ok: false, reason: `client.whoami did not answer the client's registration (status ${response.status})` };
    return { ok: true, client: parsed.data };
  } catch (error) {
    return { ok: false, reason: `client.whoami could not be asked: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/**
 * What becomes of a legacy check before it runs: skipped when the client is not registered for its
 * API, failed when the registration cannot be learned (never silently skipped), or null: run it.
 */
export function registrationGate(registration: ClientRegistration, contract: LegacyContractName): CheckOutcome | null {
  if (!registration.ok) return fail(`cannot tell whether the client is registered for ${contract}: ${registration.reason}`);
  return registration.client.legacyApis.includes(contract) ? null : skip(`client not registered for ${contract}`);
}
