import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

// ajv-formats is CommonJS with a default export; under NodeNext its type is the module object.
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

interface OpenApiResponseObject {
  readonly content?: Record<string, { readonly schema?: unknown }>;
}

type OpenApiResponseOrReference = OpenApiResponseObject | { readonly $ref: string };

/** An OpenAPI 3.1 document, as far as the validator reads it. */
export interface OpenApiDocument {
  readonly openapi: string;
  readonly paths: Record<string, Record<string, unknown>>;
  readonly components?: { readonly responses?: Record<string, OpenApiResponseObject> };
}

/** A response as the validator sees it: what a mock is about to answer. */
export interface ResponseToValidate {
  readonly status: number;
  /** The Content-Type header (parameters are ignored); `null` when there is none. */
  readonly contentType: string | null;
  /** The body as text. */
  readonly body: string;
}

/**
 * Turns a body of a given media type into the value its schema describes. Default: JSON.parse.
 * Antel's JSV needs its own (`parseAntelResponse` from `@pwreset/client/legacy`).
 */
export type DecodeResponseBody = (mediaType: string, body: string) => unknown;

export interface OpenApiResponseValidator {
  /**
   * The ways `response` departs from what the document declares for `method path` (path as the
   * document writes it, `{version}` included): an undeclared status or media type, a body that
   * does not decode, or one that fails the schema. Empty when the response honours the document.
   */
  problemsWith(path: string, method: string, response: ResponseToValidate): string[];
}

/** A JSON pointer into the document, as a `$ref` ajv resolves (RFC 6901 escapes, then URI-encoded). */
function pointerInto(...parts: string[]): string {
  return `document#/${parts.map((part) => encodeURIComponent(part.replace(/~/g, '~0').replace(/\//g, '~1'))).join('/')}`;
}

/**
 * Validates responses against an OpenAPI 3.1 document with ajv (JSON Schema 2020-12, the dialect of
 * OpenAPI 3.1; not strict, since OpenAPI adds keywords such as `example`).
 */
export function createOpenApiResponseValidator(
  document: OpenApiDocument,
  { decodeBody = (_mediaType, body) => JSON.parse(body) as unknown }: { readonly decodeBody?: DecodeResponseBody } = {},
): OpenApiResponseValidator {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema(document as object, 'document');
  const compiled = new Map<string, ValidateFunction>();
  function validatorFor(pointer: string): ValidateFunction {
    let validate = compiled.get(pointer);
    if (!validate) compiled.set(pointer, (validate = ajv.compile({ $ref: pointer })));
    return validate;
  }

  function declaredResponse(
    path: string,
    method: string,
    status: number,
  ): { declared: OpenApiResponseObject; location: string[] } | string {
    const operation = document.paths[path]?.[method] as { responses?: Record<string, OpenApiResponseOrReference> } | undefined;
    if (!operation?.responses) return `${method.toUpperCase()} ${path} is not in the document`;
    const key = [String(status), `${String(status)[0]}XX`, 'default'].find((candidate) =>
      Object.hasOwn(operation.responses ?? {}, candidate),
    );
    const response = key === undefined ? undefined : operation.responses[key];
    if (key === undefined || response === undefined) return `status ${status} is not documented for ${method.toUpperCase()} ${path}`;
    if (!('$ref' in response)) return { declared: response, location: ['paths', path, method, 'responses', key] };
    const name = response.$ref.replace('#/components/responses/', '');
    const declared = document.components?.responses?.[name];
    return declared ? { declared, location: ['components', 'responses', name] } : `unresolved ${response.$ref}`;
  }

  return {
    problemsWith(path, method, response) {
      const lowerMethod = method.toLowerCase();
      const found = declaredResponse(path, lowerMethod, response.status);
      if (typeof found === 'string') return [found];
      const { declared, location } = found;
      if (!declared.content)
        return response.body.length === 0
          ? []
          : [`status ${response.status} declares no body, but the mock sends ${response.body.length} bytes`];
      const mediaType = response.contentType?.split(';')[0]?.trim().toLowerCase();
      if (!mediaType || !Object.hasOwn(declared.content, mediaType)) {
        return [`content type ${mediaType ?? '(none)'} is not among the documented ${Object.keys(declared.content).join(', ')}`];
      }
      if (declared.content[mediaType]?.schema === undefined) return [];
      let body: unknown;
      try {
        body = decodeBody(mediaType, response.body);
      } catch (error) {
        return [`the body is not valid ${mediaType}: ${(error as Error).message}`];
      }
      const validate = validatorFor(pointerInto(...location, 'content', mediaType, 'schema'));
      return validate(body) ? [] : (validate.errors ?? []).map((error) => `body${error.instancePath} ${error.message ?? 'is invalid'}`);
    },
  };
}
