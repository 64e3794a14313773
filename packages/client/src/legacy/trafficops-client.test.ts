import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { paths } from '@pwreset/legacy-openapi/generated/trafficops';
import { HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createContractHttp } from '../testing/contract-http.js';
import type { OpenApiDocument } from '../testing/openapi-response-validator.js';
import { LegacyApiResponseError } from './legacy-result.js';
import { createTrafficOpsClient } from './trafficops-client.js';

const document = JSON.parse(
  readFileSync(createRequire(import.meta.url).resolve('@pwreset/legacy-openapi/openapi/trafficops.openapi.json'), 'utf8'),
) as OpenApiDocument;

const BASE_URL = 'https://reset.example.com';
const trafficOps = createContractHttp<paths>(document, { baseUrl: BASE_URL });

/** Traffic Ops' header set: the body's SHA-512, base64, among them. */
function trafficOpsHeaders(body: unknown): Record<string, string> {
  return {
    'Whole-Content-Sha512': createHash('sha512').update(JSON.stringify(body)).digest('base64'),
    'X-Server-Name': 'traffic_ops_golang/',
  };
}

const seen: { version: string; authorization: string | null }[] = [];

const resetPassword = trafficOps.post('/api/{version}/user/reset_password', async ({ params, request, response }) => {
  seen.push({ version: params.version, authorization: request.headers.get('authorization') });
  const { email } = await request.json();
  if (!email.includes('@')) {
    const body = {
      alerts: [
        {
          level: 'error' as const,
          text: `Malformed request: Couldn't parse '${email}' as an email address: mail: missing '@' or angle-addr`,
        },
      ],
    };
    return response(400).json(body, { headers: trafficOpsHeaders(body) });
  }
  if (email === 'nobody@example.com') {
    const body = { alerts: [{ level: 'error' as const, text: "No account with the email address 'nobody@example.com' was found!" }] };
    return response(404).json(body, { headers: trafficOpsHeaders(body) });
  }
  const body = { alerts: [{ level: 'success' as const, text: `Successfully sent password reset to email '${email}'` }] };
  return response(200).json(body, { headers: trafficOpsHeaders(body) });
});

const server = setupServer(resetPassword);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  expect(trafficOps.drift).toEqual([]);
  seen.length = 0;
});
afterAll(() => server.close());

describe('createTrafficOpsClient', () => {
  it('queues a reset: 200 with a success alert, on API 5.0 by default, without credentials', async () => {
    const result = await createTrafficOpsClient({ baseUrl: BASE_URL }).requestPasswordReset({ email: 'test@example.com' });
    expect(result).toMatchObject({
      ok: true,
      status: 200,
      data: { alerts: [{ level: 'success', text: "Successfully sent password reset to email 'test@example.com'" }] },
    });
    expect(seen).toEqual([{ version: '5.0', authorization: null }]);
  });

  it('passes the Whole-Content-Sha512 header on, so a caller can check the body it got', async () => {
    const result = await createTrafficOpsClient({ baseUrl: BASE_URL }).requestPasswordReset({ email: 'test@example.com' });
    const sentBody = { alerts: [{ level: 'success', text: "Successfully sent password reset to email 'test@example.com'" }] };
    expect(result.headers.get('whole-content-sha512')).toBe(trafficOpsHeaders(sentBody)['Whole-Content-Sha512']);
  });

  it('speaks the API version it is given', async () => {
    await createTrafficOpsClient({ baseUrl: `${BASE_URL}/`, apiVersion: '4.1' }).requestPasswordReset({ email: 'test@example.com' });
    expect(seen.map((request) => request.version)).toEqual(['4.1']);
  });

  it('surfaces an unknown account as 404 with an error alert', async () => {
    const result = await createTrafficOpsClient({ baseUrl: BASE_URL }).requestPasswordReset({ email: 'nobody@example.com' });
    expect(result).toMatchObject({ ok: false, status: 404, error: { alerts: [{ level: 'error' }] } });
  });

  it('surfaces an address Go would not parse as 400 Malformed request', async () => {
    const result = await createTrafficOpsClient({ baseUrl: BASE_URL }).requestPasswordReset({ email: 'not-an-address' });
    expect(result).toMatchObject({
      ok: false,
      status: 400,
      error: { alerts: [{ level: 'error', text: expect.stringMatching(/^Malformed request: /) }] },
    });
  });

  it('surfaces throttling and an unreachable store as 503', async () => {
    server.use(
      trafficOps.post('/api/{version}/user/reset_password', ({ response }) =>
        response(503).json({ alerts: [{ level: 'error', text: 'Service Unavailable' }] }),
      ),
    );
    const result = await createTrafficOpsClient({ baseUrl: BASE_URL }).requestPasswordReset({ email: 'test@example.com' });
    expect(result).toMatchObject({ ok: false, status: 503, error: { alerts: [{ text: 'Service Unavailable' }] } });
  });

  it('throws a LegacyApiResponseError for a status the operation does not document (501: a version not served)', async () => {
    const text =
      'The requested api version is not implemented by this server. If you are using a newer client with an older server, you will need to use an older client version or upgrade your server.';
    server.use(
      trafficOps.untyped.post(`${BASE_URL}/api/:version/user/reset_password`, () =>
        HttpResponse.json({ alerts: [{ level: 'error', text }] }, { status: 501 }),
      ),
    );
    const error = await createTrafficOpsClient({ baseUrl: BASE_URL, apiVersion: '3.0' })
      .requestPasswordReset({ email: 'test@example.com' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(LegacyApiResponseError);
    expect(error).toMatchObject({ status: 501 });
  });
});
