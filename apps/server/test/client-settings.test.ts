import { completePasswordReset, inspectPasswordReset } from '@pwreset/contract/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerClient, secretFromMail, startTestServer, trpcClientFor, type TestServer } from './support/test-server.js';

describe('tRPC client authentication (RFC 6750)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.close();
  });

  async function request(authorization?: string) {
    const response = await fetch(`${server.url}/trpc/passwordReset.request`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
      body: JSON.stringify({ email: 'someone@example.com' }),
    });
    return {
      status: response.status,
      challenge: response.headers.get('www-authenticate'),
      body: (await response.json()) as { error?: { data: { resetCode: string } } },
    };
  }

  it('answers 401 UNAUTHORIZED with a Bearer challenge when no token is given', async () => {
    const answer = await request();
    expect(answer.status).toBe(401);
    expect(answer.body.error?.data.resetCode).toBe('UNAUTHORIZED');
    expect(answer.challenge).toBe('Bearer realm="pwreset"');
  });

  it('adds error="invalid_token" when a bad token is given', async () => {
    for (const authorization of ['Bearer pwat_not-a-real-token', 'Bearer ', `Bearer ${'x'.repeat(5000)}`]) {
      const answer = await request(authorization);
      expect(answer.status).toBe(401);
      expect(answer.challenge).toMatch(/^Bearer realm="pwreset", error="invalid_token"/);
    }
  });

  it('does not accept the client secret itself as a bearer token', async () => {
    expect((await request(`Bearer ${server.client.clientSecret}`)).status).toBe(401);
  });

  it('keeps inspect, complete and policy public', async () => {
    await expect(server.publicTrpc.passwordReset.policy.query()).resolves.toMatchObject({ minLength: 8 });
    await expect(server.publicTrpc.passwordReset.inspect.mutate({ token: 'A'.repeat(43) })).rejects.toMatchObject({
      data: { resetCode: 'TOKEN_INVALID' },
    });
  });
});

describe('per-client settings, enforced', () => {
  let server: TestServer;
  let users = 0;
  beforeAll(async () => {
    server = await startTestServer({ PUBLIC_BASE_URL: 'https://reset.example.com' });
  });
  afterAll(async () => {
    await server.close();
  });

  async function newUser(locale?: string): Promise<string> {
    users += 1;
    const email = `person${users}@example.com`;
    await server.users.createUser({ email, password: 'old-password-1', ...(locale ? { locale } : {}) });
    return email;
  }

  async function lastMailTo(email: string) {
    const mail = (await server.mails()).filter((candidate) => candidate.to === email).at(-1);
    if (!mail) throw new Error(`no mail to ${email}`);
    return mail;
  }

  it('links to our hosted page when the client registered no reset URL', async () => {
    const email = await newUser();
    await server.trpc.passwordReset.request.mutate({ email });
    expect((await lastMailTo(email)).text).toContain('https://reset.example.com/reset#token=');
  });

  it('links to the client’s first registered URL by default, or to a requested one on its list', async () => {
    const client = await registerClient(server.composed, server.url, {
      name: 'Shop',
      resetUrls: ['https://shop.example.com/reset', 'https://m.shop.example.com/reset'],
    });
    const trpc = trpcClientFor(server.url, client.accessToken);
    const email = await newUser();
    await trpc.passwordReset.request.mutate({ email });
    expect((await lastMailTo(email)).text).toContain('https://shop.example.com/reset#token=');
    await trpc.passwordReset.request.mutate({ email, resetUrl: 'https://m.shop.example.com/reset' });
    expect((await lastMailTo(email)).text).toContain('https://m.shop.example.com/reset#token=');
    await trpc.passwordReset.request.mutate({ email, resetUrl: 'https://reset.example.com/reset' });
    expect((await lastMailTo(email)).text).toContain('https://reset.example.com/reset#token=');
  });

  it('refuses a reset URL that is not exactly on the list, and sends nothing', async () => {
    const client = await registerClient(server.composed, server.url, { name: 'Strict', resetUrls: ['https://strict.example.com/reset'] });
    const trpc = trpcClientFor(server.url, client.accessToken);
    const email = await newUser();
    const before = (await server.mails()).length;
    for (const resetUrl of [
      'https://evil.example.com/reset',
      'https://strict.example.com/reset/',
      'https://strict.example.com/reset?x=1',
    ]) {
      await expect(trpc.passwordReset.request.mutate({ email, resetUrl })).rejects.toMatchObject({
        data: { resetCode: 'RESET_URL_NOT_ALLOWED', httpStatus: 400 },
      });
    }
    expect((await server.mails()).length).toBe(before);
  });

  it('uses the client’s link lifetime, sender name, default locale and password minimum', async () => {
    const client = await registerClient(server.composed, server.url, {
      name: 'Winkel',
      senderName: 'Winkel Support',
      ttlSeconds: 3 * 86_400,
      defaultLocale: 'nl',
      minPasswordLength: 14,
    });
    const email = await newUser();
    await trpcClientFor(server.url, client.accessToken).passwordReset.request.mutate({ email });
    const mail = await lastMailTo(email);
    expect(mail.from).toBe('Winkel Support <no-reply@pwreset.localhost>');
    expect(mail.subject).toContain('Winkel');
    expect(mail.subject).toMatch(/wachtwoord/i);
    const secret = secretFromMail(mail);
    const inspected = await server.publicTrpc.passwordReset.inspect.mutate({ token: secret });
    const lifetimeHours = (new Date(inspected.expiresAt).getTime() - Date.now()) / 3_600_000;
    expect(lifetimeHours).toBeGreaterThan(71.9);
    expect(lifetimeHours).toBeLessThanOrEqual(72);
    expect(inspected.policy.minLength).toBe(14);
    expect(inspected.applicationName).toBe('Winkel');
    await expect(server.publicTrpc.passwordReset.complete.mutate({ token: secret, password: 'thirteen-char' })).rejects.toMatchObject({
      data: { resetCode: 'PASSWORD_REJECTED', reasons: ['TOO_SHORT'] },
    });
    await expect(server.publicTrpc.passwordReset.complete.mutate({ token: secret, password: 'fourteen-chars' })).resolves.toEqual({
      completed: true,
    });
  });

  it('prefers the request locale, then the user’s, then the client’s default', async () => {
    const client = await registerClient(server.composed, server.url, { name: 'Tienda', defaultLocale: 'es' });
    const trpc = trpcClientFor(server.url, client.accessToken);
    const french = await newUser('fr');
    await trpc.passwordReset.request.mutate({ email: french });
    expect((await lastMailTo(french)).subject).toMatch(/mot de passe/i);
    await trpc.passwordReset.request.mutate({ email: french, locale: 'nl-BE' });
    expect((await lastMailTo(french)).subject).toMatch(/wachtwoord/i);
    const plain = await newUser();
    await trpc.passwordReset.request.mutate({ email: plain });
    expect((await lastMailTo(plain)).subject).toMatch(/contraseña/i);
  });

  it('a secret is bound to the client that started it: another client’s routes cannot use it', async () => {
    const first = await registerClient(server.composed, server.url, { name: 'First' });
    const second = await registerClient(server.composed, server.url, { name: 'Second' });
    const email = await newUser();
    await trpcClientFor(server.url, first.accessToken).passwordReset.request.mutate({ email });
    const secret = secretFromMail(await lastMailTo(email));
    const asSecond = { clientId: second.clientId };
    const requester = { ip: '192.0.2.10' };
    expect(await inspectPasswordReset(server.composed.ports, { token: secret }, requester, asSecond)).toEqual({
      ok: false,
      error: { code: 'TOKEN_INVALID' },
    });
    expect(await completePasswordReset(server.composed.ports, { token: secret, password: 'new-password-99' }, requester, asSecond)).toEqual(
      {
        ok: false,
        error: { code: 'TOKEN_INVALID' },
      },
    );
    const asFirst = await completePasswordReset(server.composed.ports, { token: secret, password: 'new-password-99' }, requester, {
      clientId: first.clientId,
    });
    expect(asFirst).toEqual({ ok: true, value: { completed: true } });
  });
});

describe('the client registry', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.close();
  });
  const base = { resetUrls: [] as string[], defaultLocale: 'en' as const, minPasswordLength: 8 };

  it('binds Traffic Ops to one client at a time', async () => {
    const first = await server.composed.clients.add({ ...base, name: 'TO one', legacyApis: ['trafficops'] });
    if (!first.ok) throw new Error('add failed');
    const second = await server.composed.clients.add({ ...base, name: 'TO two', legacyApis: ['trafficops', 'antel'] });
    expect(second).toMatchObject({ ok: false, reason: 'LEGACY_API_TAKEN' });
    expect((await server.composed.clients.findLegacyBinding('trafficops'))?.id).toBe(first.client.clientId);
    await server.composed.clients.revoke(first.client.clientId);
    expect(await server.composed.clients.findLegacyBinding('trafficops')).toBeNull();
    const third = await server.composed.clients.add({ ...base, name: 'TO three', legacyApis: ['trafficops'] });
    expect(third.ok).toBe(true);
  });

  it('refuses a Cameramanager client a link lifetime under the 1 to 3 days its document promises', async () => {
    expect(await server.composed.clients.add({ ...base, name: 'CM short', legacyApis: ['cameramanager'], ttlSeconds: 3600 })).toMatchObject(
      { ok: false, reason: 'INVALID_SETTINGS' },
    );
    const added = await server.composed.clients.add({ ...base, name: 'CM', legacyApis: ['cameramanager'], ttlSeconds: 2 * 86_400 });
    if (!added.ok) throw new Error('add failed');
    expect(await server.composed.clients.update(added.client.clientId, { ttlSeconds: 7200 })).toMatchObject({
      ok: false,
      reason: 'INVALID_SETTINGS',
    });
    const other = await server.composed.clients.add({ ...base, name: 'Short TTL', legacyApis: [], ttlSeconds: 3600 });
    expect(await server.composed.clients.update(other.ok ? other.client.clientId : '', { legacyApis: ['cameramanager'] })).toMatchObject({
      ok: false,
      reason: 'INVALID_SETTINGS',
    });
  });

  it('finds a client by its API key, stored only hashed, until the key is rotated', async () => {
    const added = await server.composed.clients.add({ ...base, name: 'Antel app', legacyApis: ['antel'] });
    if (!added.ok) throw new Error('add failed');
    expect((await server.composed.clients.findByApiKey(added.apiKey))?.id).toBe(added.client.clientId);
    expect(await server.composed.clients.findByApiKey(`${added.apiKey}x`)).toBeNull();
    const everything =
      JSON.stringify(await server.redis.hgetall(`pwreset:client:{${added.client.clientId}}`)) + (await server.redis.keys('*')).join();
    expect(everything).not.toContain(added.apiKey);
    expect(everything).not.toContain(added.clientSecret);
    const rotated = await server.composed.clients.rotateApiKey(added.client.clientId);
    if (!rotated.ok) throw new Error('rotate failed');
    expect(await server.composed.clients.findByApiKey(added.apiKey)).toBeNull();
    expect((await server.composed.clients.findByApiKey(rotated.apiKey))?.id).toBe(added.client.clientId);
  });
});

describe('CORS for a reset form on a client’s own site', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
    await registerClient(server.composed, server.url, { name: 'Own form', resetUrls: ['https://shop.example.com/account/reset'] });
  });
  afterAll(async () => {
    await server.close();
  });

  const call = (path: string, origin: string, method = 'POST') =>
    fetch(`${server.url}/trpc/${path}`, {
      method,
      headers: { origin, 'content-type': 'application/json', ...(method === 'OPTIONS' ? { 'access-control-request-method': 'POST' } : {}) },
      ...(method === 'POST' ? { body: JSON.stringify({ token: 'A'.repeat(43) }) } : {}),
    });

  it('lets a registered reset URL’s origin call the public procedures, preflight included', async () => {
    const preflight = await call('passwordReset.complete', 'https://shop.example.com', 'OPTIONS');
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://shop.example.com');
    expect(preflight.headers.get('access-control-allow-headers')).toBe('content-type');
    const inspect = await call('passwordReset.inspect', 'https://shop.example.com');
    expect(inspect.headers.get('access-control-allow-origin')).toBe('https://shop.example.com');
    // Every answer is no-store, so no cache can hand one origin's answer to another.
    expect(inspect.headers.get('cache-control')).toBe('no-store');
  });

  it('gives other origins, and the client-only request procedure, no CORS at all', async () => {
    expect((await call('passwordReset.inspect', 'https://evil.example.com')).headers.get('access-control-allow-origin')).toBeNull();
    expect(
      (await call('passwordReset.complete', 'https://evil.example.com', 'OPTIONS')).headers.get('access-control-allow-origin'),
    ).toBeNull();
    expect((await call('passwordReset.request', 'https://shop.example.com')).headers.get('access-control-allow-origin')).toBeNull();
  });
});
