import { JsvSyntaxError, parseJsvObject } from '@pwreset/jsv';
import type { Request } from 'express';
import { readRawBody } from '../shared/read-raw-body.js';

/**
 * The request's properties by lower-cased name (ServiceStack binds names case-insensitively),
 * still unbound: strings from forms, query strings and JSV, any JSON value from JSON.
 */
export type AntelFields = ReadonlyMap<string, unknown>;

export type ReadAntelFields =
  | { readonly ok: true; readonly fields: AntelFields }
  | { readonly ok: false; readonly reason: 'TOO_LARGE' | 'UNSUPPORTED_MEDIA_TYPE' | 'UNBINDABLE' };

type BodyFormat = 'json' | 'jsv' | 'form';

const BODY_FORMAT_BY_MEDIA_TYPE: Readonly<Record<string, BodyFormat>> = {
  'application/json': 'json',
  'text/jsv': 'jsv',
  'application/jsv': 'jsv',
  'application/x-www-form-urlencoded': 'form',
};

/**
 * Reads the body (JSON, JSV or a form, at most 16 KiB) and the query string, merged in
 * ServiceStack's order: a JSON or JSV body is deserialized first and the query string's
 * parameters are set over it; a form's fields are set over the query string's.
 */
export async function readAntelFields(req: Request): Promise<ReadAntelFields> {
  const raw = await readRawBody(req);
  if (!raw.ok) return { ok: false, reason: raw.reason === 'TOO_LARGE' ? 'TOO_LARGE' : 'UNBINDABLE' };
  const query = parameterEntries(queryStringOf(req.originalUrl));
  if (raw.bytes.length === 0) return { ok: true, fields: fieldsOf(query) };
  const mediaType = (req.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  const format = BODY_FORMAT_BY_MEDIA_TYPE[mediaType];
  if (format === undefined) return { ok: false, reason: 'UNSUPPORTED_MEDIA_TYPE' };
  // A UTF-8 byte order mark is not part of the document (JSON.parse would choke on it).
  const text = raw.bytes.toString('utf8').replace(/^\uFEFF/, '');
  if (format === 'form') return { ok: true, fields: fieldsOf([...query, ...parameterEntries(text)]) };
  const body = format === 'json' ? jsonObjectEntries(text) : jsvObjectEntries(text);
  if (body === null) return { ok: false, reason: 'UNBINDABLE' };
  return { ok: true, fields: fieldsOf([...body, ...query]) };
}

/** Later entries win, so the order of the sources is their precedence. */
function fieldsOf(entries: Iterable<readonly [string, unknown]>): AntelFields {
  const fields = new Map<string, unknown>();
  for (const [name, value] of entries) fields.set(name.trim().toLowerCase(), value);
  return fields;
}

function queryStringOf(url: string): string {
  const start = url.indexOf('?');
  return start === -1 ? '' : url.slice(start + 1);
}

/**
 * URL-encoded parameters. A repeated name is read as .NET's NameValueCollection reads it,
 * its values joined with commas, which is what ServiceStack then binds.
 */
function parameterEntries(encoded: string): [string, string][] {
  const values = new Map<string, string[]>();
  for (const [name, value] of new URLSearchParams(encoded)) {
    const key = name.toLowerCase();
    values.set(key, [...(values.get(key) ?? []), value]);
  }
  return [...values].map(([name, list]) => [name, list.join(',')]);
}

/** A JSON object's members; `null` is an empty DTO (as in ServiceStack); anything else but an object cannot be bound. */
function jsonObjectEntries(text: string): [string, unknown][] | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (value === null) return [];
  return typeof value === 'object' && !Array.isArray(value) ? Object.entries(value) : null;
}

function jsvObjectEntries(text: string): [string, unknown][] | null {
  try {
    return Object.entries(parseJsvObject(text));
  } catch (error) {
    if (error instanceof JsvSyntaxError) return null;
    throw error;
  }
}
