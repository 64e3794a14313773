import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { LegacyApi } from '@pwreset/contract/engine';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

// ajv-formats is CommonJS with a default export; under NodeNext its type is the module object.
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

/** A legacy API the service can serve, as the contract lists them. */
export type LegacyApiName = LegacyApi;

/** An OpenAPI 3.1 document, as far as these checks read it. */
export interface OpenApiDocument {
  readonly openapi: string;
  readonly paths: Record<string, Record<string, { responses: Record<string, OpenApiResponse | { $ref: string }> }>>;
  readonly components?: { readonly responses?: Record<string, OpenApiResponse> };
}

interface OpenApiResponse {
  readonly description: string;
  readonly content?: Record<string, { schema?: unknown }>;
  readonly headers?: Record<string, unknown>;
}

export interface ObservedResponse {
  readonly status: number;
  /** The Content-Type header as sent (parameters are ignored). */
  readonly contentType: string | null;
  /** The body as text. */
  readonly body: string;
}

const require = createRequire(import.meta.url);

/** The committed OpenAPI 3.1 document of a legacy API (shipped in @pwreset/legacy-openapi). */
export function loadOpenApi(api: LegacyApiName): OpenApiDocument {
  return JSON.parse(readFileSync(require.resolve(`@pwreset/legacy-openapi/openapi/${api}.openapi.json`), 'utf8')) as OpenApiDocument;
}

/**
 * Validates live responses against an OpenAPI 3.1 document with ajv (JSON Schema 2020-12):
 * the status is declared, the content type is one the document lists, and the body matches
 * the schema. Returns the problems found (empty: valid).
 */
export function openApiValidator(
  doc: OpenApiDocument,
  parseBody: (contentType: string, body: string) => unknown = (_type, body) => JSON.parse(body),
) {
  // OpenAPI adds keywords to JSON Schema (example, discriminator…): not strict about unknown ones.
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema(doc as object, 'doc');
  const pointer = (...parts: string[]) => `doc#/${parts.map((part) => part.replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`;

  function resolveResponse(response: OpenApiResponse | { $ref: string }): [OpenApiResponse, string[]] {
    if ('$ref' in response) {
      const name = response.$ref.replace('#/components/responses/', '');
      const found = doc.components?.responses?.[name];
      if (!found) throw new Error(`unresolved ${response.$ref}`);
      return [found, ['components', 'responses', name]];
    }
    return [response, []];
  }

  function check(declared: OpenApiResponse, location: string[], observed: ObservedResponse): string[] {
    const mediaType = observed.contentType?.split(';')[0]?.trim().toLowerCase() ?? null;
    if (!declared.content)
      return observed.body.length === 0 ? [] : [`status ${observed.status} declares no body, got ${observed.body.length} bytes`];
    if (!mediaType || !(mediaType in declared.content)) {
      return [`content type ${mediaType ?? '(none)'} is not among ${Object.keys(declared.content).join(', ')}`];
    }
    const schema = declared.content[mediaType]?.schema;
    if (schema === undefined) return [];
    let body: unknown;
    try {
      body = parseBody(mediaType, observed.body);
    } catch (error) {
      return [`body is not valid ${mediaType}: ${(error as Error).message}`];
    }
    const validate = ajv.compile({ $ref: pointer(...location, 'content', mediaType, 'schema') });
    return validate(body) ? [] : (validate.errors ?? []).map((error) => `body${error.instancePath} ${error.message ?? 'is invalid'}`);
  }

  return {
    /** Checks a response of a documented operation (`path` as written in the document). */
    operation(path: string, method: string, observed: ObservedResponse): string[] {
      const operation = doc.paths[path]?.[method.toLowerCase()];
      if (!operation) return [`${method.toUpperCase()} ${path} is not in the document`];
      const status = String(observed.status);
      const key = [status, `${status[0]}XX`, 'default'].find((candidate) => candidate in operation.responses);
      if (!key) return [`status ${status} is not declared for ${method.toUpperCase()} ${path}`];
      const [declared, location] = resolveResponse(operation.responses[key]!);
      return check(declared, location.length > 0 ? location : ['paths', path, method.toLowerCase(), 'responses', key], observed);
    },
    /** Checks a response that no operation owns (unknown path, wrong method) against a named component response. */
    component(name: string, observed: ObservedResponse): string[] {
      const declared = doc.components?.responses?.[name];
      if (!declared) return [`components.responses.${name} is not in the document`];
      return check(declared, ['components', 'responses', name], observed);
    },
  };
}

/** Reads a fetch Response into what the validator needs. */
export async function observe(response: Response): Promise<ObservedResponse & { readonly headers: Headers }> {
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    body: await response.text(),
    headers: response.headers,
  };
}
