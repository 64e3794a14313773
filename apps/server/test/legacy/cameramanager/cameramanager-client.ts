import type { LegacyDeployment } from '../support/legacy-deployment.js';
import { expectConforms, loadOpenApi, observe, openApiValidator, type ObservedResponse } from '../support/openapi-contract.js';

export const BASE_PATH = '/rest/v2.0';
/** The operation's path as the document writes it (relative to its server, /rest/v2.0). */
export const OPERATION_PATH = '/passwordResets';
export const RESET_PATH = `${BASE_PATH}${OPERATION_PATH}`;

export const cameramanagerDocument = loadOpenApi('cameramanager');
const validator = openApiValidator(cameramanagerDocument);

export interface CameramanagerAnswer extends ObservedResponse {
  readonly headers: Headers;
  /** The parsed body when it is JSON. */
  readonly json: unknown;
}

export interface CameramanagerCall {
  readonly method?: string;
  readonly path?: string;
  /** Sent as bytes, so fetch adds no Content-Type of its own. */
  readonly body?: string | Uint8Array;
  readonly headers?: Record<string, string>;
}

/**
 * Which part of the document a response must conform to: the operation for its own path and
 * method, `methodNotAllowed` for another method there, `unknownPath` for anything else.
 */
export function checkAgainstDocument(call: CameramanagerCall, observed: ObservedResponse): string[] {
  const path = call.path ?? RESET_PATH;
  const method = call.method ?? 'POST';
  if (path === RESET_PATH)
    return method === 'POST' ? validator.operation(OPERATION_PATH, method, observed) : validator.component('methodNotAllowed', observed);
  return validator.component('unknownPath', observed);
}

/** Calls the deployment and fails the test unless the answer is one the document declares. */
export async function callCameramanager(deployment: LegacyDeployment, call: CameramanagerCall): Promise<CameramanagerAnswer> {
  const body = typeof call.body === 'string' ? Buffer.from(call.body, 'utf8') : call.body;
  const response = await fetch(`${deployment.url}${call.path ?? RESET_PATH}`, {
    method: call.method ?? 'POST',
    headers: call.headers ?? {},
    ...(body === undefined ? {} : { body }),
  });
  const observed = await observe(response);
  expectConforms(checkAgainstDocument(call, observed), `${call.method ?? 'POST'} ${call.path ?? RESET_PATH} → ${observed.status}`);
  const json: unknown = observed.contentType?.startsWith('application/json') ? JSON.parse(observed.body) : undefined;
  return { ...observed, json };
}

/** Requests a reset as a Cameramanager client does: JSON body, bearer token. */
export function requestPasswordReset(
  deployment: LegacyDeployment,
  accessToken: string | undefined,
  body: unknown,
  headers: Record<string, string> = {},
) {
  return callCameramanager(deployment, {
    body: JSON.stringify(body),
    headers: {
      'content-type': 'application/json',
      accept: 'application/json',
      ...(accessToken === undefined ? {} : { authorization: `Bearer ${accessToken}` }),
      ...headers,
    },
  });
}

export function basicAuthorization(clientId: string, clientSecret: string): string {
  // RFC 6749 §2.3.1: each part form-url-encoded before Base64.
  return `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`).toString('base64')}`;
}

export interface TokenResponse {
  readonly access_token: string;
  readonly token_type: string;
  readonly expires_in: number;
  readonly scope: string;
}

/** The client-credentials grant at /oauth/token with HTTP Basic, as the Cameramanager document's clients use it. */
export async function accessTokenFor(
  deployment: LegacyDeployment,
  credentials: { clientId: string; clientSecret: string },
): Promise<string> {
  const response = await fetch(`${deployment.url}/oauth/token`, {
    method: 'POST',
    headers: {
      authorization: basicAuthorization(credentials.clientId, credentials.clientSecret),
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials',
  });
  if (response.status !== 200) throw new Error(`no token: ${response.status} ${await response.text()}`);
  return ((await response.json()) as TokenResponse).access_token;
}

/** An example of the document, by where it is: `components.responses.<name>` or the request body. */
export function documentedExample(where: { response: string } | 'request', name: string): unknown {
  const document = cameramanagerDocument as unknown as {
    paths: Record<string, Record<string, { requestBody: { content: Record<string, { examples: Record<string, { value: unknown }> }> } }>>;
    components: { responses: Record<string, { content: Record<string, { examples?: Record<string, { value: unknown }> }> }> };
  };
  const media =
    where === 'request'
      ? document.paths[OPERATION_PATH]?.post?.requestBody.content['application/json']
      : document.components.responses[where.response]?.content['application/json'];
  const example = media?.examples?.[name];
  if (!example) throw new Error(`the document has no example ${name}`);
  return example.value;
}

/** The documented value of a response header example. */
export function documentedHeaderExample(header: string, name?: string): unknown {
  const headers = (
    cameramanagerDocument as unknown as {
      components: { headers: Record<string, { example?: unknown; examples?: Record<string, { value: unknown }> }> };
    }
  ).components.headers;
  const declared = headers[header];
  return name === undefined ? declared?.example : declared?.examples?.[name]?.value;
}
