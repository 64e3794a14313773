import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectConforms, loadOpenApi } from '../support/openapi-contract.js';
import { startLegacyDeployment, type LegacyDeployment } from '../support/legacy-deployment.js';
import {
  alerts,
  bindTrafficOpsClient,
  callTrafficOps,
  createUser,
  mailsTo,
  postResetPassword,
  successFor,
  validator,
} from './trafficops-support.js';

/** The document's request example, byte for byte (its body is 35 bytes: four-space indentation). */
const DOCUMENTED_REQUEST = {
  path: '/api/5.0/user/reset_password',
  headers: {
    Host: 'trafficops.infra.ciab.test',
    'User-Agent': 'curl/7.47.0',
    Accept: '*/*',
    Cookie: 'mojolicious=...',
    'Content-Length': '35',
    'Content-Type': 'application/json',
  },
  body: '{\n    "email": "test@example.com"\n}',
};
const DOCUMENTED_RESPONSE_BODY = { alerts: [{ level: 'success', text: "Successfully sent password reset to email 'test@example.com'" }] };
const DOCUMENTED_WHOLE_CONTENT_SHA512 = 'lKWwVYbgKklk7bljnQJZwWV5bljIk+GkooD6SAc3CSexVKvfbL9dgL5iBc/BNNRk2pIU5I/1GgldcDLrXsF1ZA==';
const UNSUPPORTED_VERSION_TEXT =
  'The requested api version is not implemented by this server. If you are using a newer client with an older server, you will need to use an older client version or upgrade your server.';

describe('the Traffic Ops user/reset_password contract, against the real server', () => {
  let deployment: LegacyDeployment;

  beforeAll(async () => {
    deployment = await startLegacyDeployment({ RATE_LIMIT_REQUESTS_PER_ADDRESS: '4/1h' });
    await bindTrafficOpsClient(deployment);
    await createUser(deployment, 'test@example.com');
  });
  afterAll(async () => {
    await deployment.close();
  });

  it('has the document’s examples in its OpenAPI description', () => {
    const operation = JSON.stringify(loadOpenApi('trafficops').paths['/api/{version}/user/reset_password']);
    expect(operation).toContain(JSON.stringify({ email: 'test@example.com' }));
    expect(operation).toContain(JSON.stringify(DOCUMENTED_RESPONSE_BODY));
  });

  it('replays the document’s request example and answers its status, body and headers (with no Set-Cookie and a digest of our own bytes: documented deviations)', async () => {
    const answer = await postResetPassword(deployment.url, DOCUMENTED_REQUEST.body, {
      path: DOCUMENTED_REQUEST.path,
      headers: DOCUMENTED_REQUEST.headers,
    });
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual(DOCUMENTED_RESPONSE_BODY);
    // callTrafficOps checked every header the example shows; these are the ones it cannot show.
    expect(answer.headers.date).toEqual(expect.any(String));
    expect(answer.headers['set-cookie']).toBeUndefined();
    expect(answer.headers['whole-content-sha512']).toBe(createHash('sha512').update(answer.body).digest('base64'));
    expect(answer.headers['whole-content-sha512']).not.toBe(DOCUMENTED_WHOLE_CONTENT_SHA512);
    expect(answer.headers['content-encoding']).toBeUndefined();
    const mail = await deployment.waitForMail((candidate) => candidate.to === 'test@example.com' && candidate.kind === 'password-reset');
    expect(mail.text).toMatch(/\/reset#token=[A-Za-z0-9_-]{43}\b/);
  });

  it('serves the same handler under /api/4.0, /api/3.0, a minor version and with a trailing slash', async () => {
    const email = 'versions@example.com';
    await createUser(deployment, email);
    for (const path of [
      '/api/4.0/user/reset_password',
      '/api/3.0/user/reset_password',
      '/api/4.1/user/reset_password',
      '/api/5.0/user/reset_password/',
    ]) {
      const answer = await postResetPassword(deployment.url, JSON.stringify({ email }), { path });
      expect([path, answer.status, answer.json]).toEqual([path, 200, successFor(email)]);
    }
  });

  it('reads the body as Go does: any Content-Type or none, keys in any case, unknown keys ignored, data after the first value ignored', async () => {
    const email = 'lenient@example.com';
    await createUser(deployment, email);
    const cases: [string, Record<string, string>][] = [
      [`{"EMAIL":"${email}"}`, { 'content-type': 'text/plain' }],
      [`{"Email":"${email}","role":"admin","email2":1}`, { 'content-type': 'application/x-www-form-urlencoded' }],
      [`{"email":"${email}"}\n{"trailing":true}`, { 'content-type': 'application/xml' }],
    ];
    for (const [body, headers] of cases) {
      const answer = await postResetPassword(deployment.url, body, { headers });
      expect([body, answer.status, answer.json]).toEqual([body, 200, successFor(email)]);
    }
    const withoutType = await callTrafficOps(deployment.url, { body: `{"email":"${email}"}` });
    expect([withoutType.status, withoutType.json]).toEqual([200, successFor(email)]);
  });

  it('uses the address part of an RFC 5322 name-addr, in the answer and for the mail', async () => {
    const email = 'named@example.com';
    await createUser(deployment, email);
    for (const form of [`Named User <${email}>`, `"User, Named" <${email}>`, `${email} (Named User)`]) {
      const answer = await postResetPassword(deployment.url, JSON.stringify({ email: form }));
      expect([form, answer.status, answer.json]).toEqual([form, 200, successFor(email)]);
    }
    await deployment.waitForMail((mail) => mail.to === email);
  });

  it('answers an unknown address with 404 and the Go handler’s text, and mails nothing', async () => {
    const answer = await postResetPassword(deployment.url, JSON.stringify({ email: 'Ghost <ghost@example.com>' }));
    expect([answer.status, answer.json]).toEqual([
      404,
      alerts('error', "No account with the email address 'ghost@example.com' was found!"),
    ]);
    await createUser(deployment, 'after-ghost@example.com');
    await postResetPassword(deployment.url, JSON.stringify({ email: 'after-ghost@example.com' }));
    await deployment.waitForMail((mail) => mail.to === 'after-ghost@example.com');
    expect(await mailsTo(deployment, 'ghost@example.com')).toBe(0);
  });

  it.each([
    ['', 'Malformed request: EOF'],
    ['{"email":"test@example.com"', 'Malformed request: unexpected EOF'],
    ['email=test%40example.com', "Malformed request: invalid character 'e' looking for beginning of value"],
    ['{"email" "test@example.com"}', `Malformed request: invalid character '"' after object key`],
    ['[{"email":"test@example.com"}]', 'Malformed request: json: cannot unmarshal array into Go value of type tc.UserPasswordResetRequest'],
    ['"test@example.com"', 'Malformed request: json: cannot unmarshal string into Go value of type tc.UserPasswordResetRequest'],
    ['{"email":42}', 'Malformed request: JSON 42 not quoted: invalid syntax'],
    ['{"email":true}', 'Malformed request: JSON true not quoted: invalid syntax'],
    [
      '{"email":"not-an-address"}',
      "Malformed request: Couldn't parse 'not-an-address' as an email address: mail: missing '@' or angle-addr",
    ],
    ['{"email":"Test User"}', "Malformed request: Couldn't parse 'Test User' as an email address: mail: no angle-addr"],
    [
      '{"email":"a@example.com, b@example.com"}',
      `Malformed request: Couldn't parse 'a@example.com, b@example.com' as an email address: mail: expected single address, got ", b@example.com"`,
    ],
    ['{"email":""}', "Malformed request: Couldn't parse '' as an email address: mail: no address"],
    ['{}', "Malformed request: 'email' is required"],
    ['null', "Malformed request: 'email' is required"],
    ['{"email":null}', "Malformed request: 'email' is required"],
  ])('answers the malformed body %j with 400 and %j', async (body, text) => {
    const answer = await postResetPassword(deployment.url, body);
    expect([answer.status, answer.json]).toEqual([400, alerts('error', text)]);
  });

  it('answers a body over 16 KiB with 413 in the envelope (our documented addition), declared length or not', async () => {
    const big = JSON.stringify({ email: `${'a'.repeat(20_000)}@example.com` });
    const declared = await postResetPassword(deployment.url, big);
    expect([declared.status, declared.json]).toEqual([413, alerts('error', 'Request Entity Too Large')]);
    const chunked = await postResetPassword(deployment.url, Buffer.from(big), { headers: { 'transfer-encoding': 'chunked' } });
    expect(chunked.status).toBe(413);
  });

  it.each([
    ['GET', '/api/5.0/user/reset_password'],
    ['PUT', '/api/5.0/user/reset_password'],
    ['DELETE', '/api/4.0/user/reset_password'],
    ['OPTIONS', '/api/5.0/user/reset_password'],
    ['POST', '/api/5.0/user/reset_password/now'],
    ['POST', '/api/5.0/users'],
    ['GET', '/api/5.0/ping?x=1'],
    ['POST', '/API/5.0/user/reset_password'],
  ])('answers %s %s with Traffic Ops’ catch-all 404 (there is no 405)', async (method, path) => {
    const answer = await callTrafficOps(deployment.url, { method, path, body: '{}' });
    expectConforms(validator.component('NotFound', answer), `${method} ${path}`);
    expect([answer.status, answer.json]).toEqual([404, alerts('error', `The requested path '${path.split('?')[0]}' does not exist.`)]);
  });

  it.each(['/api/2.0/user/reset_password', '/api/6.0/user/reset_password', '/api/5/user/reset_password', '/api/', '/api'])(
    'answers %s, an API version it does not serve, with Traffic Ops’ 501',
    async (path) => {
      const answer = await callTrafficOps(deployment.url, { path, body: '{"email":"test@example.com"}' });
      expectConforms(validator.component('UnsupportedApiVersion', answer), path);
      expect([answer.status, answer.json]).toEqual([501, alerts('error', UNSUPPORTED_VERSION_TEXT)]);
    },
  );

  it('answers a throttled request like any other, and sends no more mail than the throttle allows (documented deviation)', async () => {
    const email = 'throttled@example.com';
    await createUser(deployment, email);
    for (let attempt = 0; attempt < 6; attempt += 1) {
      const answer = await postResetPassword(deployment.url, JSON.stringify({ email }));
      expect([answer.status, answer.json]).toEqual([200, successFor(email)]);
    }
    await deployment.waitForMail((mail) => mail.to === email);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await mailsTo(deployment, email)).toBeLessThanOrEqual(4);
  });

  it('answers 500 Internal Server Error and nothing more while no client is bound to the API (documented), and serves again once one is', async () => {
    const bound = await deployment.clients.findLegacyBinding('trafficops');
    if (!bound) throw new Error('no binding to revoke');
    expect(await deployment.clients.revoke(bound.id)).toEqual({ ok: true });
    const answer = await postResetPassword(deployment.url, JSON.stringify({ email: 'test@example.com' }));
    expect([answer.status, answer.json]).toEqual([500, alerts('error', 'Internal Server Error')]);
    await bindTrafficOpsClient(deployment, 'Traffic Ops again');
    const again = await postResetPassword(deployment.url, JSON.stringify({ email: 'test@example.com' }));
    expect(again.status).toBe(200);
  });
});
