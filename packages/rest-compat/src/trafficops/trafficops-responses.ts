import { createHash } from 'node:crypto';
import type { Response } from 'express';
import type { components } from '@pwreset/legacy-openapi/generated/trafficops';

type Alerts = components['schemas']['Alerts'];
export type AlertLevel = components['schemas']['Alert']['level'];

/**
 * The headers of the document's example, on every answer. Cache-Control replaces the server's
 * global `no-store` with Traffic Ops' longer form (it says the same thing, and clients compare it).
 * No Set-Cookie: the example's `mojolicious` cookie is a Traffic Ops session we do not have.
 */
export const TRAFFIC_OPS_HEADERS = {
  'Access-Control-Allow-Credentials': 'true',
  'Access-Control-Allow-Headers': 'Origin, X-Requested-With, Content-Type, Accept',
  'Access-Control-Allow-Methods': 'POST,GET,OPTIONS,PUT,DELETE',
  'Access-Control-Allow-Origin': '*',
  'Cache-Control': 'no-cache, no-store, max-age=0, must-revalidate',
  Vary: 'Accept-Encoding',
  'X-Server-Name': 'traffic_ops_golang/',
} as const;

/** Base64 of the SHA-512 of exactly these bytes: what Traffic Ops clients may verify. */
export function wholeContentSha512(body: Buffer): string {
  return createHash('sha512').update(body).digest('base64');
}

/** What Go's json.Marshal escapes beyond JSON.stringify: HTML's `<`, `>`, `&`, and the JavaScript line terminators. */
const ESCAPED_BY_GO = /[<>&\u2028\u2029]/g;

/** JSON text as Go's encoding/json writes it (HTML-safe: `\u003c`, `\u003e`, `\u0026`, `\u2028`, `\u2029`). */
export function goJsonMarshal(value: unknown): string {
  return JSON.stringify(value).replace(ESCAPED_BY_GO, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * Answers in Traffic Ops' envelope, `{"alerts":[{"level","text"}]}`: compact JSON as Go's
 * json.Marshal writes it, keys in the document's order, never compressed, with
 * Whole-Content-Sha512 over the bytes actually sent.
 */
export function sendAlert(res: Response, status: number, level: AlertLevel, text: string): void {
  const envelope: Alerts = { alerts: [{ level, text }] };
  const body = Buffer.from(goJsonMarshal(envelope), 'utf8');
  res.status(status);
  for (const [name, value] of Object.entries(TRAFFIC_OPS_HEADERS)) res.setHeader(name, value);
  // setHeader, not res.type()/res.json(): those would add "; charset=utf-8" to the documented value.
  res.setHeader('Content-Type', 'application/json');
  res.setHeader('Content-Length', body.length);
  res.setHeader('Whole-Content-Sha512', wholeContentSha512(body));
  res.end(body);
}
