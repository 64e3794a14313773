import { jsvBoolean, jsvNumber, JsvSyntaxError, parseJsvObject, stringifyJsv, type JsvObject } from '@pwreset/jsv';
import { LegacyApiResponseError, type OpenApiFetchOutcome } from './legacy-result.js';

/** The media type Antel's ServiceStack service reads and writes JSV in. */
export const JSV_MEDIA_TYPE = 'text/jsv';

/**
 * Writes a request DTO as JSV (`{EmailAddress:ana@example.com,ApiKey:…}`); absent properties are
 * left out. Text is taken to be JSV already (the document types JSV bodies as strings).
 */
export function stringifyAntelRequest(dto: object | string | undefined): string {
  if (typeof dto === 'string') return dto;
  return stringifyJsv((dto ?? null) as JsvObject | null);
}

/**
 * Reads an Antel response DTO from JSV. JSV is untyped text, so the two value types the response
 * DTO declares (`systemUserId: int`, `wasSuccessful: bool`) are bound back to a number and a
 * boolean, as a ServiceStack client binding the DTO would: a JSV answer then has exactly the type
 * of the JSON one. Anything else (headings, `responseStatus`) is text already.
 * @throws JsvSyntaxError when the text is not a JSV object.
 */
export function parseAntelResponse(text: string): Record<string, unknown> {
  const dto: Record<string, unknown> = { ...parseJsvObject(text) };
  if (typeof dto.systemUserId === 'string') dto.systemUserId = jsvNumber(dto.systemUserId) ?? dto.systemUserId;
  if (typeof dto.wasSuccessful === 'string') dto.wasSuccessful = jsvBoolean(dto.wasSuccessful) ?? dto.wasSuccessful;
  return dto;
}

function isJsv(contentType: string | null): boolean {
  const mediaType = contentType?.split(';')[0]?.trim().toLowerCase();
  return mediaType === 'text/jsv' || mediaType === 'application/jsv';
}

/**
 * Decodes a JSV answer in openapi-fetch's outcome (called with `parseAs: 'text'`, so a success
 * body is text, and an error body is text too since JSV is not JSON). JSON answers pass through:
 * the service answers JSON whatever was asked when it cannot do otherwise.
 */
export function decodeJsvOutcome(operation: string, outcome: OpenApiFetchOutcome): OpenApiFetchOutcome {
  const { response } = outcome;
  if (!isJsv(response.headers.get('content-type'))) return outcome;
  const text = response.ok ? outcome.data : outcome.error;
  if (typeof text !== 'string') return outcome;
  let dto: Record<string, unknown>;
  try {
    dto = parseAntelResponse(text);
  } catch (error) {
    if (!(error instanceof JsvSyntaxError)) throw error;
    throw new LegacyApiResponseError(
      `${operation} answered ${response.status} with JSV that does not parse: ${error.message}`,
      response.status,
    );
  }
  return response.ok ? { data: dto, response } : { error: dto, response };
}
