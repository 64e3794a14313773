import type { LegacyDeployment } from './legacy-deployment.js';

/** One call of a legacy route about one address; resolves to the HTTP status, the body read. */
export type AddressCall = (email: string) => Promise<number>;

export interface LegacyCallers {
  /** The routes that start a reset, by name. */
  readonly requests: Readonly<Record<string, AddressCall>>;
  /** The routes that complete one naming the account, with a secret that is no one's, by name. */
  readonly completions: Readonly<Record<string, AddressCall>>;
}

/** A well-formed reset secret (43 base64url characters) that was never issued: it is looked up, and not found. */
export const UNISSUED_SECRET = 'A'.repeat(43);

async function statusOf(response: Response): Promise<number> {
  await response.arrayBuffer();
  return response.status;
}

async function accessToken(url: string, path: string, clientId: string, clientSecret: string): Promise<string> {
  const response = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }),
  });
  if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
  return ((await response.json()) as { access_token: string }).access_token;
}

/**
 * Registers one client for all four legacy APIs and returns a caller for each route that takes
 * an address, as its documents' clients call it. Each call is one request, answered before it resolves.
 */
export async function legacyCallers(deployment: LegacyDeployment): Promise<LegacyCallers> {
  const { clientId, clientSecret, apiKey } = await deployment.addClient({
    name: 'Every Legacy API',
    legacyApis: ['cameramanager', 'trafficops', 'antel', 'teenquotes'],
  });
  const url = deployment.url;
  const cameramanagerToken = await accessToken(url, '/oauth/token', clientId, clientSecret);
  const teenQuotesToken = await accessToken(url, '/oauth', clientId, clientSecret);
  const json = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
      body: JSON.stringify(body),
    }).then(statusOf);
  const form = (path: string, parameters: Record<string, string>) =>
    fetch(`${url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Bearer ${teenQuotesToken}` },
      body: new URLSearchParams(parameters),
    }).then(statusOf);
  const newPassword = 'a fine new passphrase';
  return {
    requests: {
      'Cameramanager POST /rest/v2.0/passwordResets': (email) =>
        json('/rest/v2.0/passwordResets', { email }, { authorization: `Bearer ${cameramanagerToken}` }),
      'Traffic Ops POST /api/5.0/user/reset_password': (email) => json('/api/5.0/user/reset_password', { email }),
      'Antel POST /user/password/forgot': (email) => json('/user/password/forgot', { EmailAddress: email, ApiKey: apiKey }),
      'Teen Quotes POST /v1/password/remind': (email) => form('/v1/password/remind', { email }),
    },
    completions: {
      'Antel POST /user/password/reset': (email) =>
        json('/user/password/reset', {
          EmailAddress: email,
          TemporaryPassword: 'ABCDEFGHJK',
          Password: newPassword,
          PasswordConfirm: newPassword,
          ApiKey: apiKey,
        }),
      'Teen Quotes POST /v1/password/reset': (email) =>
        form('/v1/password/reset', { email, token: UNISSUED_SECRET, password: newPassword }),
    },
  };
}
