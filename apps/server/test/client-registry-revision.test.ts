import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisClientRegistry } from '../src/clients/redis-client-registry.js';
import { redisKeys } from '../src/redis/redis-keys.js';
import { registerClient, startTestServer, trpcClientFor, type TestServer } from './support/test-server.js';

// The server keeps clients in memory between requests (client-snapshots.ts). A write from another
// process (the CLI: another registry over the same Redis) must still take effect at the next request.
describe('clients kept in memory by the server', () => {
  let server: TestServer;
  let cli: ReturnType<typeof redisClientRegistry>;
  beforeAll(async () => {
    server = await startTestServer();
    cli = redisClientRegistry({
      redis: server.redis,
      keys: redisKeys(server.config.redisKeyPrefix),
      keyRing: server.config.keyRing,
      defaults: { hostedResetPageUrl: server.config.hostedResetPageUrl, resetTokenTtlSeconds: server.config.resetTokenTtlSeconds },
    });
  });
  afterAll(async () => {
    await server.close();
  });

  const request = (accessToken: string, body: Record<string, string>) =>
    fetch(`${server.url}/trpc/passwordReset.request`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
      body: JSON.stringify(body),
    });

  it('refuses a client revoked by another process at its very next request', async () => {
    const client = await registerClient(server.composed, server.url, { name: 'Revoked Elsewhere' });
    expect((await request(client.accessToken, { email: 'a@example.com' })).status).toBe(200);
    expect((await cli.revoke(client.clientId)).ok).toBe(true);
    expect((await request(client.accessToken, { email: 'a@example.com' })).status).toBe(401);
  });

  it('refuses the tokens of a secret rotated by another process at their very next request', async () => {
    const client = await registerClient(server.composed, server.url, { name: 'Rotated Elsewhere' });
    expect((await request(client.accessToken, { email: 'a@example.com' })).status).toBe(200);
    expect((await cli.rotateSecret(client.clientId)).ok).toBe(true);
    expect((await request(client.accessToken, { email: 'a@example.com' })).status).toBe(401);
  });

  it('applies settings changed by another process at the next request', async () => {
    const client = await registerClient(server.composed, server.url, { name: 'Moved', resetUrls: ['https://old.example.com/reset'] });
    const trpc = trpcClientFor(server.url, client.accessToken);
    await trpc.passwordReset.request.mutate({ email: 'a@example.com', resetUrl: 'https://old.example.com/reset' });
    expect((await cli.update(client.clientId, { resetUrls: ['https://new.example.com/reset'] })).ok).toBe(true);
    expect((await request(client.accessToken, { email: 'a@example.com', resetUrl: 'https://old.example.com/reset' })).status).toBe(400);
    await trpc.passwordReset.request.mutate({ email: 'a@example.com', resetUrl: 'https://new.example.com/reset' });
  });
});
