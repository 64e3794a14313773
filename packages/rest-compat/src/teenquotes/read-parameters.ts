import type { Request } from 'express';
import { readRawBody } from '../shared/read-raw-body.js';
import { bodyParameters, queryParameters, type BodyProblem } from './body-parameters.js';

/** Parameter name → value, all text. */
export type TeenQuotesParameters = ReadonlyMap<string, string>;

export type ParameterReading =
  | { readonly ok: true; readonly parameters: TeenQuotesParameters }
  | { readonly ok: false; readonly problem: BodyProblem | 'TOO_LARGE' | 'UNREADABLE' };

/**
 * Every parameter of a request, as Laravel 4's `Input::get` sees them:
 * `getInputSource()->all() + $this->query->all()` — PHP's `+` keeps the left operand's keys, so a
 * body parameter wins over a query parameter of the same name.
 */
export async function readTeenQuotesParameters(req: Request): Promise<ParameterReading> {
  const raw = await readRawBody(req);
  if (!raw.ok) return { ok: false, problem: raw.reason === 'TOO_LARGE' ? 'TOO_LARGE' : 'UNREADABLE' };
  const body = bodyParameters(raw.bytes, req.headers['content-type'] ?? '');
  if (typeof body === 'string') return { ok: false, problem: body };
  return { ok: true, parameters: new Map([...queryParameters(req.originalUrl), ...body]) };
}

/**
 * Headers for an answer given before the body was read to its end (too large, or broken off):
 * the connection cannot carry another request reliably, so it is closed (RFC 9110 §15.5.14).
 */
export function headersForUnreadBody(problem: Extract<ParameterReading, { ok: false }>['problem']): Record<string, string> {
  return problem === 'TOO_LARGE' || problem === 'UNREADABLE' ? { Connection: 'close' } : {};
}
