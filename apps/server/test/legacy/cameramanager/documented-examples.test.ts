import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLegacyDeployment, type LegacyDeployment } from '../support/legacy-deployment.js';
import {
  accessTokenFor,
  basicAuthorization,
  BASE_PATH,
  callCameramanager,
  cameramanagerDocument,
  documentedExample,
  documentedHeaderExample,
  OPERATION_PATH,
  requestPasswordReset,
  RESET_PATH,
  type TokenResponse,
} from './cameramanager-client.js';

describe('Cameramanager: the documented examples, replayed against the real server', () => {
  let deployment: LegacyDeployment;
  let camera: { clientId: string; clientSecret: string };
  let token: string;

  beforeAll(async () => {
    deployment = await startLegacyDeployment();
    camera = await deployment.addClient({ name: 'Cameramanager', legacyApis: ['cameramanager'] });
    token = await accessTokenFor(deployment, camera);
    await deployment.users.createUser({ email: 'jane.doe@example.com', password: 'old-password-1' });
  });
  afterAll(async () => {
    await deployment?.close();
  });

  async function tokenRequest(init: { headers: Record<string, string>; body: string }) {
    const response = await fetch(`${deployment.url}/oauth/token`, { method: 'POST', ...init });
    return { status: response.status, headers: response.headers, json: (await response.json()) as TokenResponse };
  }

  it('issues a Cameramanager client its token at /oauth/token, by HTTP Basic or by form fields, in the RFC 6749 §5.1 shape', async () => {
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    const answers = [
      await tokenRequest({
        headers: { ...form, authorization: basicAuthorization(camera.clientId, camera.clientSecret) },
        body: 'grant_type=client_credentials',
      }),
      await tokenRequest({
        headers: form,
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: camera.clientId,
          client_secret: camera.clientSecret,
        }).toString(),
      }),
    ];
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
      expect(answer.headers.get('cache-control')).toBe('no-store');
      expect(answer.json).toEqual({
        access_token: expect.any(String),
        token_type: 'bearer',
        expires_in: expect.any(Number),
        scope: 'password-reset',
      });
      expect(Number.isInteger(answer.json.expires_in) && answer.json.expires_in > 0).toBe(true);
      expect((await requestPasswordReset(deployment, answer.json.access_token, { email: 'jane.doe@example.com' })).status).toBe(204);
    }
  });

  it('issues a token to the request Cameramanager’s guides show: grant_type and scope in the query string, HTTP Basic, no body', async () => {
    // developer.cameramanager.com, "OAuth email/password": POST /oauth/token?grant_type=…&scope=write, Accept and Authorization: Basic.
    const response = await fetch(`${deployment.url}/oauth/token?grant_type=client_credentials&scope=write`, {
      method: 'POST',
      headers: { accept: 'application/json', authorization: basicAuthorization(camera.clientId, camera.clientSecret) },
    });
    const answer = (await response.json()) as TokenResponse;
    expect([response.status, answer]).toEqual([
      200,
      { access_token: expect.any(String), token_type: 'bearer', expires_in: expect.any(Number), scope: 'password-reset' },
    ]);
    expect((await requestPasswordReset(deployment, answer.access_token, { email: 'jane.doe@example.com' })).status).toBe(204);
  });

  it('refuses credentials in the query string with invalid_request, the guide’s own password-grant request included (RFC 6749 §2.3.1)', async () => {
    const query = [
      `grant_type=password&scope=write&username=jane.doe%40example.com&password=old-password-1`,
      `grant_type=client_credentials&client_id=${camera.clientId}&client_secret=${encodeURIComponent(camera.clientSecret)}`,
    ];
    for (const search of query) {
      const response = await fetch(`${deployment.url}/oauth/token?${search}`, { method: 'POST', headers: { accept: 'application/json' } });
      const text = await response.text();
      expect([response.status, JSON.parse(text)], search).toEqual([
        400,
        { error: 'invalid_request', error_description: expect.stringContaining('query string') },
      ]);
      expect(text).not.toContain(camera.clientSecret);
    }
    const conflicting = await fetch(`${deployment.url}/oauth/token?grant_type=client_credentials`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: basicAuthorization(camera.clientId, camera.clientSecret),
      },
      body: 'grant_type=password',
    });
    expect([conflicting.status, ((await conflicting.json()) as { error: string }).error]).toEqual([400, 'invalid_request']);
  });

  it('answers every request example of the document with the response example of the same name, or 204 with no body', async () => {
    const operation = (cameramanagerDocument.paths[OPERATION_PATH]?.post ?? {}) as {
      requestBody?: { content: Record<string, { examples: Record<string, unknown> }> };
    };
    const names = Object.keys(operation.requestBody?.content['application/json']?.examples ?? {});
    expect(names).toEqual(['knownAccount', 'unknownAccount']);
    const answers: Record<string, { status: number; json: unknown; body: string }> = {};
    for (const name of names) answers[name] = await requestPasswordReset(deployment, token, documentedExample('request', name));
    expect(answers.knownAccount).toMatchObject({ status: 204, body: '' });
    expect(answers.unknownAccount).toMatchObject({
      status: 404,
      json: documentedExample({ response: 'resourceNotFound' }, 'unknownAccount'),
    });
  });

  it('answers invalid bodies with exactly the documented validationError examples (400)', async () => {
    const requests = {
      emailTooShort: '{"email":"ab"}',
      emailMissing: '{}',
      emailNotAString: '{"email":42}',
      notAnObject: '["jane.doe@example.com"]',
      malformedJson: '{"email":',
    };
    for (const [name, body] of Object.entries(requests)) {
      const answer = await callCameramanager(deployment, {
        body,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      });
      expect([answer.status, answer.json], name).toEqual([400, documentedExample({ response: 'validationError' }, name)]);
    }
  });

  it('answers a request without a token 401 unauthorized, with the documented body and RFC 6750 challenge', async () => {
    const answer = await requestPasswordReset(deployment, undefined, { email: 'jane.doe@example.com' });
    expect([answer.status, answer.json]).toEqual([401, documentedExample({ response: 'unauthorized' }, 'missingToken')]);
    expect(answer.headers.get('www-authenticate')).toBe(documentedHeaderExample('WWW-Authenticate', 'missingToken'));
  });

  it('answers an unknown, an expired, a revoked and a rotated-out token 401 invalid_token, with the documented body and challenge', async () => {
    const expiring = await accessTokenFor(deployment, camera);
    const before = new Set(await deployment.redis.keys('pwreset:access-token:*'));
    const expired = await accessTokenFor(deployment, camera);
    const expiredKey = (await deployment.redis.keys('pwreset:access-token:*')).find((key) => !before.has(key));
    await deployment.redis.pexpire(expiredKey!, 1);
    const revokedClient = await deployment.addClient({ name: 'Revoked camera app', legacyApis: ['cameramanager'] });
    const revoked = await accessTokenFor(deployment, revokedClient);
    await deployment.clients.revoke(revokedClient.clientId);
    const rotatedClient = await deployment.addClient({ name: 'Rotated camera app', legacyApis: ['cameramanager'] });
    const rotated = await accessTokenFor(deployment, rotatedClient);
    await deployment.clients.rotateSecret(rotatedClient.clientId);
    await new Promise((resolve) => setTimeout(resolve, 5));

    expect((await requestPasswordReset(deployment, expiring, { email: 'jane.doe@example.com' })).status).toBe(204);
    for (const [what, presented] of Object.entries({
      unknown: `pwat_${'A'.repeat(43)}`,
      expired,
      revoked,
      rotated,
      malformed: 'not a token',
    })) {
      const answer = await requestPasswordReset(deployment, presented, { email: 'jane.doe@example.com' });
      expect([answer.status, answer.json], what).toEqual([401, documentedExample({ response: 'unauthorized' }, 'invalidToken')]);
      expect(answer.headers.get('www-authenticate'), what).toBe(documentedHeaderExample('WWW-Authenticate', 'invalidToken'));
    }
  });

  it('answers a valid token of a client not allowed to use Cameramanager 403, as documented', async () => {
    const other = await deployment.addClient({ name: 'Not a camera app', legacyApis: [] });
    const answer = await requestPasswordReset(deployment, await accessTokenFor(deployment, other), { email: 'jane.doe@example.com' });
    expect([answer.status, answer.json]).toEqual([403, documentedExample({ response: 'forbidden' }, 'clientNotAllowed')]);
  });

  it('answers an Accept without JSON 406 and a body that is not JSON 415, as documented', async () => {
    const notAcceptable = await requestPasswordReset(deployment, token, { email: 'jane.doe@example.com' }, { accept: 'text/html' });
    expect([notAcceptable.status, notAcceptable.json]).toEqual([
      406,
      documentedExample({ response: 'notAcceptableError' }, 'notAcceptable'),
    ]);
    const form = await callCameramanager(deployment, {
      body: 'email=jane.doe%40example.com',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect([form.status, form.json]).toEqual([415, documentedExample({ response: 'unsupportedMediaType' }, 'unsupportedMediaType')]);
  });

  it('answers a body over 16 KiB 413 in the Error envelope (our documented addition)', async () => {
    const answer = await requestPasswordReset(deployment, token, { email: 'jane.doe@example.com', padding: 'x'.repeat(16 * 1024) });
    expect([answer.status, answer.json]).toEqual([413, documentedExample({ response: 'payloadTooLarge' }, 'payloadTooLarge')]);
  });

  it('answers unknown paths 404 and other methods 405 with Allow, in the Error envelope, before any token check (our documented additions)', async () => {
    const unknown = await callCameramanager(deployment, {
      path: `${BASE_PATH}/users`,
      body: '{}',
      headers: { 'content-type': 'application/json' },
    });
    expect([unknown.status, unknown.json]).toEqual([404, documentedExample({ response: 'unknownPath' }, 'unknownPath')]);
    for (const path of [BASE_PATH, `${BASE_PATH}/`, `${BASE_PATH}/passwordresets`, `${RESET_PATH}/1`]) {
      expect((await callCameramanager(deployment, { path, method: 'GET' })).status, path).toBe(404);
    }
    for (const method of ['GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']) {
      const answer = await callCameramanager(deployment, { method, headers: { authorization: `Bearer ${token}` } });
      expect([answer.status, answer.json], method).toEqual([405, documentedExample({ response: 'methodNotAllowed' }, 'methodNotAllowed')]);
      expect(answer.headers.get('allow')).toBe(documentedHeaderExample('Allow'));
    }
  });

  it('sends application/json on every answer with a body and nothing on a 204', async () => {
    const accepted = await requestPasswordReset(deployment, token, { email: 'jane.doe@example.com' });
    expect([accepted.status, accepted.contentType, accepted.body]).toEqual([204, null, '']);
    const refused = await requestPasswordReset(deployment, token, { email: 'nobody@example.com' });
    expect(refused.contentType).toBe('application/json; charset=utf-8');
  });
});
