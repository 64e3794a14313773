import { expect } from 'vitest';
import type { OutboxMail } from '../../../src/mail/outbox.js';
import type { LegacyDeployment } from '../support/legacy-deployment.js';
import { expectConforms, loadOpenApi, observe, openApiValidator, type ObservedResponse } from '../support/openapi-contract.js';

export const validator = openApiValidator(loadOpenApi('teenquotes'));

export type TeenQuotesPath = '/oauth' | '/v1/password/remind' | '/v1/password/reset';

export interface Answer extends ObservedResponse {
  readonly headers: Headers;
  /** The body as JSON (every answer of this API is JSON). */
  readonly json: unknown;
}

/** How a request carries its parameters: as the real clients did (curl --data, curl -F, JSON, the query string). */
export type Encoding = 'form' | 'multipart' | 'json' | 'query';

export function encode(
  parameters: Record<string, string>,
  encoding: Encoding,
): { body?: RequestInit['body']; headers: Record<string, string>; query: string } {
  switch (encoding) {
    case 'form':
      return {
        body: new URLSearchParams(parameters).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        query: '',
      };
    case 'json':
      return { body: JSON.stringify(parameters), headers: { 'content-type': 'application/json' }, query: '' };
    case 'multipart': {
      const form = new FormData();
      for (const [name, value] of Object.entries(parameters)) form.append(name, value);
      // fetch writes the multipart/form-data content type with its boundary.
      return { body: form, headers: {}, query: '' };
    }
    case 'query':
      return { headers: {}, query: `?${new URLSearchParams(parameters).toString()}` };
  }
}

/** Sends a request and checks the answer against the OpenAPI document (operation, or component for unknown paths). */
export async function send(
  deployment: LegacyDeployment,
  path: string,
  init: RequestInit = {},
  documentedAs?: { path: TeenQuotesPath } | { component: string },
): Promise<Answer> {
  const response = await fetch(`${deployment.url}${path}`, { method: 'POST', ...init });
  const observed = await observe(response);
  const method = init.method ?? 'POST';
  const where = documentedAs ?? { path: path.split('?')[0] as TeenQuotesPath };
  const problems =
    'component' in where ? validator.component(where.component, observed) : validator.operation(where.path, method, observed);
  expectConforms(problems, `${method} ${path} → ${observed.status}`);
  return { ...observed, json: observed.body === '' ? undefined : (JSON.parse(observed.body) as unknown) };
}

/** Calls a resource with its parameters in the given encoding. */
export function call(
  deployment: LegacyDeployment,
  path: TeenQuotesPath,
  parameters: Record<string, string>,
  encoding: Encoding,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const encoded = encode(parameters, encoding);
  return send(
    deployment,
    `${path}${encoded.query}`,
    { headers: { ...encoded.headers, ...headers }, ...(encoded.body === undefined ? {} : { body: encoded.body }) },
    { path },
  );
}

export async function accessTokenFor(
  deployment: LegacyDeployment,
  credentials: { clientId: string; clientSecret: string },
): Promise<string> {
  const answer = await call(
    deployment,
    '/oauth',
    { grant_type: 'client_credentials', client_id: credentials.clientId, client_secret: credentials.clientSecret },
    'form',
  );
  expect(answer.status).toBe(200);
  return (answer.json as { access_token: string }).access_token;
}

/** The reset token the Teen Quotes client posts: the secret in the mailed link's `#token=`. */
export function tokenFromMail(mail: OutboxMail): string {
  const token = /#token=([A-Za-z0-9_-]{43})/.exec(mail.text)?.[1];
  if (token === undefined) throw new Error(`no reset link in the mail "${mail.subject}"`);
  return token;
}

/** Waits for the newest reset mail to this address that is not among `seen` ids. */
export async function nextResetMail(
  deployment: LegacyDeployment,
  email: string,
  seen: ReadonlySet<string> = new Set(),
): Promise<OutboxMail> {
  return deployment.waitForMail((mail) => mail.kind === 'password-reset' && mail.to === email && !seen.has(mail.id));
}

export async function mailIds(deployment: LegacyDeployment): Promise<Set<string>> {
  return new Set((await deployment.mails()).map((mail) => mail.id));
}

export const REMINDER_SENT = { status: 'reminder_sent', success: 'An email was sent to the user.' };
export const PASSWORD_RESET = { status: 'password_reset', success: 'The new password has been set.' };
export const WRONG_USER = { status: 'wrong_user', error: "The email address doesn't match a user." };
export const WRONG_PASSWORD = { status: 'wrong_password', error: 'The password is wrong.' };
export const WRONG_TOKEN = { status: 'wrong_token', error: 'The reset token is invalid.' };
export const TOKEN_MISSING = { status: 401, error: 'unauthorized', error_message: 'Access token is missing' };
export const TOKEN_NOT_VALID = { status: 401, error: 'unauthorized', error_message: 'Access token is not valid' };
