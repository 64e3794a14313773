import { whoamiOutputSchema } from '@pwreset/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerClient, startTestServer, trpcClientFor, type TestServer } from './support/test-server.js';

describe('client.whoami (bearer token)', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it('answers the calling client’s id, name and legacy APIs', async () => {
    const legacy = await registerClient(server.composed, server.url, { name: 'Legacy Shop', legacyApis: ['antel', 'teenquotes'] });
    expect(await trpcClientFor(server.url, legacy.accessToken).client.whoami.query()).toEqual({
      clientId: legacy.clientId,
      name: 'Legacy Shop',
      legacyApis: ['antel', 'teenquotes'],
    });
    expect(await server.trpc.client.whoami.query()).toEqual({ clientId: server.client.clientId, name: 'Test App', legacyApis: [] });
  });

  it('is a GET query whose answer names no credential', async () => {
    const response = await fetch(`${server.url}/trpc/client.whoami`, { headers: { authorization: `Bearer ${server.client.accessToken}` } });
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(whoamiOutputSchema.parse((JSON.parse(text) as { result: { data: unknown } }).result.data).clientId).toBe(server.client.clientId);
    for (const secret of [server.client.clientSecret, server.client.apiKey, server.client.accessToken]) expect(text).not.toContain(secret);
  });

  it('answers 401 with a Bearer challenge without a token, and invalid_token with a bad one', async () => {
    const none = await fetch(`${server.url}/trpc/client.whoami`);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer realm="pwreset"');
    const bad = await fetch(`${server.url}/trpc/client.whoami`, { headers: { authorization: 'Bearer pwat_not-a-real-token' } });
    expect(bad.status).toBe(401);
    expect(bad.headers.get('www-authenticate')).toContain('error="invalid_token"');
  });
});
