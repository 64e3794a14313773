import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { paths } from '@pwreset/legacy-openapi/generated/cameramanager';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createContractHttp } from '../testing/contract-http.js';
import type { OpenApiDocument } from '../testing/openapi-response-validator.js';
import { AccessTokenError } from '../trpc/access-token-source.js';
import { createCameramanagerClient } from './cameramanager-client.js';
import { LegacyApiResponseError } from './legacy-result.js';

const document = JSON.parse(
  readFileSync(createRequire(import.meta.url).resolve('@pwreset/legacy-openapi/openapi/cameramanager.openapi.json'), 'utf8'),
) as OpenApiDocument;

const BASE_URL = 'https://reset.example.com';
const cameramanager = createContractHttp<paths>(document, { baseUrl: `${BASE_URL}/rest/v2.0` });

let issued = 0;
let tokenLifetime = 3600;
const validTokens = new Set<string>();
const requestedAddresses: string[] = [];

// The service's own token endpoint (outside /rest/v2.0, so not in the Cameramanager document).
const tokenEndpoint = http.post(`${BASE_URL}/oauth/token`, async ({ request }) => {
  if (
    request.headers.get('authorization') !== `Basic ${btoa('cl_camera:pwcs_secret')}` ||
    (await request.text()) !== 'grant_type=client_credentials'
  ) {
    return HttpResponse.json({ error: 'invalid_client', error_description: 'Client authentication failed.' }, { status: 401 });
  }
  issued += 1;
  validTokens.add(`pwat_${issued}`);
  return HttpResponse.json({ access_token: `pwat_${issued}`, token_type: 'bearer', expires_in: tokenLifetime, scope: 'password-reset' });
});

// Answers as the provider does, each answer checked against the document before the client sees it.
const passwordResets = cameramanager.post('/passwordResets', async ({ request, response }) => {
  const token = request.headers.get('authorization')?.replace(/^Bearer /, '') ?? '';
  if (!validTokens.has(token)) {
    return response(401).json(
      { error: 'invalid_token', error_description: 'The access token is not valid.' },
      { headers: { 'WWW-Authenticate': 'Bearer realm="pwreset", error="invalid_token"' } },
    );
  }
  const { email } = await request.json();
  if (email.length < 3) return response(400).json({ code: 1000, title: 'Validation failed', detail: 'email: must be 3 to 128 characters' });
  if (email === 'nobody@example.com')
    return response(404).json({ code: 1200, title: 'Resource not found', detail: 'No account has this address.' });
  requestedAddresses.push(email);
  return response(204).empty();
});

const server = setupServer(tokenEndpoint, passwordResets);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  expect(cameramanager.drift).toEqual([]);
  issued = 0;
  tokenLifetime = 3600;
  validTokens.clear();
  requestedAddresses.length = 0;
});
afterAll(() => server.close());

const credentials = { baseUrl: BASE_URL, clientId: 'cl_camera', clientSecret: 'pwcs_secret' };

describe('createCameramanagerClient', () => {
  it('queues a reset: 204, no body', async () => {
    const client = createCameramanagerClient(credentials);
    const result = await client.requestPasswordReset({ email: 'jane.doe@example.com' });
    expect(result).toMatchObject({ ok: true, status: 204, data: undefined });
    expect(requestedAddresses).toEqual(['jane.doe@example.com']);
  });

  it('surfaces an unknown account as 404 with error code 1200', async () => {
    const result = await createCameramanagerClient(credentials).requestPasswordReset({ email: 'nobody@example.com' });
    expect(result).toMatchObject({ ok: false, status: 404, error: { code: 1200, title: 'Resource not found' } });
  });

  it('surfaces a validation failure as 400 with error code 1000 and the rule in detail', async () => {
    const result = await createCameramanagerClient(credentials).requestPasswordReset({ email: 'a' });
    expect(result).toMatchObject({ ok: false, status: 400, error: { code: 1000, detail: 'email: must be 3 to 128 characters' } });
  });

  it('surfaces a client not allowed to use the API as 403 with error code 1100', async () => {
    server.use(
      cameramanager.post('/passwordResets', ({ response }) =>
        response(403).json({ code: 1100, title: 'Forbidden', detail: 'This application is not allowed to use the Cameramanager API.' }),
      ),
    );
    const result = await createCameramanagerClient(credentials).requestPasswordReset({ email: 'jane.doe@example.com' });
    expect(result).toMatchObject({ ok: false, status: 403, error: { code: 1100 } });
  });

  it('passes Retry-After on with a 503', async () => {
    server.use(
      cameramanager.post('/passwordResets', ({ response }) =>
        response(503).json(
          { code: 1901, title: 'Service unavailable', detail: 'The service is temporarily unavailable; try again later.' },
          { headers: { 'Retry-After': '5' } },
        ),
      ),
    );
    const result = await createCameramanagerClient(credentials).requestPasswordReset({ email: 'jane.doe@example.com' });
    expect(result.status).toBe(503);
    expect(result.headers.get('retry-after')).toBe('5');
  });

  it('fetches one token for many concurrent calls, and reuses it', async () => {
    const client = createCameramanagerClient(credentials);
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, index) => client.requestPasswordReset({ email: `user${index}@example.com` })),
    );
    expect(results.map((result) => result.status)).toEqual(Array.from({ length: 10 }, () => 204));
    await client.requestPasswordReset({ email: 'later@example.com' });
    expect(issued).toBe(1);
  });

  it('refreshes a token before it expires', async () => {
    tokenLifetime = 20; // shorter than the 30 s safety margin: every call needs a new token
    const client = createCameramanagerClient(credentials);
    await client.requestPasswordReset({ email: 'a@example.com' });
    await client.requestPasswordReset({ email: 'b@example.com' });
    expect(issued).toBe(2);
  });

  it('retries once with a fresh token when the API refuses the cached one (revoked, rotated)', async () => {
    const client = createCameramanagerClient(credentials);
    await client.requestPasswordReset({ email: 'a@example.com' });
    validTokens.clear();
    await expect(client.requestPasswordReset({ email: 'b@example.com' })).resolves.toMatchObject({ ok: true, status: 204 });
    expect(issued).toBe(2);
  });

  it('gives up after one retry, surfacing the 401 OAuth2 error', async () => {
    server.use(
      cameramanager.post('/passwordResets', ({ response }) =>
        response(401).json(
          { error: 'invalid_token', error_description: 'The access token is not valid.' },
          { headers: { 'WWW-Authenticate': 'Bearer realm="pwreset", error="invalid_token"' } },
        ),
      ),
    );
    const result = await createCameramanagerClient(credentials).requestPasswordReset({ email: 'a@example.com' });
    expect(result).toMatchObject({ ok: false, status: 401, error: { error: 'invalid_token' } });
    expect(issued).toBe(2);
  });

  it('throws an AccessTokenError with the OAuth2 code when the token endpoint refuses the credentials', async () => {
    const client = createCameramanagerClient({ ...credentials, clientSecret: 'wrong' });
    const error = await client.requestPasswordReset({ email: 'a@example.com' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AccessTokenError);
    expect(error).toMatchObject({ status: 401, oauthError: 'invalid_client' });
  });

  it('uses the caller’s own token source when given one', async () => {
    validTokens.add('pwat_from_vault');
    const client = createCameramanagerClient({ baseUrl: BASE_URL, getAccessToken: async () => 'pwat_from_vault' });
    await expect(client.requestPasswordReset({ email: 'a@example.com' })).resolves.toMatchObject({ ok: true, status: 204 });
    expect(issued).toBe(0);
  });

  it('throws a LegacyApiResponseError for an answer the document does not describe (a proxy’s 502)', async () => {
    server.use(
      http.post(
        `${BASE_URL}/rest/v2.0/passwordResets`,
        () => new HttpResponse('<html>Bad Gateway</html>', { status: 502, headers: { 'content-type': 'text/html' } }),
      ),
    );
    const error = await createCameramanagerClient(credentials)
      .requestPasswordReset({ email: 'a@example.com' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(LegacyApiResponseError);
    expect(error).toMatchObject({ status: 502 });
  });
});
