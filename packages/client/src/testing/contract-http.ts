import type { HttpHandler } from 'msw';
import { createOpenApiHttp, type AnyApiSpec, type HttpMethod, type OpenApiHttpHandlers } from 'openapi-msw';
import { createOpenApiResponseValidator, type DecodeResponseBody, type OpenApiDocument } from './openapi-response-validator.js';

/** Thrown by a contract-checked handler whose mock answers something the document does not declare. */
export class MockResponseDriftError extends Error {
  constructor(
    readonly operation: string,
    readonly problems: readonly string[],
  ) {
    super(`the mock of ${operation} drifts from the OpenAPI document: ${problems.join('; ')}`);
    this.name = 'MockResponseDriftError';
  }
}

export interface ContractHttpOptions {
  /** Prepended to every path: the API's root as the client under test sees it (`https://reset.example.com/rest/v2.0`). */
  readonly baseUrl: string;
  /** For bodies that are not JSON (Antel's JSV). */
  readonly decodeBody?: DecodeResponseBody;
}

/** openapi-msw's typed `http`, plus every drift its handlers met, in order (so a test can assert there was none). */
export type ContractHttp<Paths extends AnyApiSpec> = OpenApiHttpHandlers<Paths> & {
  readonly drift: MockResponseDriftError[];
};

const METHODS: readonly HttpMethod[] = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch'];

type AnyResolver = (info: unknown) => unknown;
type AnyHandlerFactory = (path: string, resolver: AnyResolver, options?: unknown) => HttpHandler;

/**
 * msw handlers typed from an API's generated `paths` (openapi-msw's `createOpenApiHttp`), whose
 * every answer is also checked against the OpenAPI document before the client sees it: the status
 * and media type must be documented for that operation and the body must match its schema. So a
 * mock cannot drift from the provider's contract. A drifting answer is recorded in `drift` and
 * thrown as a {@link MockResponseDriftError}, which msw answers as a 500 carrying its message.
 */
export function createContractHttp<Paths extends AnyApiSpec>(document: OpenApiDocument, options: ContractHttpOptions): ContractHttp<Paths> {
  const typed = createOpenApiHttp<Paths>({ baseUrl: options.baseUrl });
  const validator = createOpenApiResponseValidator(document, options.decodeBody ? { decodeBody: options.decodeBody } : {});
  const drift: MockResponseDriftError[] = [];

  async function checked(path: string, method: HttpMethod, answer: unknown): Promise<unknown> {
    if (!(answer instanceof Response)) return answer;
    const copy = answer.clone();
    const problems = validator.problemsWith(path, method, {
      status: copy.status,
      contentType: copy.headers.get('content-type'),
      body: await copy.text(),
    });
    if (problems.length === 0) return answer;
    const error = new MockResponseDriftError(`${method.toUpperCase()} ${path} ${copy.status}`, problems);
    drift.push(error);
    throw error;
  }

  const handlers = Object.fromEntries(
    METHODS.map((method) => {
      const factory = typed[method] as unknown as AnyHandlerFactory;
      const wrapped: AnyHandlerFactory = (path, resolver, handlerOptions) =>
        factory(path, async (info) => checked(path, method, await resolver(info)), handlerOptions);
      return [method, wrapped];
    }),
  );
  return { ...handlers, untyped: typed.untyped, drift } as unknown as ContractHttp<Paths>;
}
