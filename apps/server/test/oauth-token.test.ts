import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, trpcClientFor, type TestServer } from './support/test-server.js';

describe('POST /oauth/token (RFC 6749 §4.4 client credentials)', () => {
  let server: TestServer;
  let clientId: string;
  let clientSecret: string;

  beforeAll(async () => {
    server = await startTestServer({ ACCESS_TOKEN_TTL: '2s' });
    ({ clientId, clientSecret } = server.client);
  });
  afterAll(async () => {
    await server.close();
  });

  const basic = (id: string, secret: string) =>
    `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;

  async function token(init: { body?: string; contentType?: string; authorization?: string; method?: string }) {
    const headers: Record<string, string> = {};
    if (init.contentType) headers['content-type'] = init.contentType;
    if (init.authorization) headers.authorization = init.authorization;
    const response = await fetch(`${server.url}/oauth/token`, {
      method: init.method ?? 'POST',
      headers,
      ...(init.body === undefined ? {} : { body: init.body }),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, text, json: JSON.parse(text) as Record<string, unknown> };
  }
  const form = (fields: Record<string, string>) => ({
    body: new URLSearchParams(fields).toString(),
    contentType: 'application/x-www-form-urlencoded',
  });

  it('issues a bearer token to a client authenticated with HTTP Basic', async () => {
    const answer = await token({ ...form({ grant_type: 'client_credentials' }), authorization: basic(clientId, clientSecret) });
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({
      access_token: expect.stringMatching(/^pwat_[A-Za-z0-9_-]{43}$/),
      token_type: 'bearer',
      expires_in: 2,
      scope: 'password-reset',
    });
    expect(answer.headers.get('cache-control')).toBe('no-store');
    expect(answer.headers.get('pragma')).toBe('no-cache');
  });

  it('accepts the credentials in a form body or a JSON body', async () => {
    expect((await token(form({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }))).status).toBe(200);
    const json = await token({
      body: JSON.stringify({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }),
      contentType: 'application/json',
    });
    expect(json.status).toBe(200);
    expect(json.json.token_type).toBe('bearer');
  });

  it('ignores a requested scope (RFC 6749 §3.3) and grants password-reset', async () => {
    const answer = await token(
      form({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret, scope: 'read write' }),
    );
    expect([answer.status, answer.json.scope]).toEqual([200, 'password-reset']);
  });

  it('takes grant_type and scope from the query string too, as the same URL serves Cameramanager’s clients, but never credentials', async () => {
    const viaQuery = await fetch(`${server.url}/oauth/token?grant_type=client_credentials&scope=read`, {
      method: 'POST',
      headers: { authorization: basic(clientId, clientSecret) },
    });
    expect([viaQuery.status, ((await viaQuery.json()) as { scope: string }).scope]).toEqual([200, 'password-reset']);
    const credentials = await fetch(`${server.url}/oauth/token?client_secret=${encodeURIComponent(clientSecret)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId }).toString(),
    });
    expect([credentials.status, ((await credentials.json()) as { error: string }).error]).toEqual([400, 'invalid_request']);
  });

  it('refuses two authentication methods at once', async () => {
    const answer = await token({
      ...form({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }),
      authorization: basic(clientId, clientSecret),
    });
    expect(answer.status).toBe(400);
    expect(answer.json.error).toBe('invalid_request');
  });

  it('answers unsupported_grant_type for another grant and invalid_request without one', async () => {
    const other = await token(form({ grant_type: 'password', client_id: clientId, client_secret: clientSecret }));
    expect([other.status, other.json.error]).toEqual([400, 'unsupported_grant_type']);
    const none = await token(form({ client_id: clientId, client_secret: clientSecret }));
    expect([none.status, none.json.error]).toEqual([400, 'invalid_request']);
  });

  it('answers invalid_client 401, with a Basic challenge only when Basic was used', async () => {
    const viaBasic = await token({ ...form({ grant_type: 'client_credentials' }), authorization: basic(clientId, 'wrong-secret') });
    expect([viaBasic.status, viaBasic.json.error]).toEqual([401, 'invalid_client']);
    expect(viaBasic.headers.get('www-authenticate')).toMatch(/^Basic realm="pwreset"/);
    const viaBody = await token(form({ grant_type: 'client_credentials', client_id: clientId, client_secret: 'wrong-secret' }));
    expect([viaBody.status, viaBody.json.error]).toEqual([401, 'invalid_client']);
    expect(viaBody.headers.get('www-authenticate')).toBeNull();
    const unknown = await token(form({ grant_type: 'client_credentials', client_id: 'cl_nobody', client_secret: clientSecret }));
    expect([unknown.status, unknown.json.error]).toEqual([401, 'invalid_client']);
    const noCredentials = await token(form({ grant_type: 'client_credentials' }));
    expect([noCredentials.status, noCredentials.json.error]).toEqual([401, 'invalid_client']);
  });

  it('answers malformed, repeated, oversize and unreadable input in the RFC shape', async () => {
    const cases = [
      { body: '{"grant_type":', contentType: 'application/json' },
      { body: 'grant_type=client_credentials&grant_type=client_credentials', contentType: 'application/x-www-form-urlencoded' },
      form({ grant_type: 'client_credentials', client_id: 'x'.repeat(600), client_secret: clientSecret }),
      { body: 'grant_type=client_credentials', contentType: 'text/plain' },
      { ...form({ grant_type: 'client_credentials' }), authorization: 'Basic !!!' },
    ];
    for (const init of cases) {
      const answer = await token(init);
      expect(answer.status, init.body.slice(0, 40)).toBeGreaterThanOrEqual(400);
      expect(answer.status).toBeLessThan(500);
      expect(['invalid_request', 'invalid_client']).toContain(answer.json.error);
      expect(typeof answer.json.error_description).toBe('string');
      expect(answer.text).not.toContain(clientSecret);
    }
    const huge = await token(form({ grant_type: 'client_credentials', client_id: clientId, client_secret: 'y'.repeat(40_000) }));
    expect([huge.status, huge.json.error]).toEqual([413, 'invalid_request']);
    const get = await token({ method: 'GET' });
    expect([get.status, get.headers.get('allow')]).toEqual([405, 'POST']);
  });

  it('stores tokens only hashed, with a TTL', async () => {
    const { json } = await token(form({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }));
    const accessToken = json.access_token as string;
    const keys = await server.redis.keys('*access-token*');
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) {
      expect(key).not.toContain(accessToken);
      expect(await server.redis.get(key)).not.toContain(accessToken);
      expect(await server.redis.ttl(key)).toBeGreaterThan(0);
    }
    expect(JSON.stringify(await server.redis.hgetall(`pwreset:client:{${clientId}}`))).not.toContain(clientSecret);
  });

  it('an expired token is refused', async () => {
    const { json } = await token(form({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }));
    const trpc = trpcClientFor(server.url, json.access_token as string);
    await expect(trpc.passwordReset.request.mutate({ email: 'x@example.com' })).resolves.toEqual({ accepted: true });
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    await expect(trpc.passwordReset.request.mutate({ email: 'x@example.com' })).rejects.toMatchObject({
      data: { resetCode: 'UNAUTHORIZED' },
    });
  });
});

describe('revocation and rotation take effect at once', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.close();
  });

  async function fetchToken(clientId: string, clientSecret: string): Promise<{ status: number; accessToken?: string }> {
    const response = await fetch(`${server.url}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }),
    });
    const body = (await response.json()) as { access_token?: string };
    return { status: response.status, ...(body.access_token ? { accessToken: body.access_token } : {}) };
  }

  it('rotating the secret kills the old secret and every token issued with it', async () => {
    const added = await server.composed.clients.add({
      name: 'Rotating',
      resetUrls: [],
      defaultLocale: 'en',
      minPasswordLength: 8,
      legacyApis: [],
    });
    if (!added.ok) throw new Error('add failed');
    const before = await fetchToken(added.client.clientId, added.clientSecret);
    const trpc = trpcClientFor(server.url, before.accessToken);
    await expect(trpc.passwordReset.request.mutate({ email: 'r@example.com' })).resolves.toEqual({ accepted: true });
    const rotated = await server.composed.clients.rotateSecret(added.client.clientId);
    if (!rotated.ok) throw new Error('rotate failed');
    await expect(trpc.passwordReset.request.mutate({ email: 'r@example.com' })).rejects.toMatchObject({
      data: { resetCode: 'UNAUTHORIZED' },
    });
    expect((await fetchToken(added.client.clientId, added.clientSecret)).status).toBe(401);
    expect((await fetchToken(added.client.clientId, rotated.clientSecret)).status).toBe(200);
  });

  it('revoking a client kills its tokens, its secret and its outstanding reset links', async () => {
    const added = await server.composed.clients.add({
      name: 'Revoked',
      resetUrls: [],
      defaultLocale: 'en',
      minPasswordLength: 8,
      legacyApis: [],
    });
    if (!added.ok) throw new Error('add failed');
    const { accessToken } = await fetchToken(added.client.clientId, added.clientSecret);
    const trpc = trpcClientFor(server.url, accessToken);
    await server.users.createUser({ email: 'victim@example.com', password: 'victim-password-1' });
    await trpc.passwordReset.request.mutate({ email: 'victim@example.com' });
    const [mail] = (await server.mails()).filter((candidate) => candidate.to === 'victim@example.com');
    const secret = /#token=([A-Za-z0-9_-]{43})/.exec(mail!.text)![1]!;
    expect((await server.composed.clients.revoke(added.client.clientId)).ok).toBe(true);
    await expect(trpc.passwordReset.request.mutate({ email: 'victim@example.com' })).rejects.toMatchObject({
      data: { resetCode: 'UNAUTHORIZED' },
    });
    expect((await fetchToken(added.client.clientId, added.clientSecret)).status).toBe(401);
    await expect(server.publicTrpc.passwordReset.inspect.mutate({ token: secret })).rejects.toMatchObject({
      data: { resetCode: 'TOKEN_INVALID' },
    });
  });
});
