import { jsvBoolean, jsvNumber, parseJsvObject, type JsvValue } from '@pwreset/jsv';
import { expect } from 'vitest';
import type { LegacyDeployment } from '../../support/legacy-deployment.js';
import { expectConforms, loadOpenApi, observe, openApiValidator, type ObservedResponse } from '../../support/openapi-contract.js';

export const antelDocument = loadOpenApi('antel');

/** The DTO's value types; everything else in it (responseStatus included) is text, lists and maps. */
const BIND_BY_PROPERTY: Readonly<Record<string, (text: string) => number | boolean | undefined>> = {
  systemUserId: jsvNumber,
  wasSuccessful: jsvBoolean,
};

/**
 * What the schemas describe, from a response body. JSV is untyped text, so the DTO's value
 * types are bound back as a client would, at any depth: systemUserId to a number, wasSuccessful
 * to a boolean. Text that does not bind is left as it is, for the schema to refuse.
 */
export function parseAntelBody(contentType: string, text: string): unknown {
  return contentType === 'text/jsv' ? bindJsvValueTypes(parseJsvObject(text)) : JSON.parse(text);
}

function bindJsvValueTypes(value: JsvValue): unknown {
  if (Array.isArray(value)) return value.map(bindJsvValueTypes);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => {
      const bind = BIND_BY_PROPERTY[key];
      return [key, bind && typeof item === 'string' ? (bind(item) ?? item) : bindJsvValueTypes(item)];
    }),
  );
}

export const antelValidator = openApiValidator(antelDocument, parseAntelBody);

const OPERATION_PATHS = new Set(Object.keys(antelDocument.paths));

/** Validates an answer against the document: the operation's, or the component answering unknown paths and wrong methods. */
export function antelProblems(path: string, method: string, observed: ObservedResponse): string[] {
  const route = new URL(path, 'http://antel.test').pathname.toLowerCase().replace(/(?<=.)\/$/, '');
  if (!OPERATION_PATHS.has(route)) return antelValidator.component('NotFound', observed);
  if (method.toUpperCase() !== 'POST') return antelValidator.component('MethodNotAllowed', observed);
  return antelValidator.operation(route, 'post', observed);
}

export interface AntelCall {
  readonly path: string;
  readonly method?: string;
  /** A string is sent as is; an object is sent as JSON (unless contentType says otherwise). */
  readonly body?: string | Record<string, unknown>;
  readonly contentType?: string;
  readonly accept?: string;
}

export interface AntelResponse extends ObservedResponse {
  readonly headers: Headers;
  /** The body as the schemas describe it (JSV bound back to numbers and booleans). */
  readonly dto: Record<string, unknown>;
}

/** Calls the server and checks the answer against the OpenAPI document before the test looks at it. */
export async function callAntel(deployment: LegacyDeployment, call: AntelCall): Promise<AntelResponse> {
  const method = call.method ?? 'POST';
  const body = typeof call.body === 'object' ? JSON.stringify(call.body) : call.body;
  const contentType = call.contentType ?? (typeof call.body === 'object' ? 'application/json' : undefined);
  const headers: Record<string, string> = {};
  if (contentType !== undefined) headers['Content-Type'] = contentType;
  if (call.accept !== undefined) headers['Accept'] = call.accept;
  const observed = await observe(
    await fetch(`${deployment.url}${call.path}`, { method, headers, ...(body === undefined ? {} : { body }) }),
  );
  expectConforms(antelProblems(call.path, method, observed), `${method} ${call.path} → ${observed.status}`);
  const mediaType = observed.contentType?.split(';')[0]?.trim() ?? '';
  const dto = method === 'HEAD' ? {} : (parseAntelBody(mediaType, observed.body) as Record<string, unknown>);
  return { ...observed, dto };
}

/** The 10-character temporary password in a 'temporary-password' mail: alone on its line. */
export function temporaryPasswordIn(mailText: string): string {
  const code = /^\s*([2-9A-HJ-NP-Z]{10})\s*$/m.exec(mailText)?.[1];
  expect(code, 'a temporary password in the mail').toBeDefined();
  return code ?? '';
}

let userCount = 0;

/** A fresh account (its own address, so codes and throttles of other tests do not meet it). */
export async function newAntelUser(
  deployment: LegacyDeployment,
  label: string,
  password = 'the old password 1',
): Promise<{ email: string; userId: string; password: string }> {
  userCount += 1;
  const email = `antel-${label}-${userCount}-${Date.now().toString(36)}@example.com`;
  const created = await deployment.users.createUser({ email, password });
  if (!created.created) throw new Error(`cannot create ${email}`);
  return { email, userId: created.userId, password };
}

type OutboxMail = Awaited<ReturnType<LegacyDeployment['mails']>>[number];

/**
 * The outbox, read again when a mail file is caught half-written (the server writes it in place,
 * so a read can see a truncated JSON file).
 */
export async function readOutbox(deployment: LegacyDeployment): Promise<OutboxMail[]> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await deployment.mails();
    } catch (error) {
      if (attempt >= 20) throw error;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}

/** Waits (bounded) for the `index`-th mail (0-based) matching `match`. */
export async function waitForOutboxMail(
  deployment: LegacyDeployment,
  match: (mail: OutboxMail) => boolean,
  index = 0,
): Promise<OutboxMail> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const found = (await readOutbox(deployment)).filter(match)[index];
    if (found) return found;
    if (Date.now() > deadline) throw new Error('the expected mail did not arrive');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** forgot, then the temporary password from the mail it sends. */
export async function forgotAndReadTemporaryPassword(deployment: LegacyDeployment, apiKey: string, email: string): Promise<string> {
  const isTemporaryPasswordMail = (mail: OutboxMail) => mail.kind === 'temporary-password' && mail.to === email;
  const before = (await readOutbox(deployment)).filter(isTemporaryPasswordMail).length;
  const response = await callAntel(deployment, { path: '/user/password/forgot', body: { EmailAddress: email, ApiKey: apiKey } });
  expect(response.status).toBe(200);
  expect(response.dto['wasSuccessful']).toBe(true);
  // A later forgot for the same address sends a newer mail: wait for that one.
  return temporaryPasswordIn((await waitForOutboxMail(deployment, isTemporaryPasswordMail, before)).text);
}
