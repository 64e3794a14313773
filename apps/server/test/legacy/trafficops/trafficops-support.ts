import { createHash } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { expect } from 'vitest';
import { expectConforms, loadOpenApi, openApiValidator, type ObservedResponse } from '../support/openapi-contract.js';
import type { LegacyDeployment } from '../support/legacy-deployment.js';

export const RESET_PASSWORD_PATH = '/api/{version}/user/reset_password';
export const validator = openApiValidator(loadOpenApi('trafficops'));

/** The headers of the document's response example, as it shows them (Set-Cookie aside: a deviation). */
export const DOCUMENTED_HEADERS = {
  'access-control-allow-credentials': 'true',
  'access-control-allow-headers': 'Origin, X-Requested-With, Content-Type, Accept',
  'access-control-allow-methods': 'POST,GET,OPTIONS,PUT,DELETE',
  'access-control-allow-origin': '*',
  'cache-control': 'no-cache, no-store, max-age=0, must-revalidate',
  'content-type': 'application/json',
  'x-server-name': 'traffic_ops_golang/',
  vary: 'Accept-Encoding',
} as const;

export interface TrafficOpsAnswer extends ObservedResponse {
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly json: unknown;
}

export interface RawCall {
  readonly method?: string;
  readonly path?: string;
  /** Sent exactly as given (node:http, so Host and Content-Length are ours to set). */
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string | Buffer;
}

/** One request over node:http, whose answer is checked for what EVERY Traffic Ops answer must have. */
export async function callTrafficOps(
  baseUrl: string,
  { method = 'POST', path = '/api/5.0/user/reset_password', headers = {}, body }: RawCall,
): Promise<TrafficOpsAnswer> {
  const url = new URL(path, baseUrl);
  const lowerCaseNames = Object.keys(headers).map((name) => name.toLowerCase());
  // node:http frames a GET/PUT/DELETE/OPTIONS body only when told its length.
  const framing =
    body === undefined || lowerCaseNames.includes('content-length') || lowerCaseNames.includes('transfer-encoding')
      ? {}
      : { 'content-length': String(Buffer.byteLength(body)) };
  const answer = await new Promise<{ status: number; headers: TrafficOpsAnswer['headers']; bytes: Buffer }>((resolve, reject) => {
    // A connection of its own: a kept-alive one that the server closed after a 413 would hang up the next call.
    const outgoing = httpRequest(url, { method, headers: { ...framing, ...headers }, agent: false }, (incoming) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('end', () => resolve({ status: incoming.statusCode ?? 0, headers: incoming.headers, bytes: Buffer.concat(chunks) }));
      incoming.on('error', reject);
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
  const text = answer.bytes.toString('utf8');
  // The checksum header is over the exact bytes sent, on every answer, whatever it is.
  expect(answer.headers['whole-content-sha512'], `Whole-Content-Sha512 of ${method} ${path}`).toBe(
    createHash('sha512').update(answer.bytes).digest('base64'),
  );
  expect(Number(answer.headers['content-length'])).toBe(answer.bytes.length);
  expect(pick(answer.headers, Object.keys(DOCUMENTED_HEADERS)), `headers of ${method} ${path}`).toEqual(DOCUMENTED_HEADERS);
  expect(answer.headers['set-cookie']).toBeUndefined();
  return {
    status: answer.status,
    contentType: String(answer.headers['content-type']),
    body: text,
    headers: answer.headers,
    json: JSON.parse(text) as unknown,
  };
}

/** POSTs a JSON text to the reset path (or another) and checks the answer against the document. */
export async function postResetPassword(
  baseUrl: string,
  body: string | Buffer,
  call: Omit<RawCall, 'body'> = {},
): Promise<TrafficOpsAnswer> {
  const answer = await callTrafficOps(baseUrl, { ...call, headers: { 'content-type': 'application/json', ...call.headers }, body });
  expectConforms(validator.operation(RESET_PASSWORD_PATH, 'post', answer), `${call.method ?? 'POST'} ${call.path ?? 'reset_password'}`);
  return answer;
}

export function pick(headers: TrafficOpsAnswer['headers'], names: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(names.map((name) => [name, headers[name]]));
}

export const alerts = (level: 'success' | 'error', text: string) => ({ alerts: [{ level, text }] });
export const successFor = (email: string) => alerts('success', `Successfully sent password reset to email '${email}'`);

/** Binds a fresh client to the Traffic Ops API (the one client that may hold it). */
export async function bindTrafficOpsClient(deployment: LegacyDeployment, name = 'Traffic Ops'): Promise<{ clientId: string }> {
  return deployment.addClient({ name, legacyApis: ['trafficops'] });
}

export async function createUser(deployment: LegacyDeployment, email: string, password = 'old-password-1'): Promise<string> {
  const created = await deployment.users.createUser({ email, password });
  if (!created.created) throw new Error(`${email} exists`);
  return created.userId;
}

/** True when no mail to `address` arrives, judged after a later request's mail has arrived. */
export async function mailsTo(deployment: LegacyDeployment, address: string): Promise<number> {
  return (await deployment.mails()).filter((mail) => mail.to === address).length;
}
