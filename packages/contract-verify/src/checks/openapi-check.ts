import type { Check, ContractName, VerificationContext } from '../check.js';
import { outcomeOf, skip } from '../check.js';
import { mismatch, probe, type ProbedResponse, type ProbeRequest } from '../http-probe.js';
import { loadOpenApi, openApiValidator, type LegacyApiName } from '../openapi-validator.js';

/** Where in the document the answer must be described. */
export type DocumentedAs = { readonly operation: readonly [path: string, method: string] } | { readonly component: string };

export interface OpenApiCheckSpec {
  readonly contract: Exclude<ContractName, 'trpc'>;
  readonly id: string;
  readonly title: string;
  readonly mutates?: boolean;
  /** An option the check cannot run without; it is skipped when absent. */
  readonly needs?: 'apiKey' | 'email';
  /** The request, relative to the base URL; may need the context (a token, the API key, the address). */
  request(context: VerificationContext): Promise<ProbeRequest & { readonly path: string }> | (ProbeRequest & { readonly path: string });
  /** Statuses this check accepts (several when the deployment's switches decide, e.g. the enumeration switch). */
  readonly statuses: readonly number[];
  readonly documentedAs: DocumentedAs;
  /** Further problems particular to this answer (a header, a code). */
  readonly inspect?: (response: ProbedResponse) => readonly string[] | Promise<readonly string[]>;
  /** Turns a non-JSON body into what the schema describes (Antel's JSV). */
  readonly parseBody?: (contentType: string, body: string) => unknown;
}

const validators = new Map<string, ReturnType<typeof openApiValidator>>();

function validatorFor(api: LegacyApiName, parseBody?: OpenApiCheckSpec['parseBody']) {
  const key = `${api}:${parseBody ? 'custom' : 'json'}`;
  let validator = validators.get(key);
  if (!validator) {
    validator = openApiValidator(loadOpenApi(api), parseBody);
    validators.set(key, validator);
  }
  return validator;
}

/** A check whose answer must have an accepted status and conform to the API's OpenAPI document. */
export function openApiCheck(spec: OpenApiCheckSpec): Check {
  return {
    contract: spec.contract,
    id: spec.id,
    title: spec.title,
    mutates: spec.mutates ?? false,
    async run(context) {
      if (spec.needs === 'apiKey' && !context.apiKey) return skip('needs --api-key');
      if (spec.needs === 'email' && !context.email) return skip('needs --email');
      const { path, ...request } = await spec.request(context);
      const response = await probe(context.fetch, `${context.baseUrl}${path}`, request);
      const observed = { status: response.status, contentType: response.headers.get('content-type'), body: response.text };
      const validator = validatorFor(spec.contract, spec.parseBody);
      const documented =
        'operation' in spec.documentedAs
          ? validator.operation(spec.documentedAs.operation[0], spec.documentedAs.operation[1], observed)
          : validator.component(spec.documentedAs.component, observed);
      return outcomeOf([
        ...(spec.statuses.includes(response.status)
          ? []
          : [mismatch('status', spec.statuses.length === 1 ? spec.statuses[0] : spec.statuses, response.status)]),
        ...documented,
        ...((await spec.inspect?.(response)) ?? []),
      ]);
    },
  };
}

export const json = (body: unknown, headers: Record<string, string> = {}): ProbeRequest => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
  body: JSON.stringify(body),
});
