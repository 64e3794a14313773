/** The documented responses of an operation of an openapi-typescript `operations` type. */
type ResponsesOf<Operation> = Operation extends { responses: infer Responses } ? Responses : never;

/** The JSON body a response declares; `undefined` for a response without content (204). */
type JsonBodyOf<Response> = Response extends { content: { 'application/json': infer Body } } ? Body : undefined;

/** The statuses an operation documents. */
export type DocumentedStatus<Operation> = keyof ResponsesOf<Operation> & number;

/**
 * What every legacy client method answers: one member per documented status, discriminated by
 * `ok` and then by `status`, with the body the document declares for it. Expected failures
 * (validation, unknown account, refused credentials…) are values; only the transport edge throws
 * (network errors, and {@link LegacyApiResponseError} for an answer the document does not describe).
 *
 * ```ts
 * const result = await cameramanager.requestPasswordReset({ email });
 * if (!result.ok && result.status === 404) result.error.code; // 1200: no such account
 * ```
 */
export type LegacyResult<Operation> = {
  [Status in DocumentedStatus<Operation>]: `${Status}` extends `2${string}`
    ? { readonly ok: true; readonly status: Status; readonly data: JsonBodyOf<ResponsesOf<Operation>[Status]>; readonly headers: Headers }
    : {
        readonly ok: false;
        readonly status: Status;
        readonly error: JsonBodyOf<ResponsesOf<Operation>[Status]>;
        readonly headers: Headers;
      };
}[DocumentedStatus<Operation>];

/**
 * Every status an operation documents, as a run-time table. Typed as a complete record, so the
 * compiler refuses a table that misses a documented status or lists one the document lacks.
 */
export type DocumentedStatusTable<Operation> = Readonly<Record<DocumentedStatus<Operation>, true>>;

/** Thrown when a legacy API answers something its document does not describe: another status, or a body that is not JSON. */
export class LegacyApiResponseError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'LegacyApiResponseError';
  }
}

/** What openapi-fetch answers when called with `parseAs: 'text'`, as far as {@link settleLegacyResponse} reads it. */
export interface OpenApiFetchOutcome {
  /** The success body as text (`parseAs: 'text'`); `undefined` for an empty one. */
  readonly data?: unknown;
  /** The error body, parsed as JSON when it is JSON, otherwise its text. */
  readonly error?: unknown;
  readonly response: Response;
}

function parseJsonText(text: unknown): unknown {
  if (typeof text !== 'string') return text;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Turns openapi-fetch's `{ data, error, response }` (from a call with `parseAs: 'text'`) into a
 * {@link LegacyResult}, refusing statuses the document does not list and bodies that are not
 * JSON objects. Only 204 answers have no body.
 */
export function settleLegacyResponse<Operation>(
  operation: string,
  documentedStatuses: DocumentedStatusTable<Operation>,
  outcome: OpenApiFetchOutcome,
): LegacyResult<Operation> {
  const { response } = outcome;
  const { status, headers } = response;
  if (!Object.hasOwn(documentedStatuses, status)) {
    throw new LegacyApiResponseError(`${operation} answered ${status}, which its document does not describe`, status);
  }
  if (status === 204) return { ok: true, status, data: undefined, headers } as LegacyResult<Operation>;
  // openapi-fetch parses error bodies itself and leaves the text when they are not JSON.
  const body = response.ok ? parseJsonText(outcome.data) : outcome.error;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new LegacyApiResponseError(`${operation} answered ${status} without the JSON object its document describes`, status);
  }
  const result = response.ok ? { ok: true, status, data: body, headers } : { ok: false, status, error: body, headers };
  return result as LegacyResult<Operation>;
}
