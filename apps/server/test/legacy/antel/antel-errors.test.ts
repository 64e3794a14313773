import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLegacyDeployment, type LegacyDeployment } from '../support/legacy-deployment.js';
import { callAntel } from './support/antel-contract.js';

// Every answer that is not a business outcome: binding, authentication, validation, unknown
// paths, wrong methods, media types, sizes, formats — each in Antel's envelope, each validated
// against the OpenAPI document by callAntel.
describe('the Antel API refusing requests', () => {
  let deployment: LegacyDeployment;
  let apiKey: string;
  let otherApiKey: string;
  let revokedApiKey: string;

  beforeAll(async () => {
    deployment = await startLegacyDeployment();
    ({ apiKey } = await deployment.addClient({ name: 'Antel Errors', legacyApis: ['antel'] }));
    ({ apiKey: otherApiKey } = await deployment.addClient({ name: 'Traffic Ops only', legacyApis: ['trafficops'] }));
    const revoked = await deployment.addClient({ name: 'Antel Revoked', legacyApis: ['antel'] });
    await deployment.clients.revoke(revoked.clientId);
    revokedApiKey = revoked.apiKey;
  });
  afterAll(async () => {
    await deployment.close();
  });

  const errorCodeOf = (dto: Record<string, unknown>) => (dto['responseStatus'] as { errorCode?: string } | undefined)?.errorCode;

  describe('authentication', () => {
    it('checks the ApiKey before validating, as ServiceStack runs request filters first: an empty request is a 401, not a 400', async () => {
      for (const path of ['/user/password/reset', '/user/password/forgot']) {
        const response = await callAntel(deployment, { path, body: {} });
        expect(response.status).toBe(401);
        expect(errorCodeOf(response.dto)).toBe('Unauthorized');
      }
    });

    it('answers 401 for an unknown key, a revoked one, a blank one, and one of a client not allowed to use Antel', async () => {
      for (const key of ['not-a-key', revokedApiKey, '   ', otherApiKey, 'k'.repeat(300)]) {
        const response = await callAntel(deployment, {
          path: '/user/password/forgot',
          body: { EmailAddress: 'ana@example.com', ApiKey: key },
        });
        expect(response.status, key).toBe(401);
      }
    });

    it('accepts the ApiKey from JSON, JSV, a form or the query string, whatever the letter case of its name', async () => {
      const asked = [
        { path: '/user/password/forgot', body: { apikey: apiKey } },
        { path: '/user/password/forgot', contentType: 'text/jsv', body: `{APIKEY:${apiKey}}` },
        { path: '/user/password/forgot', contentType: 'application/x-www-form-urlencoded', body: `ApiKey=${encodeURIComponent(apiKey)}` },
        { path: `/user/password/forgot?apiKey=${encodeURIComponent(apiKey)}` },
      ];
      for (const call of asked) {
        // Past authentication, validation speaks: EmailAddress is missing.
        expect((await callAntel(deployment, call)).status, JSON.stringify(call)).toBe(400);
      }
    });
  });

  describe('binding', () => {
    it('refuses what cannot be bound with 400 RequestBindingException, before authentication', async () => {
      const unbindable = [
        { contentType: 'application/json', body: '{"ApiKey":' },
        { contentType: 'application/json', body: '[1,2]' },
        { contentType: 'application/json', body: '"a string"' },
        { contentType: 'application/json', body: '{"Latitude":"north"}' },
        { contentType: 'application/json', body: '{"Password":{"nested":true}}' },
        { contentType: 'text/jsv', body: '{ApiKey:"unterminated' },
        { contentType: 'text/jsv', body: '[a,b]' },
        { contentType: 'application/x-www-form-urlencoded', body: 'Longitude=1%2C5' },
      ];
      for (const call of unbindable) {
        const response = await callAntel(deployment, { path: '/user/password/reset', ...call });
        expect(response.status, call.body).toBe(400);
        expect(response.dto, call.body).toEqual({
          systemUserId: 0,
          wasSuccessful: false,
          responseStatus: { errorCode: 'RequestBindingException', message: 'Unable to bind request', errors: [] },
        });
      }
      expect((await callAntel(deployment, { path: '/user/password/reset?Latitude=north' })).status).toBe(400);
    });

    it('reads an empty body, JSON null and unknown properties as nothing, whatever the content type', async () => {
      for (const call of [
        { contentType: 'text/plain', body: '' },
        { contentType: 'application/json', body: 'null' },
        { body: { Unknown: 1, Other: [1, 2] } },
        {},
      ]) {
        expect((await callAntel(deployment, { path: '/user/password/reset', ...call })).status).toBe(401);
      }
    });

    it('answers a body in another media type, or in none, 415 UnsupportedMediaType', async () => {
      for (const contentType of ['text/plain', 'application/xml', 'multipart/form-data; boundary=x', 'application/x-protobuf', undefined]) {
        const response = await callAntel(deployment, {
          path: '/user/password/reset',
          ...(contentType ? { contentType } : {}),
          body: `ApiKey=${apiKey}`,
        });
        expect(response.status, contentType).toBe(415);
        expect(errorCodeOf(response.dto)).toBe('UnsupportedMediaType');
      }
    });

    it('answers a body over 16 KiB 413 PayloadTooLarge, in any media type', async () => {
      for (const contentType of ['application/json', 'text/jsv', 'application/x-www-form-urlencoded', 'application/octet-stream']) {
        const response = await callAntel(deployment, {
          path: '/user/password/forgot',
          contentType,
          body: `{"EmailAddress":"${'a'.repeat(17_000)}"}`,
        });
        expect(response.status, contentType).toBe(413);
      }
      // Exactly at the limit is still read (and here, refused by authentication).
      const atLimit = JSON.stringify({ Padding: 'p'.repeat(16 * 1024 - 14) });
      expect(Buffer.byteLength(atLimit)).toBe(16 * 1024);
      expect((await callAntel(deployment, { path: '/user/password/forgot', body: atLimit, contentType: 'application/json' })).status).toBe(
        401,
      );
    });
  });

  describe('routes and methods', () => {
    it('answers unknown paths under /user/password 404 NotFound in the envelope (deviation: ServiceStack sends text/plain "404")', async () => {
      for (const path of [
        '/user/password',
        '/user/password/',
        '/user/password/change',
        '/user/password/reset.xml',
        '/user/password/reset/more',
      ]) {
        const response = await callAntel(deployment, { path, body: { ApiKey: apiKey } });
        expect(response.status, path).toBe(404);
        expect(response.dto).toEqual({
          systemUserId: 0,
          wasSuccessful: false,
          responseStatus: { errorCode: 'NotFound', message: 'Handler for Request not found', errors: [] },
        });
      }
      expect((await callAntel(deployment, { path: '/user/password/nothing?format=jsv', method: 'GET' })).contentType).toBe(
        'text/jsv; charset=utf-8',
      );
    });

    it('answers every method but POST 405 NotImplementedException with Allow: POST, as ServiceStack words it', async () => {
      for (const method of ['GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']) {
        for (const [path, operation] of [
          ['/user/password/reset', 'ResetUserPassword'],
          ['/user/password/forgot.jsv', 'ForgotUserPassword'],
        ] as const) {
          const response = await callAntel(deployment, { path, method, ...(method === 'GET' || method === 'OPTIONS' ? {} : { body: {} }) });
          expect(response.status).toBe(405);
          expect(response.headers.get('allow')).toBe('POST');
          const verb = method[0] + method.slice(1).toLowerCase();
          expect((response.dto['responseStatus'] as { message: string }).message).toBe(
            `Could not find method named ${verb}(${operation}) or Any(${operation}) on Service UserPasswordService`,
          );
        }
      }
      const head = await fetch(`${deployment.url}/user/password/reset`, { method: 'HEAD' });
      expect(head.status).toBe(405);
      expect(head.headers.get('allow')).toBe('POST');
    });

    it('matches routes case-insensitively, as ServiceStack does', async () => {
      expect((await callAntel(deployment, { path: '/User/Password/Forgot', body: { ApiKey: apiKey } })).status).toBe(400);
      expect((await callAntel(deployment, { path: '/USER/PASSWORD/RESET.JSV', body: {} })).contentType).toBe('text/jsv; charset=utf-8');
    });

    it('leaves paths outside /user/password to the rest of the server', async () => {
      const response = await fetch(`${deployment.url}/user/passwords`, { method: 'POST' });
      expect(response.status).toBe(404);
      expect(await response.json()).not.toHaveProperty('responseStatus');
    });
  });

  describe('response formats', () => {
    const formatOf = async (path: string, accept?: string) =>
      (await callAntel(deployment, { path, body: {}, ...(accept ? { accept } : {}) })).contentType;

    it('answers JSON by default, and for formats it does not serve', async () => {
      expect(await formatOf('/user/password/reset')).toBe('application/json; charset=utf-8');
      expect(await formatOf('/user/password/reset', 'application/xml')).toBe('application/json; charset=utf-8');
      expect(await formatOf('/user/password/reset?format=xml')).toBe('application/json; charset=utf-8');
    });

    it('puts ?format before the path suffix, and the suffix before Accept', async () => {
      expect(await formatOf('/user/password/reset.jsv?format=json', 'text/jsv')).toBe('application/json; charset=utf-8');
      expect(await formatOf('/user/password/reset.json?format=jsv', 'application/json')).toBe('text/jsv; charset=utf-8');
      expect(await formatOf('/user/password/reset.json', 'text/jsv')).toBe('application/json; charset=utf-8');
      expect(await formatOf('/user/password/reset.jsv', 'application/json')).toBe('text/jsv; charset=utf-8');
      expect(await formatOf('/user/password/reset', 'application/jsv')).toBe('text/jsv; charset=utf-8');
    });

    it('writes JSV as ServiceStack does: compact, True/False, quoted where needed, nulls left out', async () => {
      const response = await callAntel(deployment, {
        path: '/user/password/reset?format=jsv',
        body: { ApiKey: apiKey, TemporaryPassword: 'X', Password: 'a', PasswordConfirm: 'b' },
      });
      expect(response.body).toBe(
        "{systemUserId:0,wasSuccessful:False,responseStatus:{errorCode:Equal,message:'Password Confirm' must be equal to 'Password'.,errors:[{errorCode:Equal,fieldName:PasswordConfirm,message:'Password Confirm' must be equal to 'Password'.,meta:{PropertyName:Password Confirm,ComparisonProperty:Password}}]}}",
      );
    });
  });

  describe('validation', () => {
    it('never echoes a password, even when PasswordConfirm differs (deviation from FluentValidation, whose message shows the value)', async () => {
      const response = await callAntel(deployment, {
        path: '/user/password/reset',
        body: { ApiKey: apiKey, TemporaryPassword: 'X', Password: 'hunter2 secret', PasswordConfirm: 'hunter3' },
      });
      expect(response.status).toBe(400);
      expect(response.body).not.toMatch(/hunter/);
    });

    it('counts white space alone as empty, as NotEmpty does', async () => {
      const response = await callAntel(deployment, { path: '/user/password/forgot', body: { ApiKey: apiKey, EmailAddress: ' \t ' } });
      expect(response.status).toBe(400);
      expect(response.dto['responseStatus']).toMatchObject({ errorCode: 'NotEmpty', message: "'Email Address' must not be empty." });
    });
  });
});

describe('the Antel API when it cannot serve', () => {
  let deployment: LegacyDeployment;
  let apiKey: string;

  beforeAll(async () => {
    deployment = await startLegacyDeployment({ RATE_LIMIT_SECRET_ATTEMPTS_PER_IP: '3/1h' });
    ({ apiKey } = await deployment.addClient({ name: 'Antel Limits', legacyApis: ['antel'] }));
  });
  afterAll(async () => {
    await deployment.close();
  });

  it('answers reset attempts over the per-IP limit 429 TooManyRequests with Retry-After (a deliberate choice over 200 wasSuccessful false)', async () => {
    const body = { ApiKey: apiKey, TemporaryPassword: 'ABCDEFGHJK', Password: 'a fine passphrase', PasswordConfirm: 'a fine passphrase' };
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 3; attempt += 1)
      statuses.push((await callAntel(deployment, { path: '/user/password/reset', body })).status);
    expect(statuses).toEqual([200, 200, 200]);
    for (const path of ['/user/password/reset', '/user/password/reset.jsv']) {
      const throttled = await callAntel(deployment, { path, body });
      expect(throttled.status).toBe(429);
      expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(throttled.dto['responseStatus']).toEqual({
        errorCode: 'TooManyRequests',
        message: 'Too many attempts; try again later.',
        errors: [],
      });
    }
  });

  it('answers 503 ServiceUnavailable with Retry-After when Redis does not answer, failing closed', async () => {
    // Redis stops answering for 3 s; the server's request-path commands time out after 2 s.
    await deployment.redis.call('CLIENT', 'PAUSE', '3000', 'ALL');
    const response = await callAntel(deployment, {
      path: '/user/password/forgot?format=jsv',
      body: { ApiKey: apiKey, EmailAddress: 'ana@example.com' },
    });
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('5');
    expect(response.body).toBe(
      '{systemUserId:0,wasSuccessful:False,responseStatus:{errorCode:ServiceUnavailable,message:The service is temporarily unavailable; try again later.,errors:[]}}',
    );
  });
});
