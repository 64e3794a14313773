import { z } from 'zod';
import { multipartFormFields } from './multipart-form.js';

export type BodyProblem = 'MALFORMED_JSON' | 'MALFORMED_MULTIPART' | 'UNSUPPORTED_MEDIA_TYPE';

/** A parameter is text; a JSON number counts as its decimal text (PHP would cast it so). */
const jsonParameterValue = z.union([z.string(), z.number().transform((value) => String(value))]);

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The parameters a body carries, read as Laravel 4 reads them: JSON when the `Content-Type`
 * contains `/json` (`Request::isJson`), else what PHP puts in `$_POST` (a URL-encoded or multipart
 * form). A repeated form parameter keeps its last value, as PHP's parser does.
 */
export function bodyParameters(body: Buffer, contentType: string): Map<string, string> | BodyProblem {
  if (body.length === 0) return new Map();
  if (contentType.toLowerCase().includes('/json')) return jsonBodyParameters(body);
  const mediaType = contentType.split(';')[0]?.trim().toLowerCase();
  if (mediaType === 'application/x-www-form-urlencoded') return new Map(new URLSearchParams(body.toString('utf8')));
  if (mediaType === 'multipart/form-data') return multipartFormFields(body, contentType) ?? 'MALFORMED_MULTIPART';
  // Laravel ignored such a body and read only the query string; answering as if it had been read misleads.
  return 'UNSUPPORTED_MEDIA_TYPE';
}

function jsonBodyParameters(body: Buffer): Map<string, string> | BodyProblem {
  let parsed: unknown;
  try {
    const text = utf8.decode(body);
    // PHP's json_decode of blank text is null, which Laravel reads as no parameters.
    if (text.trim() === '') return new Map();
    parsed = JSON.parse(text);
  } catch {
    return 'MALFORMED_JSON';
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return 'MALFORMED_JSON';
  const parameters = new Map<string, string>();
  for (const [name, value] of Object.entries(parsed)) {
    const text = jsonParameterValue.safeParse(value);
    if (text.success) parameters.set(name, text.data);
  }
  return parameters;
}

/** The query string's parameters; a repeated one keeps its last value, as PHP's parser does. */
export function queryParameters(url: string): Map<string, string> {
  const query = url.indexOf('?');
  return query < 0 ? new Map() : new Map(new URLSearchParams(url.slice(query + 1)));
}
