import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { paths } from '@pwreset/legacy-openapi/generated/cameramanager';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createCameramanagerClient } from '../legacy/cameramanager-client.js';
import { createContractHttp, MockResponseDriftError } from './contract-http.js';
import { createOpenApiResponseValidator, type OpenApiDocument } from './openapi-response-validator.js';

const document = JSON.parse(
  readFileSync(createRequire(import.meta.url).resolve('@pwreset/legacy-openapi/openapi/cameramanager.openapi.json'), 'utf8'),
) as OpenApiDocument;
const BASE_URL = 'https://reset.example.com';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  vi.restoreAllMocks();
});
afterAll(() => server.close());

describe('createOpenApiResponseValidator', () => {
  const validator = createOpenApiResponseValidator(document);
  const json = (status: number, body: unknown) => ({ status, contentType: 'application/json', body: JSON.stringify(body) });

  it('accepts a body the document declares for that operation and status', () => {
    expect(validator.problemsWith('/passwordResets', 'post', json(404, { code: 1200, title: 'Resource not found' }))).toEqual([]);
    expect(validator.problemsWith('/passwordResets', 'post', { status: 204, contentType: null, body: '' })).toEqual([]);
  });

  it('rejects a body missing a required field, naming it', () => {
    expect(validator.problemsWith('/passwordResets', 'post', json(404, { code: 1200 }))).toEqual([
      "body must have required property 'title'",
    ]);
  });

  it('rejects a status, a media type or a body the operation does not document', () => {
    expect(validator.problemsWith('/passwordResets', 'post', json(418, {}))).toEqual([
      'status 418 is not documented for POST /passwordResets',
    ]);
    expect(validator.problemsWith('/passwordResets', 'post', { status: 404, contentType: 'text/plain', body: 'no' })).toEqual([
      'content type text/plain is not among the documented application/json',
    ]);
    expect(validator.problemsWith('/passwordResets', 'post', { status: 204, contentType: 'application/json', body: '{}' })).toEqual([
      'status 204 declares no body, but the mock sends 2 bytes',
    ]);
  });
});

describe('createContractHttp', () => {
  it('keeps a drifting mock (a body missing the required title) from reaching the client, and records why', async () => {
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined); // msw reports the thrown drift too
    const cameramanager = createContractHttp<paths>(document, { baseUrl: `${BASE_URL}/rest/v2.0` });
    server.use(
      // The cast is the drift: the types were silenced, the document was not.
      cameramanager.post('/passwordResets', ({ response }) => response(404).json({ code: 1200 } as { code: number; title: string })),
    );
    const client = createCameramanagerClient({ baseUrl: BASE_URL, getAccessToken: async () => 'pwat_test' });

    const result = await client.requestPasswordReset({ email: 'nobody@example.com' });

    expect(result.status).not.toBe(404);
    expect(cameramanager.drift).toHaveLength(1);
    expect(cameramanager.drift[0]).toBeInstanceOf(MockResponseDriftError);
    expect(cameramanager.drift[0]).toMatchObject({
      operation: 'POST /passwordResets 404',
      problems: ["body must have required property 'title'"],
    });
    expect(consoleError).toHaveBeenCalled();
  });

  it('lets an honest mock through unchanged', async () => {
    const cameramanager = createContractHttp<paths>(document, { baseUrl: `${BASE_URL}/rest/v2.0` });
    server.use(cameramanager.post('/passwordResets', ({ response }) => response(404).json({ code: 1200, title: 'Resource not found' })));
    const client = createCameramanagerClient({ baseUrl: BASE_URL, getAccessToken: async () => 'pwat_test' });
    await expect(client.requestPasswordReset({ email: 'nobody@example.com' })).resolves.toMatchObject({
      ok: false,
      status: 404,
      error: { code: 1200 },
    });
    expect(cameramanager.drift).toEqual([]);
  });
});
